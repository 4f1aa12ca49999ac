import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toCatalogAccelerator, toTcoDefaults, toThroughputBenchmark } from "../catalog/hardware-records.js";
import { loadHardwareFiles } from "../catalog/load-hardware-files.js";
import {
  type ComparisonCatalogs,
  type ComparisonInput,
  type ComparisonOption,
  compareOptions,
  resolveComparisonOptions,
} from "./comparison.js";
import { type Decimal, dec } from "./decimal.js";
import { DomainError } from "./errors.js";
import type { ModelArchitecture } from "./memory.js";
import type { ResolvedOffering } from "./price-catalog.js";
import type { CatalogAccelerator, SelfHostedModel, TcoDefaults } from "./self-hosted.js";
import { logSpacedVolumes, MAX_SWEEP_POINTS, sweep } from "./sweep.js";
import type { ThroughputBenchmark } from "./throughput.js";
import type { Workload } from "./workload.js";

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

describe("sweep", () => {
  it("defaults to 1 % … 100 × the workload's volume, log-spaced whole volumes", () => {
    const c = compareOptions(input(standardOptions));
    const s = sweep(c, { points: 50 });
    expect(s.from.toString()).toBe("25000000");
    expect(s.to.toString()).toBe("250000000000");
    expect(s.volumes).toHaveLength(50);
    expect(s.volumes[0]?.toString()).toBe("25000000");
    expect(s.volumes[49]?.toString()).toBe("250000000000");
    for (let i = 1; i < s.volumes.length; i++) {
      expect(s.volumes[i]?.isInteger()).toBe(true);
      expect((s.volumes[i] as Decimal).gt(s.volumes[i - 1] as Decimal)).toBe(true);
    }
    // Four decades in 49 steps: every step multiplies by 10^(4/49).
    expect(s.volumes[1]?.toString()).toBe("30169816");
    expect(s.assumptions.map((a) => a.field)).toEqual(["/sweep/from", "/sweep/to"]);
    expect(s.series.map((x) => x.name)).toEqual(c.options.map((o) => o.name));
    expect(s.currency).toBe("USD");
  });

  it("every curve is non-decreasing in volume: API, self-hosted, hybrid", () => {
    const c = compareOptions(input(standardOptions));
    const s = sweep(c, { points: 400, from: dec(1_000_000), to: dec("1e12") });
    const kinds = new Set(s.series.map((x) => x.kind));
    expect(kinds).toEqual(new Set(["api", "self-hosted", "hybrid"]));
    for (const series of s.series) {
      expect(series.costs).toHaveLength(s.volumes.length);
      for (let i = 1; i < series.costs.length; i++) {
        expect(
          (series.costs[i] as Decimal).gte(series.costs[i - 1] as Decimal),
          `${series.name} at ${i}`,
        ).toBe(true);
      }
    }
  });

  it("API fees are linear and self-hosting steps with whole replicas", () => {
    const c = compareOptions(input(standardOptions));
    const s = sweep(c, { points: 3, from: dec(1_000_000), to: dec(100_000_000_000) });
    expect(s.volumes.map(String)).toEqual(["1000000", "316227766", "100000000000"]);
    const gpt = s.series.find((x) => x.name === "openai/gpt-4o");
    // $4 per 1M tokens at the 4:1 mix.
    expect(gpt?.costs.map(String)).toEqual(["4", "1264.911064", "400000"]);
    const bought = s.series.find((x) => x.name === "8×H100 bought");
    // 64.45B output tokens a replica = 322.26B total at 20 % output: one replica up to there.
    expect(bought?.costs[0]?.eq(bought.costs[2] as Decimal)).toBe(true);
    expect(bought?.costs[0]?.toDecimalPlaces(2).toString()).toBe("9592.98");
  });

  it("drops volumes that round to the same whole token", () => {
    expect(logSpacedVolumes(dec(1), dec(10), 50).map(String)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
  });

  it("refuses bad ranges with pointers", () => {
    const c = compareOptions(input(standardOptions));
    const pointer = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DomainError ? e.pointer : "not a DomainError";
      }
      return null;
    };
    expect(pointer(() => sweep(c, { points: MAX_SWEEP_POINTS + 1 }))).toBe("/sweep/points");
    expect(pointer(() => sweep(c, { points: 1 }))).toBe("/sweep/points");
    expect(pointer(() => sweep(c, { points: 10, from: dec("1.5") }))).toBe("/sweep/from");
    expect(pointer(() => sweep(c, { points: 10, from: dec(100), to: dec(100) }))).toBe("/sweep/to");
    const empty = {
      ...c,
      workload: { ...c.workload, inputTokensPerMonth: dec(0), outputTokensPerMonth: dec(0) },
    };
    expect(pointer(() => sweep(empty, { points: 10 }))).toBe("/sweep/from");
  });

  it("sweeps 1000 points of five options quickly", () => {
    const c = compareOptions(input(standardOptions));
    const t0 = performance.now();
    const s = sweep(c, { points: 1000 });
    expect(s.volumes).toHaveLength(1000);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
