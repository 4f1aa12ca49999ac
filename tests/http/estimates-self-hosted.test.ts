import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../api/domain/shared/decimal.js";
import { EXAMPLE_WORKLOAD } from "../../api/examples.js";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function estimate(body: unknown) {
  const res = await postJson(ctx.app, "/v1/estimates/self-hosted", body);
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
}

// Issue 3's worked example: a 4-GPU server bought for $120,000, 4-year life, 10 % residual, no cost of
// capital, 3 % maintenance, drawing 3 kW at PUE 1.4 and $0.12/kWh costs $3.99715 per hour.
const workedDeployment = {
  model: "llama-3-8b",
  accelerator: "h100-sxm",
  acceleratorsPerReplica: 4,
  precision: "bf16",
  throughput: { tokensPerSecond: "1000", counts: "output" },
  acquisition: {
    mode: "purchase",
    pricePerAccelerator: "30000",
    lifetimeYears: "4",
    residualValueShare: "0.1",
    costOfCapital: "0",
    maintenanceShare: "0.03",
  },
  power: { wattsPerReplica: "3000", loadFactor: "1", pue: "1.4", pricePerKwh: "0.12" },
  facilitiesPerReplicaMonth: "0",
  operations: { fte: "0", costPerFteMonth: "0" },
  maxUtilization: "1",
};

describe("POST /v1/estimates/self-hosted — happy paths", () => {
  it("the worked purchase example costs $3.99715 per replica-hour, to the cent and beyond", async () => {
    const { status, body } = await estimate({
      workload: { inputTokensPerMonth: 1_000_000_000, outputTokensPerMonth: 1_000_000_000 },
      deployment: workedDeployment,
    });
    expect(status).toBe(200);
    expect(Number(body.hourlyCostPerReplica).toFixed(5)).toBe("3.99715");
    // (108000/4 + 3600)/8760 + 3 × 1.4 × 0.12 = 3.4931506849… + 0.504
    expect(body.hourlyCostPerReplica.startsWith("3.9971506849315068493")).toBe(true);
    // capacity 1000 × 3600 × 730 = 2,628,000,000 output tokens/month → one replica
    expect(body).toMatchObject({ replicas: 1, capacityTokensPerMonth: "2628000000", currency: "USD" });
    expect(body.throughput).toMatchObject({ source: "given", counts: "output", tokensPerSecond: "1000" });
    const charged = body.lineItems.filter((l: any) => l.cost !== "0").map((l: any) => l.component);
    expect(charged.sort()).toEqual(["capital", "energy", "maintenance"]);
    const sum = body.lineItems.reduce((s: Decimal, l: any) => s.plus(l.cost), new Decimal(0));
    expect(sum.toString()).toBe(body.monthlyCost);
    const assumed = body.assumptions.map((a: any) => a.field);
    for (const given of [
      "/deployment/power/pue",
      "/deployment/acquisition/lifetimeYears",
      "/deployment/throughput",
      "/deployment/maxUtilization",
    ]) {
      expect(assumed).not.toContain(given);
    }
  });

  it("fills every omitted field from the sourced catalogue and lists it in assumptions", async () => {
    const { status, body } = await estimate({
      workload: EXAMPLE_WORKLOAD,
      // A model and accelerator with a published measurement (the 2026 example's is an estimate).
      deployment: { model: "llama-3-70b", accelerator: "h100-sxm" },
    });
    expect(status).toBe(200);
    expect(body.throughput.source).toBe("benchmark");
    expect(body.throughput.reference).toMatch(/TensorRT-LLM|MLPerf/);
    const fields = body.assumptions.map((a: any) => a.field);
    for (const f of [
      "/deployment/acquisition/pricePerAccelerator",
      "/deployment/power/pue",
      "/deployment/power/pricePerKwh",
      "/deployment/maxUtilization",
    ]) {
      expect(fields).toContain(f);
    }
    for (const a of body.assumptions) expect(a.source.length).toBeGreaterThan(5);
    expect(body.lineItems.map((l: any) => l.component)).toEqual(
      expect.arrayContaining(["capital", "maintenance", "energy", "facilities", "operations"]),
    );
  });

  it("rent includes power: no energy line unless watts are given (colocation)", async () => {
    const rent = await estimate({
      workload: { inputTokensPerMonth: 1_000_000_000, outputTokensPerMonth: 1_000_000_000 },
      deployment: {
        model: "llama-3-8b",
        accelerator: "h100-sxm",
        acquisition: { mode: "rent", pricePerAcceleratorHour: "2.99" },
      },
    });
    expect(rent.status).toBe(200);
    expect(rent.body.lineItems.map((l: any) => l.component)).not.toContain("energy");
    expect(rent.body.lineItems.find((l: any) => l.component === "rent")).toMatchObject({ unitPrice: "2.99" });
  });

  it("a roofline estimate is labelled with its efficiency factors", async () => {
    const { body } = await estimate({
      workload: { inputTokensPerMonth: 1_000_000_000, outputTokensPerMonth: 1_000_000_000 },
      deployment: { model: "falcon-40b", accelerator: "a100-80gb", throughput: { source: "estimate" } },
    });
    expect(body.throughput.source).toBe("estimate");
    expect(body.throughput.factors).toMatchObject({ memoryEfficiency: expect.any(String) });
  });

  it("a model that does not fit still prices, with fits: false and a warning", async () => {
    const { status, body } = await estimate({
      workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
      deployment: {
        model: "falcon-180b",
        accelerator: "l4",
        acceleratorsPerReplica: 1,
        precision: "bf16",
        throughput: { tokensPerSecond: "10" },
      },
    });
    expect(status).toBe(200);
    expect(body.memory.fits).toBe(false);
    expect(body.warnings.join(" ")).toMatch(/fit/i);
  });

  it("local batch-1 on a consumer GPU (GPT4All-class)", async () => {
    const { status, body } = await estimate({
      workload: { inputTokensPerMonth: 3_000_000, outputTokensPerMonth: 1_000_000 },
      deployment: { model: "llama-3-8b", accelerator: "rtx-4090" },
    });
    expect(status).toBe(200);
    expect(body.deployment.local).toBe(true);
    const operations = body.lineItems.filter(
      (l: any) => l.component === "operations" || l.component === "facilities",
    );
    expect(operations.every((l: any) => l.cost === "0")).toBe(true);
  });

  it("GET /v1/accelerators lists specs and dated prices", async () => {
    const res = await ctx.app.request("/v1/accelerators");
    const body = (await res.json()) as any;
    expect(body.data.map((a: any) => a.id)).toEqual(
      expect.arrayContaining([
        "h100-sxm",
        "h100-pcie",
        "h200",
        "a100-80gb",
        "l40s",
        "l4",
        "rtx-4090",
        "mi300x",
        "b200",
      ]),
    );
    const h100 = body.data.find((a: any) => a.id === "h100-sxm");
    expect(h100).toMatchObject({ memoryGB: "80", tdpWatts: "700" });
    expect(h100.purchasePrices[0]).toMatchObject({
      source: expect.any(String),
      checkedOn: expect.any(String),
    });
  });
});

describe("POST /v1/estimates/self-hosted — errors", () => {
  const workload = { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 };
  it("unknown model or accelerator → 404 naming it", async () => {
    const m = await estimate({ workload, deployment: { model: "llama-9", accelerator: "h100-sxm" } });
    expect(m.status).toBe(404);
    expect(m.body.errors[0].pointer).toBe("/deployment/model");
    const a = await estimate({ workload, deployment: { model: "llama-3-8b", accelerator: "tpu-v9" } });
    expect(a.status).toBe(404);
    expect(a.body.errors[0]).toMatchObject({
      pointer: "/deployment/accelerator",
      detail: expect.stringContaining("tpu-v9"),
    });
  });

  it("a proprietary model cannot be self-hosted → 422", async () => {
    const r = await estimate({
      workload,
      deployment: { model: "gpt-4o-2024-08-06", accelerator: "h100-sxm" },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].pointer).toBe("/deployment/model");
  });

  it("impossible values → 422 with pointers, never Infinity", async () => {
    const r = await estimate({
      workload,
      deployment: {
        model: "llama-3-8b",
        accelerator: "h100-sxm",
        throughput: { tokensPerSecond: "0" },
        acquisition: {
          mode: "purchase",
          pricePerAccelerator: "-5",
          lifetimeYears: "0",
          residualValueShare: "1.5",
        },
        power: { pue: "0.9" },
        maxUtilization: "0",
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: any) => e.pointer).sort()).toEqual(
      [
        "/deployment/acquisition/lifetimeYears",
        "/deployment/acquisition/pricePerAccelerator",
        "/deployment/acquisition/residualValueShare",
        "/deployment/maxUtilization",
        "/deployment/power/pue",
        "/deployment/throughput/tokensPerSecond",
      ].sort(),
    );
    expect(JSON.stringify(r.body)).not.toMatch(/Infinity|NaN/);
  });
});
