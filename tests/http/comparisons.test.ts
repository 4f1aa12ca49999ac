import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../api/domain/shared/decimal.js";
import { EXAMPLE_WORKLOAD } from "../../api/examples.js";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const workload = EXAMPLE_WORKLOAD;
// Every input explicit, so the figures below can be worked by hand.
const boughtBox = {
  model: "llama-3-70b",
  accelerator: "h100-sxm",
  acceleratorsPerReplica: 8,
  precision: "fp8",
  throughput: { tokensPerSecond: "1000", counts: "total" },
  acquisition: {
    mode: "purchase",
    pricePerAccelerator: "30000",
    lifetimeYears: "4",
    residualValueShare: "0",
    costOfCapital: "0",
    maintenanceShare: "0",
  },
  power: { wattsPerReplica: "0", loadFactor: "1", pue: "1", pricePerKwh: "0" },
  facilitiesPerReplicaMonth: "0",
  operations: { fte: "0", costPerFteMonth: "0" },
  maxUtilization: "1",
};
const options = [
  { kind: "api", provider: "openai", model: "gpt-4o" },
  { kind: "api", provider: "groq", model: "llama3-70b-8192" },
  { kind: "self-hosted", name: "8×H100 bought", deployment: boughtBox },
];

async function compare(body: unknown, accept?: string) {
  const res = await postJson(ctx.app, "/v1/comparisons", body, accept ? { accept } : {});
  return res;
}

describe("POST /v1/comparisons", () => {
  it("ranks options cheapest first with full estimates and break-even per self-hosted × API pair", async () => {
    const res = await compare({ workload, options, at: "2024-11-01" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    // gpt-4o: 2000 × 2.5 + 500 × 10 = 10,000. Groq: 2000 × 0.59 + 500 × 0.79 = 1,575.
    // Bought box: 240,000 / 4 / 12 = 5,000 a month, capacity 1000 × 3600 × 730 = 2.628B tokens → 1 replica.
    expect(body.data.map((o: any) => [o.rank, o.name, o.monthlyCost])).toEqual([
      [1, "groq/llama3-70b-8192", "1575"],
      [2, "8×H100 bought", "5000"],
      [3, "openai/gpt-4o", "10000"],
    ]);
    expect(body.data[0].estimate.lineItems.length).toBeGreaterThan(0);
    expect(body.breakEven).toHaveLength(2);
    // vs gpt-4o at $4 per 1M blended: 5000 / 4e-6 = 1.25B tokens; cheaper from 1,250,000,001.
    const vsGpt = body.breakEven.find((b: any) => b.api === "openai/gpt-4o");
    expect(vsGpt).toMatchObject({ selfHosted: "8×H100 bought", monthlyTokens: "1250000001", replicas: 1 });
    // vs Groq at $0.63 per 1M blended, a replica costs 5000 / 2628 = $1.90 per 1M at full use: never.
    const vsGroq = body.breakEven.find((b: any) => b.api === "groq/llama3-70b-8192");
    expect(vsGroq.monthlyTokens).toBeNull();
    expect(vsGroq.reason).toMatch(/0\.63/);
    expect(vsGroq.reason).toMatch(/1\.90/);
  });

  it("sweeps volume log-spaced, each option's cost monotone in volume", async () => {
    const res = await compare({
      workload,
      options,
      at: "2024-11-01",
      sweep: { points: 40, from: 1_000_000, to: 100_000_000_000 },
    });
    const body = (await res.json()) as any;
    expect(body.sweep.volumes[0]).toBe("1000000");
    expect(body.sweep.volumes.at(-1)).toBe("100000000000");
    expect(body.sweep.series).toHaveLength(3);
    for (const series of body.sweep.series) {
      for (let i = 1; i < series.costs.length; i++) {
        expect(new Decimal(series.costs[i]).gte(series.costs[i - 1])).toBe(true);
      }
    }
    const box = body.sweep.series.find((s: any) => s.name === "8×H100 bought");
    expect(box.costs[0]).toBe("5000");
    expect(box.costs.at(-1)).toBe(String(5000 * 39)); // ceil(100e9 / 2.628e9) = 39 replicas
  });

  it("prices a hybrid: replicas up to capacity, overflow on the API", async () => {
    const res = await compare({
      workload: { inputTokensPerMonth: 4_000_000_000, outputTokensPerMonth: 1_000_000_000 },
      options: [
        {
          kind: "hybrid",
          name: "one box + GPT-4o",
          deployment: boughtBox,
          replicas: 1,
          overflow: { provider: "openai", model: "gpt-4o" },
        },
      ],
      at: "2024-11-01",
    });
    const body = (await res.json()) as any;
    const hybrid = body.data[0].estimate;
    // One replica serves 2.628B of 5B tokens; 2.372B overflow at $4 per 1M = 9,488; total 14,488.
    expect(hybrid).toMatchObject({
      replicas: 1,
      selfServedTokensPerMonth: "2628000000",
      overflowTokensPerMonth: "2372000000",
    });
    expect(hybrid.overflowMonthlyCost).toBe("9488");
    expect(hybrid.monthlyCost).toBe("14488");
  });

  it("returns a sensitivity table, most influential first", async () => {
    const res = await compare({
      workload,
      options,
      at: "2024-11-01",
      sensitivity: { selfHosted: "8×H100 bought", api: "openai/gpt-4o" },
    });
    const body = (await res.json()) as any;
    expect(body.sensitivity.rows.length).toBeGreaterThanOrEqual(4);
    expect(body.sensitivity.rows.map((r: any) => r.parameter)).toEqual(
      expect.arrayContaining(["hardwarePrice", "throughput", "apiPrice"]),
    );
  });

  it("answers CSV with FOCUS columns, one row per line item", async () => {
    const res = await compare({ workload, options, at: "2024-11-01" }, "text/csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    const header = lines[0]?.split(",") ?? [];
    for (const column of [
      "BillingCurrency",
      "ChargePeriodStart",
      "ChargePeriodEnd",
      "PricingUnit",
      "PricingQuantity",
      "ListUnitPrice",
      "ListCost",
      "x_Option",
      "x_Component",
    ]) {
      expect(header).toContain(column);
    }
    const json = (await (await compare({ workload, options, at: "2024-11-01" })).json()) as any;
    const lineItems = json.data.reduce((n: number, o: any) => n + o.estimate.lineItems.length, 0);
    expect(lines.length - 1).toBe(lineItems);
  });

  it("answers an SVG chart with one series per option and break-even markers", async () => {
    const res = await compare({ workload, options, at: "2024-11-01" }, "image/svg+xml");
    expect(res.status).toBe(200);
    const svg = await res.text();
    expect(svg.startsWith("<svg") || svg.startsWith("<?xml")).toBe(true);
    expect(svg).toContain("<title");
    expect(svg.match(/data-series=/g)).toHaveLength(3);
    expect(svg.match(/data-break-even=/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses an unsupported Accept with 406", async () => {
    const res = await compare({ workload, options }, "application/xml");
    expect(res.status).toBe(406);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses bad comparisons with pointers", async () => {
    const tooMany = await compare({ workload, options: Array.from({ length: 51 }, () => options[0]) });
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as any).errors[0].pointer).toBe("/options");
    const kind = await compare({ workload, options: [options[0], { kind: "on-prem" }] });
    expect(kind.status).toBe(422);
    expect(((await kind.json()) as any).errors[0].pointer).toBe("/options/1/kind");
    const noOverflow = await compare({
      workload,
      options: [{ kind: "hybrid", name: "h", deployment: boughtBox, replicas: 1 }],
    });
    expect(noOverflow.status).toBe(422);
    expect(((await noOverflow.json()) as any).errors[0].pointer).toBe("/options/0/overflow");
    const sweep = await compare({ workload, options, sweep: { points: 1001 } });
    expect(sweep.status).toBe(422);
    expect(((await sweep.json()) as any).errors[0].pointer).toBe("/sweep/points");
    const model = await compare({
      workload,
      options: [
        { kind: "self-hosted", name: "x", deployment: { model: "llama-9", accelerator: "h100-sxm" } },
      ],
    });
    expect(model.status).toBe(404);
    expect(((await model.json()) as any).errors[0].pointer).toBe("/options/0/deployment/model");
    const duplicate = await compare({ workload, options: [options[0], options[0]] });
    expect(duplicate.status).toBe(422);
  });
});
