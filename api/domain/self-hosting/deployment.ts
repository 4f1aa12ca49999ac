/**
 * The shapes of a self-hosted estimate: the request's `deployment`, the catalogue entries it is priced
 * with (accelerators, the model, the TCO defaults of pricing-data/defaults.json), and the result.
 * Types only; the engine is self-hosted.ts (resolve-deployment.ts, then price-deployment.ts).
 */

import type { Workload } from "../pricing/workload.js";
import type { Decimal } from "../shared/decimal.js";
import type { Assumption, LineItem } from "../shared/line-item.js";
import type { ModelArchitecture, Precision } from "./memory.js";
import type { ThroughputBenchmark } from "./published-benchmarks.js";
import type { ThroughputCounts } from "./sizing.js";
import type { OperationsTerms, ReplicaCostInput, ReplicaHourlyCost } from "./tco.js";
import type { AcceleratorSpec, RooflineFactors } from "./throughput.js";

/** A default value and where it comes from. */
export interface SourcedDefault {
  value: Decimal;
  source: string;
}

/** The TCO defaults of pricing-data/defaults.json, Decimals parsed. */
export interface TcoDefaults {
  pricePerKwh: SourcedDefault;
  pue: SourcedDefault;
  lifetimeYears: SourcedDefault;
  residualValueShare: SourcedDefault;
  costOfCapital: SourcedDefault;
  maintenanceShare: SourcedDefault;
  facilitiesPerServerMonth: SourcedDefault;
  acceleratorsPerServer: SourcedDefault;
  operationsFte: SourcedDefault;
  costPerFteMonth: SourcedDefault;
  maxUtilization: SourcedDefault;
  loadFactor: SourcedDefault;
  memoryMargin: SourcedDefault;
  serverPowerFactor: SourcedDefault;
  maxConcurrentSequences: SourcedDefault;
  inputTokensPerRequest: SourcedDefault;
}

export interface CatalogPurchasePrice {
  pricePerAccelerator: Decimal;
  basis: "server-share" | "card-only" | "whole-system";
  date: string | null;
  source: string;
}

export interface CatalogRentPrice {
  pricePerHour: Decimal;
  provider: string;
  term: string;
  date: string | null;
  source: string;
}

/** An accelerator of pricing-data/accelerators.json, Decimals parsed. First price = default. */
export interface CatalogAccelerator extends AcceleratorSpec {
  name: string;
  consumer: boolean;
  tdpWatts: Decimal;
  /** Wall watts per accelerator for the whole box, where sourced. */
  systemPower: { wattsPerAccelerator: Decimal; source: string } | null;
  specsSource: string;
  purchasePrices: CatalogPurchasePrice[];
  rentPrices: CatalogRentPrice[];
}

/** The model as the estimate needs it. */
export interface SelfHostedModel {
  id: string;
  family?: string | null;
  contextWindow: number;
  /** null for models without published architecture (proprietary): they cannot be self-hosted. */
  architecture: ModelArchitecture | null;
}

export type ThroughputRequest =
  | { tokensPerSecond: Decimal; counts?: ThroughputCounts }
  | { source: "benchmark" }
  | { source: "estimate" };

export type AcquisitionRequest =
  | {
      mode: "purchase";
      pricePerAccelerator?: Decimal;
      /** Server/host/network cost per replica on top of the accelerators. */
      overheadPerReplica?: Decimal;
      lifetimeYears?: Decimal;
      residualValueShare?: Decimal;
      costOfCapital?: Decimal;
      maintenanceShare?: Decimal;
    }
  | { mode: "rent"; pricePerAcceleratorHour?: Decimal };

/** The request's `deployment` object (only model and accelerator required). */
export interface DeploymentRequest {
  model: string;
  accelerator: string;
  acceleratorsPerReplica?: number;
  precision?: Precision;
  kvCachePrecision?: Precision;
  /** Local batch-1 use (GPT4All-class desktop); default: consumer hardware that is bought. */
  local?: boolean;
  /** Sequences decoded together in the estimate (local default 1; served default: largest that fits, capped). */
  concurrency?: number;
  /** Architecture replacing the catalogue's (a fine-tune or variant); checked before use. */
  architecture?: ModelArchitecture;
  /** Longest sequence served, for the memory fit (default: the model's context window). */
  contextTokens?: number;
  /** Per-user decode speed the throughput must still give each user. */
  interactivity?: { minOutputTokensPerSecondPerUser: Decimal };
  throughput?: ThroughputRequest;
  acquisition?: AcquisitionRequest;
  power?: { wattsPerReplica?: Decimal; loadFactor?: Decimal; pue?: Decimal; pricePerKwh?: Decimal };
  facilitiesPerReplicaMonth?: Decimal;
  operations?: { fte?: Decimal; costPerFteMonth?: Decimal };
  maxUtilization?: Decimal;
  /** Share of accelerator memory kept free (default 0.1). */
  memoryMargin?: Decimal;
}

/**
 * Where the caller's request holds the deployment and the workload, e.g. `/deployment` and `/workload`
 * for `POST /v1/estimates/self-hosted`, `/options/2/deployment` in a comparison. The estimate names
 * the fields it fills in (`assumptions[].field`) with them; its errors carry paths relative to the
 * deployment, which the caller prefixes (`DomainError.withPrefix`).
 */
export interface DeploymentPointers {
  deployment: string;
  workload: string;
}

export interface SelfHostedInput {
  workload: Workload;
  deployment: DeploymentRequest;
  model: SelfHostedModel;
  accelerator: CatalogAccelerator;
  benchmarks: readonly ThroughputBenchmark[];
  defaults: TcoDefaults;
  /** Where the request holds the deployment and the workload; default `/deployment` and `/workload`. */
  at?: DeploymentPointers;
}

export interface SelfHostedEstimate {
  model: string;
  accelerator: string;
  currency: "USD";
  monthlyCost: Decimal;
  replicas: number;
  /** Capital + maintenance (or rent) + energy + facilities per replica-hour; operations excluded. */
  hourlyCostPerReplica: Decimal;
  /** The same by component (not on the wire): comparisons price other replica counts from it. */
  replicaHourlyCost: ReplicaHourlyCost;
  capacityTokensPerMonth: Decimal;
  requiredTokensPerMonth: Decimal;
  /** Average utilisation (no peak factor). */
  utilization: Decimal;
  /** Monthly cost per million tokens, input + output; null when the workload has no tokens. */
  costPerMillionTokens: Decimal | null;
  costPerMillionOutputTokens: Decimal | null;
  deployment: {
    acceleratorsPerReplica: number;
    precision: Precision;
    kvCachePrecision: Precision;
    local: boolean;
    acquisitionMode: "purchase" | "rent";
  };
  throughput: {
    /** Per replica. */
    tokensPerSecond: Decimal;
    counts: ThroughputCounts;
    source: "given" | "benchmark" | "estimate";
    /** Benchmark source (URL/citation), or null. */
    reference: string | null;
    benchmarkId: string | null;
    detail: string;
    factors: RooflineFactors | null;
    /** Sequences decoded together (roofline estimate). */
    concurrentSequences?: number;
    /** Decode speed each user sees (estimate; or the speed a measurement states). */
    outputTokensPerSecondPerUser?: Decimal;
  };
  memory: {
    weightsGB: Decimal;
    kvCacheGBPerSequence: Decimal;
    kvCacheBytesPerToken: Decimal;
    usableGB: Decimal;
    contextTokens: number;
    fits: boolean;
    maxBatch: number;
  };
  lineItems: LineItem[];
  assumptions: Assumption[];
  warnings: string[];
  /** The resolved cost inputs (every default applied), to re-price the deployment at other volumes. */
  terms: SelfHostedCostTerms;
}

/**
 * Everything the cost of a self-hosted deployment depends on besides the workload, with every default
 * applied: acquisition, power, facilities and operations terms (tco.ts) and the throughput, what it
 * counts and the utilisation ceiling (sizing.ts). `costOfServing` (price-deployment.ts) prices any
 * workload with them.
 */
export interface SelfHostedCostTerms extends ReplicaCostInput {
  operations: OperationsTerms;
  /** Per replica. */
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  maxUtilization: Decimal;
}
