import { beforeAll, describe, expect, it } from "vitest";
import {
  explicitDeployment,
  falcon7b,
  llama3_8b,
  llama3_70b,
  loadTestHardware,
  testHardware,
  standardWorkload as workload,
} from "../../../tests/support/domain-fixtures.js";
import type { Workload } from "../pricing/workload.js";
import { type Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { DEPLOYMENT_DEFAULTS } from "./defaults.js";
import {
  type CatalogAccelerator,
  type DeploymentRequest,
  estimateSelfHosted,
  type SelfHostedModel,
} from "./self-hosted.js";

const models: Record<string, SelfHostedModel> = {
  "llama-3-70b": { id: "llama-3-70b", family: "llama-3", contextWindow: 8192, architecture: llama3_70b },
  "llama-3-8b": { id: "llama-3-8b", family: "llama-3", contextWindow: 8192, architecture: llama3_8b },
  "falcon-7b": { id: "falcon-7b", family: "falcon", contextWindow: 2048, architecture: falcon7b },
  "gpt-4o-2024-08-06": {
    id: "gpt-4o-2024-08-06",
    family: "gpt-4o",
    contextWindow: 128000,
    architecture: null,
  },
};

beforeAll(async () => {
  await loadTestHardware();
});

function run(deployment: DeploymentRequest, w: Workload = workload()) {
  const { accelerators, benchmarks, defaults } = testHardware();
  const model = models[deployment.model];
  const accelerator = accelerators.get(deployment.accelerator);
  if (!model || !accelerator) throw new Error("test setup");
  return estimateSelfHosted({ workload: w, deployment, model, accelerator, benchmarks, defaults });
}
const fields = (r: ReturnType<typeof run>) => r.assumptions.map((a) => a.field);

describe("estimateSelfHosted — every input explicit (DESIGN §4 example)", () => {
  const explicit: DeploymentRequest = {
    ...explicitDeployment,
    kvCachePrecision: "fp8",
    memoryMargin: dec("0.1"),
    local: false,
  };

  it("prices to the cent and assumes nothing", () => {
    const r = run(explicit);
    // P = 8 × 33,750 = 270,000: capital 90,000/y + maintenance 13,500/y = 103,500/y = 8,625/month;
    // energy 10.2 kW × 1 × 1.3 × $0.10 = $1.326/h × 730 = $967.98 → $9,592.98
    expect(r.monthlyCost.toDecimalPlaces(2).toString()).toBe("9592.98");
    expect(r.hourlyCostPerReplica.toDecimalPlaces(6).toString()).toBe("13.141068");
    expect(r.replicas).toBe(1);
    // capacity 24,524.9 × 3,600 × 730 = 64,451,437,200 tokens/month
    expect(r.capacityTokensPerMonth.toString()).toBe("64451437200");
    expect(r.utilization.toDecimalPlaces(6).toString()).toBe("0.007758");
    expect(r.costPerMillionTokens?.toDecimalPlaces(6).toString()).toBe("3.837192");
    expect(r.costPerMillionOutputTokens?.toDecimalPlaces(5).toString()).toBe("19.18596");
    expect(r.throughput).toMatchObject({ source: "given", counts: "output" });
    expect(r.assumptions).toEqual([]);
    expect(r.lineItems.map((l) => l.component)).toEqual([
      "capital",
      "maintenance",
      "energy",
      "facilities",
      "operations",
    ]);
    expect(r.lineItems.reduce((s, l) => s.plus(l.cost), dec(0)).eq(r.monthlyCost)).toBe(true);
    expect(r.memory.fits).toBe(true);
    expect(r.currency).toBe("USD");
  });

  it("the same workload rented at $2.99 per GPU-hour: 8 × 2.99 × 730 = $17,461.60, no energy line", () => {
    const r = run({
      ...explicit,
      acquisition: { mode: "rent", pricePerAcceleratorHour: dec("2.99") },
      power: undefined,
    });
    expect(r.monthlyCost.toString()).toBe("17461.6");
    expect(r.lineItems.map((l) => l.component)).toEqual(["rent", "facilities", "operations"]);
    expect(fields(r)).toEqual(["/deployment/power"]);
  });

  it("sizes replicas from the throughput: one token/s short of capacity needs a second replica", () => {
    const w = workload({ outputTokensPerMonth: dec("64451437200") });
    expect(run(explicit, w).replicas).toBe(1);
    expect(run(explicit, workload({ outputTokensPerMonth: dec("64451437201") })).replicas).toBe(2);
    expect(
      run(explicit, workload({ outputTokensPerMonth: dec("64451437200"), peakToAverage: dec(2) })).replicas,
    ).toBe(2);
  });
});

describe("estimateSelfHosted — defaults", () => {
  it("fills every omitted field from the catalogue and lists it with its source", () => {
    const r = run(
      { model: "llama-3-70b", accelerator: "h100-sxm" },
      workload({ inputTokensPerRequest: dec(1500) }),
    );
    expect(r.deployment).toMatchObject({
      precision: "fp8",
      kvCachePrecision: "fp8",
      local: false,
      acquisitionMode: "purchase",
      acceleratorsPerReplica: 1,
    });
    expect(fields(r)).toEqual(
      expect.arrayContaining([
        "/deployment/acquisition/mode",
        "/deployment/local",
        "/deployment/precision",
        "/deployment/kvCachePrecision",
        "/deployment/memoryMargin",
        "/deployment/acceleratorsPerReplica",
        "/deployment/throughput",
        "/deployment/maxUtilization",
        "/deployment/acquisition/pricePerAccelerator",
        "/deployment/acquisition/overheadPerReplica",
        "/deployment/acquisition/lifetimeYears",
        "/deployment/acquisition/residualValueShare",
        "/deployment/acquisition/costOfCapital",
        "/deployment/acquisition/maintenanceShare",
        "/deployment/power/wattsPerReplica",
        "/deployment/power/loadFactor",
        "/deployment/power/pue",
        "/deployment/power/pricePerKwh",
        "/deployment/facilitiesPerReplicaMonth",
        "/deployment/operations/fte",
        "/deployment/operations/costPerFteMonth",
      ]),
    );
    for (const a of r.assumptions) expect(a.source.length).toBeGreaterThan(0);
    const byField = Object.fromEntries(r.assumptions.map((a) => [a.field, a.value]));
    expect(byField["/deployment/acquisition/pricePerAccelerator"]).toBe("33810");
    expect(byField["/deployment/power/wattsPerReplica"]).toBe("1274"); // 700 W × 1.82
    expect(byField["/deployment/power/pue"]).toBe("1.56");
    expect(byField["/deployment/facilitiesPerReplicaMonth"]).toBe("200");
    // published measurement: TensorRT-LLM 0.17, Llama 3.1 70B on 1× H100, 839.97 output tokens/s
    expect(r.throughput.source).toBe("benchmark");
    expect(r.throughput.benchmarkId).toBe("trtllm-0-17-llama-3-70b-h100-sxm-x1-1000-1000");
    expect(r.throughput.tokensPerSecond.toString()).toBe("839.97");
    expect(r.throughput.reference).toContain("TensorRT-LLM");
    expect(r.lineItems.map((l) => l.component)).toEqual([
      "capital",
      "maintenance",
      "energy",
      "facilities",
      "operations",
    ]);
    expect(r.lineItems.reduce((s, l) => s.plus(l.cost), dec(0)).eq(r.monthlyCost)).toBe(true);
    // 0.25 FTE × 18,000
    expect(r.lineItems.find((l) => l.component === "operations")?.cost.toString()).toBe("4500");
  });

  it("falls back to the roofline estimate when no measurement matches, and says which", () => {
    const r = run({ model: "falcon-7b", accelerator: "h100-sxm" });
    expect(r.throughput.source).toBe("estimate");
    expect(r.throughput.factors?.memoryEfficiency.toString()).toBe("0.7");
    expect(r.assumptions.find((a) => a.field === "/deployment/throughput")?.value).toBe("estimate");
    expect(fields(r)).toContain("/workload/inputTokensPerRequest");
    expect(r.throughput.tokensPerSecond.gt(0)).toBe(true);
  });

  it("rent defaults to the catalogue rent price and charges no energy", () => {
    const r = run({ model: "llama-3-8b", accelerator: "h100-sxm", acquisition: { mode: "rent" } });
    expect(
      r.assumptions.find((a) => a.field === "/deployment/acquisition/pricePerAcceleratorHour")?.value,
    ).toBe("2.99");
    expect(r.lineItems.some((l) => l.component === "energy")).toBe(false);
    expect(r.assumptions.find((a) => a.field === "/deployment/facilitiesPerReplicaMonth")?.value).toBe("0");
  });

  it("charges energy on rent when watts are given (colocation), defaulting the rest", () => {
    const r = run({
      model: "llama-3-8b",
      accelerator: "h100-sxm",
      acquisition: { mode: "rent" },
      power: { wattsPerReplica: dec(1000) },
    });
    expect(r.lineItems.some((l) => l.component === "energy")).toBe(true);
    expect(fields(r)).toContain("/deployment/power/pue");
    expect(r.assumptions.find((a) => a.field === "/deployment/facilitiesPerReplicaMonth")?.value).toBe("200");
  });
});

describe("estimateSelfHosted — the table of catalogue defaults (defaults.ts)", () => {
  // A deployment with every field of a table row reachable: purchase terms, power and operations.
  const base = (): DeploymentRequest => ({
    model: "llama-3-8b",
    accelerator: "h100-sxm",
    local: false,
    acquisition: { mode: "purchase" },
    power: {},
    operations: {},
  });
  /** `deployment` with `field` (a JSON pointer relative to it) set to `value`. */
  const withField = (deployment: DeploymentRequest, field: string, value: unknown): DeploymentRequest => {
    const keys = field.split("/").slice(1);
    let node = deployment as unknown as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys.at(-1) as string] = value;
    return deployment;
  };

  it.each(Object.entries(DEPLOYMENT_DEFAULTS))(
    "%s: omitted → the catalogue value and source at its field; given → the caller's value, nothing assumed",
    (_name, row) => {
      const { defaults } = testHardware();
      const omitted = run(base());
      const stated = omitted.assumptions.find((a) => a.field === `/deployment${row.field}`);
      expect(stated).toEqual({
        field: `/deployment${row.field}`,
        value: defaults[row.key].value.toString(),
        source: defaults[row.key].source,
      });
      const given = withField(base(), row.field, dec("0.37"));
      expect(row.given(given)?.toString()).toBe("0.37");
      expect(run(given).assumptions.map((a) => a.field)).not.toContain(`/deployment${row.field}`);
    },
  );

  it("local use takes a row's own local default where it has one", () => {
    const r = run({ ...base(), accelerator: "rtx-4090", local: true });
    for (const row of Object.values(DEPLOYMENT_DEFAULTS)) {
      const local: { value: Decimal } | undefined = "local" in row ? row.local : undefined;
      if (!local) continue;
      expect(r.assumptions.find((a) => a.field === `/deployment${row.field}`)?.value).toBe(
        local.value.toString(),
      );
    }
  });
});

describe("estimateSelfHosted — pointers", () => {
  it("names assumptions where the caller says the deployment and the workload are", () => {
    const { accelerators, benchmarks, defaults } = testHardware();
    const model = models["falcon-7b"] as SelfHostedModel;
    const r = estimateSelfHosted({
      workload: workload(),
      deployment: { model: "falcon-7b", accelerator: "h100-sxm" },
      model,
      accelerator: accelerators.get("h100-sxm") as CatalogAccelerator,
      benchmarks,
      defaults,
      at: { deployment: "/options/2/deployment", workload: "/workload" },
    });
    const same = run({ model: "falcon-7b", accelerator: "h100-sxm" });
    expect(r.assumptions.map((a) => a.field)).toEqual(
      same.assumptions.map((a) => (a.field.startsWith("/deployment") ? `/options/2${a.field}` : a.field)),
    );
    expect(r.assumptions.map((a) => a.field)).toContain("/workload/inputTokensPerRequest");
  });
});

describe("estimateSelfHosted — local and edge (GPT4All-class)", () => {
  it("an RTX 4090 bought for a desktop: batch 1, int4, PUE 1, no facilities or staff, llama.cpp measurement", () => {
    const w = workload({ inputTokensPerMonth: dec(3_000_000), outputTokensPerMonth: dec(1_000_000) });
    const r = run({ model: "llama-3-8b", accelerator: "rtx-4090" }, w);
    expect(r.deployment).toMatchObject({ local: true, precision: "int4", acceleratorsPerReplica: 1 });
    expect(r.throughput).toMatchObject({
      source: "benchmark",
      benchmarkId: "llamacpp-llama-3-8b-rtx-4090-x1-int4-tg1024",
    });
    const byField = Object.fromEntries(r.assumptions.map((a) => [a.field, a.value]));
    expect(byField["/deployment/power/pue"]).toBe("1");
    expect(byField["/deployment/power/wattsPerReplica"]).toBe("850");
    expect(byField["/deployment/facilitiesPerReplicaMonth"]).toBe("0");
    expect(byField["/deployment/operations/fte"]).toBe("0");
    expect(r.warnings.join(" ")).toContain("card only");
    // energy per hour: 0.85 kW × load 0.75 × PUE 1 × $0.0771/kWh
    expect(r.lineItems.find((l) => l.component === "energy")?.unitPrice.toString()).toBe("0.04915125");
  });

  it("a 4090 estimate runs at batch 1 with layers split across the cards", () => {
    const r = run({ model: "llama-3-70b", accelerator: "rtx-4090", throughput: { source: "estimate" } });
    expect(r.deployment.acceleratorsPerReplica).toBe(2);
    expect(r.throughput.detail).toContain("batch 1 (fixed)");
    expect(r.throughput.detail).toContain("layers split over 2 devices");
  });

  it("Apple M2 Ultra: the llama.cpp measurement prices it; an estimate is refused (no FLOPS figure)", () => {
    const r = run({ model: "llama-3-70b", accelerator: "m2-ultra" });
    expect(r.throughput.tokensPerSecond.toString()).toBe("12.13");
    expect(() =>
      run({ model: "llama-3-70b", accelerator: "m2-ultra", throughput: { source: "estimate" } }),
    ).toThrow(/no published dense/);
  });
});

describe("estimateSelfHosted — problems", () => {
  it("a deployment that does not fit still prices, with fits false and a warning", () => {
    const r = run({
      model: "llama-3-70b",
      accelerator: "l4",
      acceleratorsPerReplica: 1,
      precision: "bf16",
      throughput: { tokensPerSecond: dec(10) },
    });
    expect(r.memory.fits).toBe(false);
    expect(r.memory.maxBatch).toBe(0);
    expect(r.warnings[0]).toContain("does not fit");
    expect(r.monthlyCost.gt(0)).toBe(true);
  });

  it("a model without architecture cannot be self-hosted", () => {
    expect(() => run({ model: "gpt-4o-2024-08-06", accelerator: "h100-sxm" })).toThrow(DomainError);
  });

  it("renting an accelerator with no sourced rent price asks for one", () => {
    try {
      run({ model: "llama-3-8b", accelerator: "l4", acquisition: { mode: "rent" } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("no-price");
      // Relative to the deployment: the caller places it (`/deployment/…`, `/options/2/deployment/…`).
      expect((e as DomainError).pointer).toBe("/acquisition/pricePerAcceleratorHour");
    }
  });

  it("asking for a benchmark that does not exist is an error with a pointer", () => {
    try {
      run({ model: "falcon-7b", accelerator: "h100-sxm", throughput: { source: "benchmark" } });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).pointer).toBe("/throughput/source");
    }
  });

  it("zero throughput is refused, never a division by zero", () => {
    expect(() =>
      run({ model: "llama-3-8b", accelerator: "h100-sxm", throughput: { tokensPerSecond: dec(0) } }),
    ).toThrow(DomainError);
  });

  it("an empty workload costs one replica and has no cost per token", () => {
    const r = run(
      { model: "llama-3-8b", accelerator: "h100-sxm" },
      workload({ inputTokensPerMonth: dec(0), outputTokensPerMonth: dec(0) }),
    );
    expect(r.replicas).toBe(1);
    expect(r.costPerMillionTokens).toBeNull();
    expect(r.costPerMillionOutputTokens).toBeNull();
    expect(r.utilization.toString()).toBe("0");
  });
});
