/**
 * Fixtures shared by the domain tests (the tests under api/domain): model architectures, price offerings,
 * workloads, deployments, the hardware catalogue from pricing-data, and the comparison and break-even
 * inputs built from them. Not a test file itself, and free of vitest: the tests own their hooks.
 */

import { catalogRowsFromFiles } from "../../api/catalog/catalog-rows.js";
import {
  toCatalogAccelerator,
  toTcoDefaults,
  toThroughputBenchmark,
} from "../../api/catalog/hardware-records.js";
import { loadPricingDataFiles } from "../../api/catalog/load-files.js";
import { loadHardwareFiles } from "../../api/catalog/load-hardware-files.js";
import type { BreakEvenInput } from "../../api/domain/comparison/break-even.js";
import {
  type ComparisonCatalogs,
  type ComparisonInput,
  type ComparisonOption,
  resolveComparisonOptions,
} from "../../api/domain/comparison/comparison.js";
import {
  PriceCatalog,
  type PriceRecord,
  type ResolvedOffering,
} from "../../api/domain/pricing/price-catalog.js";
import { priceEntryWithDefaults } from "../../api/domain/pricing/price-entry.js";
import { type Workload, withV2Defaults } from "../../api/domain/pricing/workload.js";
import type { ModelArchitecture } from "../../api/domain/self-hosting/memory.js";
import type { ThroughputBenchmark } from "../../api/domain/self-hosting/published-benchmarks.js";
import type {
  CatalogAccelerator,
  SelfHostedCostTerms,
  SelfHostedModel,
  TcoDefaults,
} from "../../api/domain/self-hosting/self-hosted.js";
import type { PurchaseTerms } from "../../api/domain/self-hosting/tco.js";
import { dec } from "../../api/domain/shared/decimal.js";
import { DomainError } from "../../api/domain/shared/errors.js";
import { PRICING_DATA_DIR } from "../../api/paths.js";

// ── Model architectures ──────────────────────────────────────────────────────────────────────────

/** Llama 3 70B: dense, grouped-query attention (64 heads, 8 KV heads). */
export const llama3_70b: ModelArchitecture = {
  totalParams: 70.55e9,
  activeParams: 70.55e9,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
  attention: { type: "gqa" },
  nativePrecision: "bf16",
};

/** Llama 3 8B: dense, grouped-query attention (32 heads, 8 KV heads). */
export const llama3_8b: ModelArchitecture = {
  totalParams: 8.03e9,
  activeParams: 8.03e9,
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  attention: { type: "gqa" },
  nativePrecision: "bf16",
};

/** Falcon 7B is multi-query: one KV head (its config's 71 is the attention-head count). */
export const falcon7b: ModelArchitecture = {
  totalParams: 7e9,
  activeParams: 7e9,
  layers: 32,
  hiddenSize: 4544,
  attentionHeads: 71,
  kvHeads: 1,
  headDim: 64,
  attention: { type: "gqa" },
  nativePrecision: "bf16",
};

/** Mixtral 8×7B: mixture of experts, 46.7B parameters of which 12.9B are active (2 of 8 experts). */
export const mixtral: ModelArchitecture = {
  totalParams: 46.7e9,
  activeParams: 12.9e9,
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
  kvHeads: 8,
  headDim: 128,
  attention: { type: "gqa" },
  moe: { experts: 8, expertsPerToken: 2, sharedExperts: 0, denseLayers: 0 },
  nativePrecision: "bf16",
};

/** DeepSeek-R1 / V3: MLA (latent 512 + RoPE 64), 256 routed experts top-8 + 1 shared, first 3 layers dense, FP8. */
export const deepseekR1: ModelArchitecture = {
  totalParams: 671e9,
  activeParams: 37e9,
  layers: 61,
  hiddenSize: 7168,
  attentionHeads: 128,
  kvHeads: 128,
  headDim: 128,
  attention: { type: "mla", kvLoraRank: 512, ropeHeadDim: 64 },
  moe: { experts: 256, expertsPerToken: 8, sharedExperts: 1, denseLayers: 3 },
  nativePrecision: "fp8",
};

/** gpt-oss-120b: 18 full + 18 sliding (128) layers, 8 KV heads × 64, 128 experts top-4, MXFP4 experts. */
export const gptOss120b: ModelArchitecture = {
  totalParams: 116.8e9,
  activeParams: 5.1e9,
  layers: 36,
  hiddenSize: 2880,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 64,
  attention: { type: "gqa" },
  slidingWindow: 128,
  fullAttentionLayers: 18,
  moe: { experts: 128, expertsPerToken: 4, sharedExperts: 0, denseLayers: 0 },
  nativePrecision: "fp4",
  nativeFp4: { format: "mxfp4", scope: "experts" },
};

/** Llama 3.1 405B: dense, 126 layers, 8 KV heads. */
export const llama31_405b: ModelArchitecture = {
  totalParams: 405e9,
  activeParams: 405e9,
  layers: 126,
  hiddenSize: 16384,
  attentionHeads: 128,
  kvHeads: 8,
  headDim: 128,
  attention: { type: "gqa" },
  nativePrecision: "bf16",
};

/** Qwen3-235B-A22B: 94 layers, 4 KV heads, 128 experts top-8. */
export const qwen3_235b: ModelArchitecture = {
  totalParams: 235e9,
  activeParams: 22e9,
  layers: 94,
  hiddenSize: 4096,
  attentionHeads: 64,
  kvHeads: 4,
  headDim: 128,
  attention: { type: "gqa" },
  moe: { experts: 128, expertsPerToken: 8, sharedExperts: 0, denseLayers: 0 },
  nativePrecision: "bf16",
};

/** The self-hostable Llama 3 70B (8,192-token context), the only model the comparison catalogue stub knows. */
export const llama70b: SelfHostedModel = {
  id: "llama-3-70b",
  family: "llama-3",
  contextWindow: 8192,
  architecture: llama3_70b,
};

// ── API offerings ────────────────────────────────────────────────────────────────────────────────

interface OfferingNames {
  providerId: string;
  providerName: string;
  modelId: string;
  modelName: string;
  family: string;
  currency: string;
}

/** A checked, closed-weights ResolvedOffering on a 2024-01-01 price sheet with the given names and rates. */
function resolvedOffering(
  names: OfferingNames,
  rates: Partial<PriceRecord> & Pick<PriceRecord, "inputPerMillion" | "outputPerMillion">,
): ResolvedOffering {
  const { providerId, providerName, modelId, modelName, family, currency } = names;
  return {
    provider: { id: providerId, name: providerName, url: `https://${providerId}.example` },
    model: {
      id: modelId,
      name: modelName,
      creator: providerId,
      family,
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
      origin: "curated",
      baseModel: null,
      deprecated: false,
    },
    viaAlias: null,
    sheet: {
      id: `${providerId}-2024-01-01`,
      providerId,
      effectiveFrom: "2024-01-01",
      currency,
      source: "test",
      checkedOn: "2024-01-01",
      checked: true,
      note: null,
      contentHash: "x",
      importedAt: "2024-01-01T00:00:00Z",
      prices: new Map(),
      withdrawn: [],
    },
    price: { ...priceEntryWithDefaults({ model: modelId, ...rates }), modelId },
  };
}

/**
 * An API offering of `model` by `provider` at `input`/`output` per 1M tokens in `currency`: flat rates,
 * no caching, batch discount or tiers; the provider and model names are their ids.
 */
export function offering(
  provider: string,
  model: string,
  input: string,
  output: string,
  currency = "USD",
): ResolvedOffering {
  const names = {
    providerId: provider,
    providerName: provider,
    modelId: model,
    modelName: model,
    family: model,
    currency,
  };
  return resolvedOffering(names, { inputPerMillion: dec(input), outputPerMillion: dec(output) });
}

/** Acme's "acme-large" in USD at the given rates (any PriceRecord field may be overridden). */
export function acmeOffering(
  rates: Partial<PriceRecord> & Pick<PriceRecord, "inputPerMillion" | "outputPerMillion">,
): ResolvedOffering {
  const names = {
    providerId: "acme",
    providerName: "Acme",
    modelId: "acme-large",
    modelName: "Acme Large",
    family: "acme",
    currency: "USD",
  };
  return resolvedOffering(names, rates);
}

/**
 * The API offerings the comparison catalogue stub knows, by "provider/model": GPT-4o at $2.50/$10,
 * Llama 3 70B at $0.88/$0.88 from Together and Groq, and a model priced in EUR.
 */
export const standardOfferings: Record<string, ResolvedOffering> = {
  "openai/gpt-4o": offering("openai", "gpt-4o-2024-08-06", "2.5", "10"),
  "together/llama-3-70b": offering("together", "llama-3-70b", "0.88", "0.88"),
  "groq/llama-3-70b": offering("groq", "llama-3-70b", "0.88", "0.88"),
  "mistral/eur-model": offering("mistral", "eur-model", "1", "1", "EUR"),
};

// ── Workloads ────────────────────────────────────────────────────────────────────────────────────

/** A workload of `input` and `output` tokens a month: no caching, no batch, no request size, flat peak. */
export const tokenWorkload = (input: number, output: number, over: Partial<Workload> = {}): Workload =>
  withV2Defaults({
    inputTokensPerMonth: dec(input),
    outputTokensPerMonth: dec(output),
    cachedInputShare: dec(0),
    cacheWriteShare: dec(0),
    batchShare: over.batchShare ?? dec(0),
    inputTokensPerRequest: null,
    peakToAverage: dec(1),
    ...over,
  });

/** The standard workload (DESIGN §4): 2B input + 500M output tokens a month, with any fields overridden. */
export const standardWorkload = (over: Partial<Workload> = {}): Workload =>
  tokenWorkload(2_000_000_000, 500_000_000, over);

/** The standard workload (DESIGN §4) as a value: 2B input + 500M output tokens a month. */
export const workload: Workload = standardWorkload();

// ── Deployments and the hardware catalogue ───────────────────────────────────────────────────────

/** The DESIGN §4 deployment, every input explicit: $9,592.98 a month for one replica. */
export const explicitDeployment = {
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

/** The hardware catalogue of pricing-data: accelerators by id, throughput benchmarks and TCO defaults. */
export interface TestHardware {
  accelerators: Map<string, CatalogAccelerator>;
  benchmarks: ThroughputBenchmark[];
  defaults: TcoDefaults;
}

let hardware: TestHardware | undefined;

/** Loads the pricing-data hardware catalogue once (call it from `beforeAll`) and returns it. */
export async function loadTestHardware(): Promise<TestHardware> {
  if (!hardware) {
    const files = await loadHardwareFiles(PRICING_DATA_DIR);
    hardware = {
      accelerators: new Map(files.accelerators.accelerators.map((a) => [a.id, toCatalogAccelerator(a)])),
      benchmarks: files.benchmarks.benchmarks.map(toThroughputBenchmark),
      defaults: toTcoDefaults(files.defaults),
    };
  }
  return hardware;
}

/** The hardware catalogue that `loadTestHardware()` loaded; throws if it has not been loaded yet. */
export function testHardware(): TestHardware {
  if (!hardware) throw new Error("Call loadTestHardware() in beforeAll before using the hardware catalogue.");
  return hardware;
}

// ── Comparisons ──────────────────────────────────────────────────────────────────────────────────

/**
 * A ComparisonCatalogs stub: the given API offerings (by "provider/model"), Llama 3 70B as the only
 * self-hostable model, and the loaded hardware catalogue's accelerators; anything else is not-found.
 */
export const comparisonCatalogs = (
  offerings: Record<string, ResolvedOffering> = standardOfferings,
): ComparisonCatalogs => ({
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
    const found = testHardware().accelerators.get(id);
    if (!found) throw new DomainError("not-found", pointer, `Unknown accelerator '${id}'.`);
    return found;
  },
});

/**
 * A ComparisonInput for the standard workload (peak-to-average assumed by default) with `options`
 * resolved against `comparisonCatalogs(offerings)` and the loaded hardware's benchmarks and defaults.
 */
export const comparisonInput = (
  options: ComparisonOption[],
  offerings: Record<string, ResolvedOffering> = standardOfferings,
): ComparisonInput => ({
  workload,
  workloadAssumptions: [{ field: "/workload/peakToAverage", value: "1", source: "default" }],
  options: resolveComparisonOptions(options, comparisonCatalogs(offerings)),
  benchmarks: testHardware().benchmarks,
  defaults: testHardware().defaults,
});

/**
 * Five options for the standard workload: GPT-4o, the explicit DESIGN §4 box, Together's Llama 3 70B,
 * an H100 rented on catalogue defaults, and a hybrid of the explicit box overflowing to GPT-4o.
 */
export const standardOptions: ComparisonOption[] = [
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

// ── Break-even and hybrid terms ──────────────────────────────────────────────────────────────────

/** The break-even workload: 750M input + 250M output tokens a month (3:1), with any fields overridden. */
export const breakEvenWorkload = (over: Partial<Workload> = {}): Workload =>
  tokenWorkload(750_000_000, 250_000_000, over);

/**
 * $36,000 over 3 years, no residual, no interest, no maintenance: $12,000 a year ≈ $1,000 a month
 * (12,000/8,760 per hour is rounded down at the 40th digit, so 730 hours come to just under $1,000).
 */
export const bought: PurchaseTerms = {
  mode: "purchase",
  pricePerAccelerator: dec(36000),
  overheadPerReplica: dec(0),
  lifetimeYears: dec(3),
  residualValueShare: dec(0),
  costOfCapital: dec(0),
  maintenanceShare: dec(0),
};

/**
 * One bought replica: ≈ $1,000 capital + 1 kW × 1.5 PUE × $0.10 × 730 h = $109.50 energy + $200
 * facilities = $1,309.50 a month. 1,000 tokens/s × 3,600 × 730 = 2.628B tokens a month raw, 1.314B at 0.5.
 */
export const breakEvenTerms = (over: Partial<SelfHostedCostTerms> = {}): SelfHostedCostTerms => ({
  acquisition: bought,
  acceleratorsPerReplica: 1,
  power: { wattsPerReplica: dec(1000), loadFactor: dec(1), pue: dec("1.5"), pricePerKwh: dec("0.10") },
  facilitiesPerReplicaMonth: dec(200),
  operations: { fte: dec(0), costPerFteMonth: dec(0) },
  tokensPerSecond: dec(1000),
  counts: "total",
  maxUtilization: dec("0.5"),
  ...over,
});

/** A BreakEvenInput: self-hosting ("own-gpus") on `t` against the API offering `o`, for workload `w`. */
export const breakEvenPair = (
  t: SelfHostedCostTerms,
  o: ResolvedOffering,
  w: Workload = breakEvenWorkload(),
): BreakEvenInput => ({
  workload: w,
  selfHosted: { name: "own-gpus", terms: t },
  api: { name: "acme/acme-large", offering: o },
});

/** The hybrid workload: 3B tokens a month, half input, half output, with any fields overridden. */
export const hybridWorkload = (over: Partial<Workload> = {}): Workload =>
  tokenWorkload(1_500_000_000, 1_500_000_000, over);

/**
 * One rented GPU at $2/h = $1,460 a month per replica, plus 0.25 FTE × $4,000 = $1,000 operations.
 * 1,000 tokens/s (total) × 3,600 × 730 × 0.5 = 1.314B tokens a month per replica.
 */
export const hybridTerms: SelfHostedCostTerms = {
  acquisition: { mode: "rent", pricePerAcceleratorHour: dec(2) },
  acceleratorsPerReplica: 1,
  power: null,
  facilitiesPerReplicaMonth: dec(0),
  operations: { fte: dec("0.25"), costPerFteMonth: dec(4000) },
  tokensPerSecond: dec(1000),
  counts: "total",
  maxUtilization: dec("0.5"),
};

let priceCatalog: PriceCatalog | undefined;

/** The real price catalogue of pricing-data (every sheet), loaded once; call it from `beforeAll`. */
export async function loadTestPriceCatalog(): Promise<PriceCatalog> {
  priceCatalog ??= new PriceCatalog(catalogRowsFromFiles(await loadPricingDataFiles(PRICING_DATA_DIR)));
  return priceCatalog;
}
