import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toCatalogAccelerator, toTcoDefaults, toThroughputBenchmark } from "../catalog/hardware-records.js";
import { loadHardwareFiles } from "../catalog/load-hardware-files.js";
import {
  type ComparisonCatalogs,
  type ComparisonInput,
  type ComparisonOption,
  compareOptions,
  MAX_COMPARISON_OPTIONS,
  monthlyCostCurve,
  resolveComparisonOptions,
} from "./comparison.js";
import { type Decimal, dec } from "./decimal.js";
import { DomainError } from "./errors.js";
import type { ModelArchitecture } from "./memory.js";
import type { ResolvedOffering } from "./price-catalog.js";
import {
  type CatalogAccelerator,
  costOfServing,
  type SelfHostedModel,
  type TcoDefaults,
} from "./self-hosted.js";
import type { ThroughputBenchmark } from "./throughput.js";
import { totalTokens, type Workload } from "./workload.js";

const llama3_70b: ModelArchitecture = {
  totalParams: 70.55e9,
  activeParams: 70.55e9,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
};
const llama70b: SelfHostedModel = {
  id: "llama-3-70b",
  family: "llama-3",
  contextWindow: 8192,
  architecture: llama3_70b,
};

function offering(
  provider: string,
  model: string,
  input: string,
  output: string,
  currency = "USD",
): ResolvedOffering {
  return {
    provider: { id: provider, name: provider, url: `https://${provider}.example` },
    model: {
      id: model,
      name: model,
      creator: provider,
      family: model,
      openWeights: false,
      license: null,
      releaseDate: null,
      contextWindow: 128000,
      mmlu: null,
      architecture: null,
      source: "test",
      checkedOn: "2024-01-01",
      checked: true,
      note: null,
    },
    viaAlias: null,
    sheet: {
      id: `${provider}-2024-01-01`,
      providerId: provider,
      effectiveFrom: "2024-01-01",
      currency,
      source: "test",
      checkedOn: "2024-01-01",
      checked: true,
      note: null,
      contentHash: "x",
      importedAt: "2024-01-01T00:00:00Z",
      prices: new Map(),
    },
    price: {
      modelId: model,
      inputPerMillion: dec(input),
      outputPerMillion: dec(output),
      cachedInputPerMillion: null,
      cacheWritePerMillion: null,
      batchDiscount: null,
      tiers: [],
    },
  };
}

const workload: Workload = {
  inputTokensPerMonth: dec(2_000_000_000),
  outputTokensPerMonth: dec(500_000_000),
  cachedInputShare: dec(0),
  cacheWriteShare: dec(0),
  batchShare: dec(0),
  inputTokensPerRequest: null,
  peakToAverage: dec(1),
};

// The DESIGN §4 deployment, every input explicit: $9,592.98 a month for one replica.
const explicitDeployment = {
  model: "llama-3-70b",
  accelerator: "h100-sxm",
  acceleratorsPerReplica: 8,
  precision: "fp8" as const,
  throughput: { tokensPerSecond: dec("24524.9"), counts: "output" as const },
  acquisition: {
    mode: "purchase" as const,
    pricePerAccelerator: dec(33750),
    overheadPerReplica: dec(0),
    lifetimeYears: dec(3),
    residualValueShare: dec(0),
    costOfCapital: dec(0),
    maintenanceShare: dec("0.05"),
  },
  power: { wattsPerReplica: dec(10200), loadFactor: dec(1), pue: dec("1.3"), pricePerKwh: dec("0.10") },
  facilitiesPerReplicaMonth: dec(0),
  operations: { fte: dec(0), costPerFteMonth: dec(0) },
  maxUtilization: dec(1),
};

let accelerators: Map<string, CatalogAccelerator>;
let benchmarks: ThroughputBenchmark[];
let defaults: TcoDefaults;

beforeAll(async () => {
  const files = await loadHardwareFiles(join(import.meta.dirname, "..", "..", "pricing-data"));
  accelerators = new Map(files.accelerators.accelerators.map((a) => [a.id, toCatalogAccelerator(a)]));
  benchmarks = files.benchmarks.benchmarks.map(toThroughputBenchmark);
  defaults = toTcoDefaults(files.defaults);
});

const offerings: Record<string, ResolvedOffering> = {
  "openai/gpt-4o": offering("openai", "gpt-4o-2024-08-06", "2.5", "10"),
  "together/llama-3-70b": offering("together", "llama-3-70b", "0.88", "0.88"),
  "groq/llama-3-70b": offering("groq", "llama-3-70b", "0.88", "0.88"),
  "mistral/eur-model": offering("mistral", "eur-model", "1", "1", "EUR"),
};

const catalogs = (): ComparisonCatalogs => ({
  offering(provider, model, pointer) {
    const found = offerings[`${provider}/${model}`];
    if (!found) throw new DomainError("not-found", `${pointer}/model`, `Unknown model '${model}'.`);
    return found;
  },
  selfHostedModel(id, pointer) {
    if (id !== "llama-3-70b") throw new DomainError("not-found", pointer, `Unknown model '${id}'.`);
    return llama70b;
  },
  accelerator(id, pointer) {
    const found = accelerators.get(id);
    if (!found) throw new DomainError("not-found", pointer, `Unknown accelerator '${id}'.`);
    return found;
  },
});

const input = (options: ComparisonOption[]): ComparisonInput => ({
  workload,
  workloadAssumptions: [{ field: "/workload/peakToAverage", value: "1", source: "default" }],
  options: resolveComparisonOptions(options, catalogs()),
  benchmarks,
  defaults,
});

const standardOptions: ComparisonOption[] = [
  { kind: "api", provider: "openai", model: "gpt-4o" },
  { kind: "self-hosted", name: "8×H100 bought", deployment: explicitDeployment },
  { kind: "api", provider: "together", model: "llama-3-70b" },
  {
    kind: "self-hosted",
    name: "H100 rented (defaults)",
    deployment: { model: "llama-3-70b", accelerator: "h100-sxm", acquisition: { mode: "rent" } },
  },
  {
    kind: "hybrid",
    name: "one H100 box + GPT-4o",
    deployment: explicitDeployment,
    replicas: "optimal",
    overflow: { provider: "openai", model: "gpt-4o" },
  },
];

describe("compareOptions", () => {
  it("ranks cheapest first, each with its full estimate", () => {
    const c = compareOptions(input(standardOptions));
    expect(c.currency).toBe("USD");
    const costs = c.options.map((o) => o.monthlyCost);
    for (let i = 1; i < costs.length; i++)
      expect((costs[i] as Decimal).gte(costs[i - 1] as Decimal)).toBe(true);
    expect(c.options.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5]);
    // GPT-4o: 2,000 × $2.50 + 500 × $10 = $10,000; together: 2,500 × $0.88 = $2,200.
    const byName = new Map(c.options.map((o) => [o.name, o]));
    expect(byName.get("openai/gpt-4o")?.monthlyCost.toString()).toBe("10000");
    expect(byName.get("together/llama-3-70b")?.monthlyCost.toString()).toBe("2200");
    expect(byName.get("8×H100 bought")?.monthlyCost.toDecimalPlaces(2).toString()).toBe("9592.98");
    expect(c.options[0]?.name).toBe("together/llama-3-70b");
    for (const o of c.options) {
      expect(o.lineItems.length).toBeGreaterThan(0);
      expect(o.lineItems.reduce((s, i) => s.plus(i.cost), dec(0)).eq(o.monthlyCost)).toBe(true);
      expect(o.assumptions[0]?.field).toBe("/workload/peakToAverage");
      expect(o.estimate).toBeDefined();
    }
    // The rented deployment's defaults point into the request's options array.
    const rented = byName.get("H100 rented (defaults)");
    expect(rented?.assumptions.map((a) => a.field)).toContain(
      "/options/3/deployment/acquisition/pricePerAcceleratorHour",
    );
  });

  it("prices a hybrid: the 8×H100 box carries 500M output tokens, so with one replica nothing overflows", () => {
    const c = compareOptions(input(standardOptions));
    const hybrid = c.options.find((o) => o.kind === "hybrid");
    if (hybrid?.kind !== "hybrid") throw new Error("no hybrid");
    // One replica ($9,592.98) serves everything vs GPT-4o alone ($10,000): one replica wins.
    expect(hybrid.estimate.replicas).toBe(1);
    expect(hybrid.estimate.overflowTokensPerMonth.toString()).toBe("0");
    expect(hybrid.monthlyCost.toDecimalPlaces(2).toString()).toBe("9592.98");
    expect(hybrid.assumptions.map((a) => a.field)).toContain("/options/4/replicas");
    expect(hybrid.deployment.throughput.tokensPerSecond.toString()).toBe("24524.9");
  });

  it("keeps request order on ties", () => {
    const c = compareOptions(
      input([
        { kind: "api", provider: "together", model: "llama-3-70b" },
        { kind: "api", provider: "groq", model: "llama-3-70b" },
      ]),
    );
    expect(c.options.map((o) => o.name)).toEqual(["together/llama-3-70b", "groq/llama-3-70b"]);
    const reversed = compareOptions(
      input([
        { kind: "api", provider: "groq", model: "llama-3-70b" },
        { kind: "api", provider: "together", model: "llama-3-70b" },
      ]),
    );
    expect(reversed.options.map((o) => o.name)).toEqual(["groq/llama-3-70b", "together/llama-3-70b"]);
  });

  it("finds the break-even of every self-hosted × API pair, self-hosted outer", () => {
    const c = compareOptions(input(standardOptions));
    expect(c.breakEven.map((b) => [b.selfHosted, b.api])).toEqual([
      ["8×H100 bought", "openai/gpt-4o"],
      ["8×H100 bought", "together/llama-3-70b"],
      ["H100 rented (defaults)", "openai/gpt-4o"],
      ["H100 rented (defaults)", "together/llama-3-70b"],
    ]);
    // $9,592.98 / $4 per 1M (GPT-4o at 4:1: 0.8 × 2.5 + 0.2 × 10) = 2.398B tokens, one replica.
    const first = c.breakEven[0];
    expect(first?.apiCostPerMillionTokens.toString()).toBe("4");
    expect(first?.replicas).toBe(1);
    expect(first?.monthlyTokens?.toString()).toBe(
      (c.options.find((o) => o.name === "8×H100 bought") as { monthlyCost: Decimal }).monthlyCost
        .div("0.000004")
        .floor()
        .plus(1)
        .toString(),
    );
  });

  it("re-prices every option at the workload's own volume to its estimate, exactly", () => {
    const c = compareOptions(input(standardOptions));
    const total = totalTokens(workload);
    for (const o of c.options) {
      expect(monthlyCostCurve(o, workload)(total).eq(o.monthlyCost), o.name).toBe(true);
      if (o.kind === "self-hosted") {
        expect(costOfServing(o.estimate.terms, workload).cost.monthlyCost.eq(o.monthlyCost)).toBe(true);
      }
    }
  });

  it("refuses more than 50 options, duplicate names and mixed currencies, with pointers", () => {
    const many: ComparisonOption[] = Array.from({ length: MAX_COMPARISON_OPTIONS + 1 }, () => ({
      kind: "api",
      provider: "openai",
      model: "gpt-4o",
    }));
    expect(() => resolveComparisonOptions(many, catalogs())).toThrow(/at most 50/);
    const pointerOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof DomainError) return e.pointer;
        throw e;
      }
      return null;
    };
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            { kind: "self-hosted", name: "a", deployment: explicitDeployment },
            { kind: "self-hosted", name: "a", deployment: explicitDeployment },
          ]),
        ),
      ),
    ).toBe("/options/1/name");
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            { kind: "api", provider: "openai", model: "gpt-4o" },
            { kind: "api", provider: "mistral", model: "eur-model" },
          ]),
        ),
      ),
    ).toBe("/options/1");
    expect(pointerOf(() => resolveComparisonOptions([{ kind: "batch" } as never], catalogs()))).toBe(
      "/options/0/kind",
    );
    // Look-ups get the option's pointer; estimate errors are re-pointed into the options array.
    expect(
      pointerOf(() =>
        resolveComparisonOptions([{ kind: "api", provider: "openai", model: "nope" }], catalogs()),
      ),
    ).toBe("/options/0/model");
    expect(
      pointerOf(() =>
        resolveComparisonOptions(
          [
            {
              kind: "hybrid",
              name: "h",
              deployment: explicitDeployment,
              replicas: 1,
              overflow: { provider: "openai", model: "nope" },
            },
          ],
          catalogs(),
        ),
      ),
    ).toBe("/options/0/overflow/model");
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            { kind: "api", provider: "openai", model: "gpt-4o" },
            {
              kind: "self-hosted",
              name: "zero",
              deployment: { ...explicitDeployment, throughput: { tokensPerSecond: dec(0) } },
            },
          ]),
        ),
      ),
    ).toBe("/options/1/deployment/throughput/tokensPerSecond");
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            {
              kind: "hybrid",
              name: "h",
              deployment: explicitDeployment,
              replicas: -1,
              overflow: { provider: "openai", model: "gpt-4o" },
            },
          ]),
        ),
      ),
    ).toBe("/options/0/replicas");
  });
});
