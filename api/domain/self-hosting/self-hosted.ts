/**
 * `estimateSelfHosted`: the TCO of serving a workload on a self-hosted (bought or rented) deployment —
 * the domain behind `POST /v1/estimates/self-hosted`. Pure: plain data in (Decimals already parsed,
 * catalogue entries already looked up), plain data out.
 *
 * Defaults, each reported in `assumptions[]` with its source when the caller leaves the field out:
 * - acquisition: purchase at the catalogue's default (first) purchase price; rent at its default
 *   rent price when `mode: "rent"` has no price. No sourced price → DomainError `no-price`.
 * - local: true for consumer hardware that is bought (RTX 4090, Apple silicon — the GPT4All-class
 *   "edge / offline" case). Local means: batch 1 (`concurrency` 1), layers split over the devices in
 *   turn (llama.cpp), INT4 weights (GGUF Q4-class), PUE 1, no facilities and no operations staff.
 * - precision: local → int4; otherwise fp8 where the accelerator has FP8 tensor cores (the precision
 *   of the published H100/H200/MI300X measurements and of TensorRT-LLM's FP8 engines), else bf16.
 * - kvCachePrecision: fp8 with fp8 weights, else 16-bit (see memory.ts).
 * - acceleratorsPerReplica: the smallest power of two ≤ 8 whose memory (less the margin) holds the
 *   weights plus one full-context sequence; 8 with a warning when nothing fits.
 * - throughput: the closest published measurement if one matches, else the roofline estimate.
 * - power (purchase): accelerators × (the catalogue's system watts per accelerator where sourced, else
 *   TDP × serverPowerFactor 1.82 from DGX H100), load factor 0.75, PUE 1.56, EIA industrial $/kWh.
 *   Rent: no energy line (cloud rent includes power) unless `power.wattsPerReplica` is given
 *   (colocation); the other power fields then default as for purchase.
 * - facilities: $200 per server-month × servers per replica (8 accelerators per server); 0 for cloud
 *   rent (in the hourly price) unless power is given (colocation), 0 for local use.
 * - operations: 0.25 FTE × $18,000 per FTE-month for the deployment.
 * - maxUtilization 0.9; memory margin 0.1.
 *
 * A deployment that does not fit still prices, with `memory.fits: false` and a warning. The domain never
 * divides by zero: zero throughput and impossible estimates throw a DomainError with a pointer.
 */

import type { Workload } from "../pricing/workload.js";
import { type Decimal, dec, MILLION, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import type { Assumption, LineItem } from "../shared/line-item.js";
import {
  defaultKvCachePrecision,
  type ModelArchitecture,
  memoryFit,
  type Precision,
  smallestFittingCount,
} from "./memory.js";
import { type Sizing, sizeReplicas, type ThroughputCounts } from "./sizing.js";
import {
  type AcquisitionTerms,
  type DeploymentCost,
  deploymentCost,
  type OperationsTerms,
  type PowerTerms,
  type ReplicaCostInput,
} from "./tco.js";
import {
  type AcceleratorSpec,
  CALIBRATED_ROOFLINE_FACTORS,
  estimateThroughput,
  pickBenchmark,
  type RooflineFactors,
  type ThroughputBenchmark,
} from "./throughput.js";

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
  throughput?: ThroughputRequest;
  acquisition?: AcquisitionRequest;
  power?: { wattsPerReplica?: Decimal; loadFactor?: Decimal; pue?: Decimal; pricePerKwh?: Decimal };
  facilitiesPerReplicaMonth?: Decimal;
  operations?: { fte?: Decimal; costPerFteMonth?: Decimal };
  maxUtilization?: Decimal;
  /** Share of accelerator memory kept free (default 0.1). */
  memoryMargin?: Decimal;
}

export interface SelfHostedInput {
  workload: Workload;
  deployment: DeploymentRequest;
  model: SelfHostedModel;
  accelerator: CatalogAccelerator;
  benchmarks: readonly ThroughputBenchmark[];
  defaults: TcoDefaults;
}

export interface SelfHostedEstimate {
  model: string;
  accelerator: string;
  currency: "USD";
  monthlyCost: Decimal;
  replicas: number;
  /** Capital + maintenance (or rent) + energy + facilities per replica-hour; operations excluded. */
  hourlyCostPerReplica: Decimal;
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
 * counts and the utilisation ceiling (sizing.ts). {@link costOfServing} prices any workload with them.
 */
export interface SelfHostedCostTerms extends ReplicaCostInput {
  operations: OperationsTerms;
  /** Per replica. */
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  maxUtilization: Decimal;
}

const P = "/deployment";

function describePurchase(p: CatalogPurchasePrice): string {
  return `${p.source} (${p.basis}${p.date ? `, ${p.date}` : ", undated"})`;
}

/** Estimate the monthly TCO of serving `workload` on `deployment` (see the module comment). */
export function estimateSelfHosted(input: SelfHostedInput): SelfHostedEstimate {
  const { workload, deployment: req, model, accelerator: acc, defaults } = input;
  const assumptions: Assumption[] = [];
  const warnings: string[] = [];
  const assume = <T>(field: string, value: T, shown: string, source: string): T => {
    assumptions.push({ field, value: shown, source });
    return value;
  };
  const orDefault = (given: Decimal | undefined, field: string, d: SourcedDefault): Decimal =>
    given ?? assume(field, d.value, d.value.toString(), d.source);

  const arch = model.architecture;
  if (!arch) {
    throw new DomainError(
      "invalid",
      `${P}/model`,
      `Model ${model.id} has no published architecture (open weights needed) and cannot be self-hosted.`,
    );
  }

  const mode: "purchase" | "rent" =
    req.acquisition?.mode ??
    assume(`${P}/acquisition/mode`, "purchase" as const, "purchase", "default: buy the hardware");
  const local =
    req.local ??
    assume(
      `${P}/local`,
      acc.consumer && mode === "purchase",
      String(acc.consumer && mode === "purchase"),
      acc.consumer
        ? "default: consumer hardware that is bought serves one local user at batch 1 (GPT4All-class edge/offline use)"
        : "default: data-centre accelerator serving batched traffic",
    );

  const precision: Precision =
    req.precision ??
    (local
      ? assume(
          `${P}/precision`,
          "int4" as const,
          "int4",
          "default for local use: 4-bit weights (GGUF Q4-class, as GPT4All ships)",
        )
      : acc.fp8DenseTflops
        ? assume(
            `${P}/precision`,
            "fp8" as const,
            "fp8",
            `default: FP8 on ${acc.name}, which has FP8 tensor cores (the precision of the published H100/H200/MI300X measurements)`,
          )
        : assume(
            `${P}/precision`,
            "bf16" as const,
            "bf16",
            `default: BF16 (${acc.name} has no FP8 tensor cores)`,
          ));
  const kvCachePrecision =
    req.kvCachePrecision ??
    assume(
      `${P}/kvCachePrecision`,
      defaultKvCachePrecision(precision),
      defaultKvCachePrecision(precision),
      precision === "fp8"
        ? "default: FP8 KV cache with FP8 weights (TensorRT-LLM sets it automatically with FP8 quantization)"
        : "default: 16-bit KV cache (weight-only quantization keeps an FP16/BF16 cache)",
    );
  const margin = orDefault(req.memoryMargin, `${P}/memoryMargin`, defaults.memoryMargin);

  const fitBase = {
    architecture: arch,
    precision,
    kvCachePrecision,
    contextTokens: model.contextWindow,
    memoryGBPerAccelerator: acc.memoryGB,
    margin,
  };
  let count: number;
  if (req.acceleratorsPerReplica != null) {
    count = req.acceleratorsPerReplica;
    if (!Number.isInteger(count) || count < 1) {
      throw new DomainError(
        "invalid",
        `${P}/acceleratorsPerReplica`,
        "acceleratorsPerReplica must be a positive integer.",
      );
    }
  } else {
    const smallest = smallestFittingCount(fitBase, 8);
    count = assume(
      `${P}/acceleratorsPerReplica`,
      smallest ?? 8,
      String(smallest ?? 8),
      smallest != null
        ? `default: smallest power of two whose memory less the ${margin} margin holds the ${precision} weights plus one ${model.contextWindow}-token sequence`
        : "default: 8 (the model does not fit on up to 8 accelerators)",
    );
  }
  const fit = memoryFit({ ...fitBase, accelerators: count });
  if (!fit.fits) {
    warnings.push(
      `${model.id} at ${precision} does not fit on ${count}× ${acc.name}: weights ${fit.weightsGB.toDecimalPlaces(2)} GB + ` +
        `one ${model.contextWindow}-token sequence ${fit.kvCacheGBPerSequence.toDecimalPlaces(2)} GB > ${fit.usableGB.toDecimalPlaces(2)} GB usable. ` +
        "The deployment is priced anyway; use more accelerators or a lower precision.",
    );
  }

  // Request shape for measurement matching and the roofline estimate.
  const isl = workload.inputTokensPerRequest ?? defaults.inputTokensPerRequest.value;
  const osl = (() => {
    const ratio = workload.inputTokensPerMonth.gt(ZERO)
      ? workload.outputTokensPerMonth.div(workload.inputTokensPerMonth)
      : null;
    const o = ratio ? isl.times(ratio) : isl;
    return o.lt(1) ? dec(1) : o;
  })();
  let shapeAssumed = false;
  const noteShape = () => {
    if (workload.inputTokensPerRequest == null && !shapeAssumed) {
      shapeAssumed = true;
      assume(
        "/workload/inputTokensPerRequest",
        null,
        defaults.inputTokensPerRequest.value.toString(),
        `throughput shape only: ${defaults.inputTokensPerRequest.source}; output per request follows the workload's output/input ratio`,
      );
    }
  };
  if (isl.plus(osl).gt(model.contextWindow)) {
    warnings.push(
      `Requests of ${isl.toDecimalPlaces(0)} input + ${osl.toDecimalPlaces(0)} output tokens exceed ${model.id}'s ${model.contextWindow}-token context.`,
    );
  }

  // Throughput.
  const benchmarkQuery = {
    model: model.id,
    family: model.family ?? null,
    accelerator: acc.id,
    precision,
    count,
    local,
    inputTokensPerRequest: isl,
    outputTokensPerRequest: osl,
  };
  const runEstimate = () => {
    noteShape();
    const concurrency =
      req.concurrency ??
      (local ? assume(`${P}/concurrency`, 1, "1", "default for local use: one user, batch 1") : null);
    const e = estimateThroughput({
      architecture: arch,
      accelerator: acc,
      accelerators: count,
      precision,
      kvCachePrecision,
      inputTokensPerRequest: isl,
      outputTokensPerRequest: osl,
      memoryMargin: margin,
      concurrency,
      split: local ? "layer" : "tensor",
      factors: {
        ...CALIBRATED_ROOFLINE_FACTORS,
        maxConcurrentSequences: defaults.maxConcurrentSequences.value.toNumber(),
      },
    });
    if (!e.kvCacheFits) {
      warnings.push(
        `The KV cache of ${e.batch} request(s) of ${isl.plus(osl).toDecimalPlaces(0)} tokens does not fit beside the weights; ` +
          "the throughput estimate assumes it does.",
      );
    }
    return {
      tokensPerSecond: e.tokensPerSecond,
      counts: e.counts as ThroughputCounts,
      source: "estimate" as const,
      reference: null,
      benchmarkId: null,
      detail: e.detail,
      factors: e.factors,
    };
  };
  const fromBenchmark = (m: NonNullable<ReturnType<typeof pickBenchmark>>) => ({
    tokensPerSecond: m.tokensPerSecond,
    counts: m.counts,
    source: "benchmark" as const,
    reference: m.benchmark.source,
    benchmarkId: m.benchmark.id,
    detail: m.note,
    factors: null,
  });
  let throughput: SelfHostedEstimate["throughput"];
  const t = req.throughput;
  if (t && "tokensPerSecond" in t) {
    const counts =
      t.counts ??
      assume(
        `${P}/throughput/counts`,
        "output" as const,
        "output",
        "default: a given throughput counts output tokens",
      );
    throughput = {
      tokensPerSecond: t.tokensPerSecond,
      counts,
      source: "given",
      reference: null,
      benchmarkId: null,
      detail: "Given by the caller.",
      factors: null,
    };
  } else if (t?.source === "benchmark") {
    noteShape();
    const m = pickBenchmark(input.benchmarks, benchmarkQuery);
    if (!m) {
      throw new DomainError(
        "invalid",
        `${P}/throughput/source`,
        `No published throughput measurement for ${model.id} on ${acc.id} at ${precision}${local ? " (local, batch 1)" : ""}. ` +
          'Use { "source": "estimate" } or give tokensPerSecond.',
      );
    }
    throughput = fromBenchmark(m);
  } else if (t?.source === "estimate") {
    throughput = runEstimate();
  } else {
    noteShape();
    const m = pickBenchmark(input.benchmarks, benchmarkQuery);
    throughput = m ? fromBenchmark(m) : runEstimate();
    assume(
      `${P}/throughput`,
      null,
      throughput.source,
      m
        ? "default: the closest published measurement in the catalogue"
        : "default: roofline estimate (no published measurement matches)",
    );
  }

  const maxUtilization = orDefault(req.maxUtilization, `${P}/maxUtilization`, defaults.maxUtilization);
  const sizing = sizeReplicas({
    inputTokensPerMonth: workload.inputTokensPerMonth,
    outputTokensPerMonth: workload.outputTokensPerMonth,
    peakToAverage: workload.peakToAverage,
    tokensPerSecond: throughput.tokensPerSecond,
    counts: throughput.counts,
    maxUtilization,
  });

  // Acquisition.
  let acquisition: AcquisitionTerms;
  const a = req.acquisition;
  if (mode === "purchase") {
    const pa = a?.mode === "purchase" ? a : undefined;
    let price = pa?.pricePerAccelerator;
    let basis: CatalogPurchasePrice["basis"] | null = null;
    if (price == null) {
      const first = acc.purchasePrices[0];
      if (!first) {
        throw new DomainError(
          "no-price",
          `${P}/acquisition/pricePerAccelerator`,
          `The catalogue has no sourced purchase price for ${acc.name}; give acquisition.pricePerAccelerator.`,
        );
      }
      basis = first.basis;
      price = assume(
        `${P}/acquisition/pricePerAccelerator`,
        first.pricePerAccelerator,
        first.pricePerAccelerator.toString(),
        describePurchase(first),
      );
    }
    const overhead =
      pa?.overheadPerReplica ??
      assume(
        `${P}/acquisition/overheadPerReplica`,
        ZERO,
        "0",
        basis === "server-share"
          ? "default: none — the catalogue price is a share of a whole server (host and network included)"
          : "default: none",
      );
    if (basis === "card-only" && pa?.overheadPerReplica == null) {
      warnings.push(
        `The catalogue price of ${acc.name} is for the card only; the host computer is not included (set acquisition.overheadPerReplica).`,
      );
    }
    acquisition = {
      mode: "purchase",
      pricePerAccelerator: price,
      overheadPerReplica: overhead,
      lifetimeYears: orDefault(pa?.lifetimeYears, `${P}/acquisition/lifetimeYears`, defaults.lifetimeYears),
      residualValueShare: orDefault(
        pa?.residualValueShare,
        `${P}/acquisition/residualValueShare`,
        defaults.residualValueShare,
      ),
      costOfCapital: orDefault(pa?.costOfCapital, `${P}/acquisition/costOfCapital`, defaults.costOfCapital),
      maintenanceShare: orDefault(
        pa?.maintenanceShare,
        `${P}/acquisition/maintenanceShare`,
        defaults.maintenanceShare,
      ),
    };
  } else {
    const ra = a?.mode === "rent" ? a : undefined;
    let price = ra?.pricePerAcceleratorHour;
    if (price == null) {
      const first = acc.rentPrices[0];
      if (!first) {
        throw new DomainError(
          "no-price",
          `${P}/acquisition/pricePerAcceleratorHour`,
          `The catalogue has no sourced rental price for ${acc.name}; give acquisition.pricePerAcceleratorHour.`,
        );
      }
      price = assume(
        `${P}/acquisition/pricePerAcceleratorHour`,
        first.pricePerHour,
        first.pricePerHour.toString(),
        `${first.provider} ${first.term}: ${first.source}${first.date ? ` (${first.date})` : ""}`,
      );
    }
    acquisition = { mode: "rent", pricePerAcceleratorHour: price };
  }

  // Power: always for purchase; for rent only when watts are given explicitly (colocation).
  let power: PowerTerms | null = null;
  const pw = req.power;
  if (mode === "purchase" || pw?.wattsPerReplica != null) {
    let watts = pw?.wattsPerReplica;
    if (watts == null) {
      if (acc.systemPower) {
        watts = assume(
          `${P}/power/wattsPerReplica`,
          acc.systemPower.wattsPerAccelerator.times(count),
          acc.systemPower.wattsPerAccelerator.times(count).toString(),
          `${count} × ${acc.systemPower.wattsPerAccelerator} W system power per accelerator: ${acc.systemPower.source}`,
        );
      } else {
        const w = acc.tdpWatts.times(defaults.serverPowerFactor.value).times(count);
        watts = assume(
          `${P}/power/wattsPerReplica`,
          w,
          w.toString(),
          `${count} × ${acc.tdpWatts} W TDP × server power factor ${defaults.serverPowerFactor.value} (${defaults.serverPowerFactor.source}); TDP: ${acc.specsSource}`,
        );
      }
    }
    power = {
      wattsPerReplica: watts,
      loadFactor: orDefault(pw?.loadFactor, `${P}/power/loadFactor`, defaults.loadFactor),
      pue:
        pw?.pue ??
        (local
          ? assume(
              `${P}/power/pue`,
              dec(1),
              "1",
              "default for local use: a desktop in an office or home, no data-centre cooling overhead",
            )
          : orDefault(undefined, `${P}/power/pue`, defaults.pue)),
      pricePerKwh: orDefault(pw?.pricePerKwh, `${P}/power/pricePerKwh`, defaults.pricePerKwh),
    };
  } else {
    assume(
      `${P}/power`,
      null,
      "none",
      "default: cloud rent includes power; give power.wattsPerReplica to charge energy (colocation)",
    );
  }

  const servers = Math.ceil(count / Math.max(1, defaults.acceleratorsPerServer.value.toNumber()));
  const facilities =
    req.facilitiesPerReplicaMonth ??
    (local
      ? assume(
          `${P}/facilitiesPerReplicaMonth`,
          ZERO,
          "0",
          "default for local use: no data-centre facilities",
        )
      : mode === "rent" && power == null
        ? assume(
            `${P}/facilitiesPerReplicaMonth`,
            ZERO,
            "0",
            "default for cloud rent: space, cooling and network are in the hourly price",
          )
        : assume(
            `${P}/facilitiesPerReplicaMonth`,
            defaults.facilitiesPerServerMonth.value.times(servers),
            defaults.facilitiesPerServerMonth.value.times(servers).toString(),
            `${servers} server(s) of up to ${defaults.acceleratorsPerServer.value} accelerators × ${defaults.facilitiesPerServerMonth.value} per server-month: ${defaults.facilitiesPerServerMonth.source}`,
          ));
  const fte =
    req.operations?.fte ??
    (local
      ? assume(`${P}/operations/fte`, ZERO, "0", "default for local use: no operations staff")
      : orDefault(undefined, `${P}/operations/fte`, defaults.operationsFte));
  const costPerFteMonth = orDefault(
    req.operations?.costPerFteMonth,
    `${P}/operations/costPerFteMonth`,
    defaults.costPerFteMonth,
  );

  const terms: SelfHostedCostTerms = {
    acquisition,
    acceleratorsPerReplica: count,
    power,
    facilitiesPerReplicaMonth: facilities,
    operations: { fte, costPerFteMonth },
    tokensPerSecond: throughput.tokensPerSecond,
    counts: throughput.counts,
    maxUtilization,
  };
  const cost = deploymentCost({ ...terms, replicas: sizing.replicas });

  const totalTokens = workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth);
  return {
    model: model.id,
    accelerator: acc.id,
    currency: "USD",
    monthlyCost: cost.monthlyCost,
    replicas: sizing.replicas,
    hourlyCostPerReplica: cost.hourly.total,
    capacityTokensPerMonth: sizing.capacityTokensPerMonth,
    requiredTokensPerMonth: sizing.requiredTokensPerMonth,
    utilization: sizing.utilization,
    costPerMillionTokens: totalTokens.gt(ZERO) ? cost.monthlyCost.div(totalTokens.div(MILLION)) : null,
    costPerMillionOutputTokens: workload.outputTokensPerMonth.gt(ZERO)
      ? cost.monthlyCost.div(workload.outputTokensPerMonth.div(MILLION))
      : null,
    deployment: { acceleratorsPerReplica: count, precision, kvCachePrecision, local, acquisitionMode: mode },
    throughput,
    memory: {
      weightsGB: fit.weightsGB,
      kvCacheGBPerSequence: fit.kvCacheGBPerSequence,
      kvCacheBytesPerToken: fit.kvCacheBytesPerToken,
      usableGB: fit.usableGB,
      contextTokens: model.contextWindow,
      fits: fit.fits,
      maxBatch: fit.maxBatch,
    },
    lineItems: cost.lineItems,
    assumptions,
    warnings,
    terms,
  };
}

/** The replicas a workload needs on a deployment whose terms are resolved (sizing.ts). */
export function sizeForTerms(
  terms: SelfHostedCostTerms,
  workload: Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth" | "peakToAverage">,
): Sizing {
  return sizeReplicas({
    inputTokensPerMonth: workload.inputTokensPerMonth,
    outputTokensPerMonth: workload.outputTokensPerMonth,
    peakToAverage: workload.peakToAverage,
    tokensPerSecond: terms.tokensPerSecond,
    counts: terms.counts,
    maxUtilization: terms.maxUtilization,
  });
}

/**
 * The cost of serving `workload` on a deployment whose terms are already resolved: the same sizing
 * (sizing.ts) and the same line items (tco.ts) as {@link estimateSelfHosted}, so
 * `costOfServing(estimate.terms, workload).cost.monthlyCost` equals `estimate.monthlyCost` exactly.
 * Comparisons re-price a deployment at other volumes (break-even, sweeps, sensitivity) through it.
 */
export function costOfServing(
  terms: SelfHostedCostTerms,
  workload: Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth" | "peakToAverage">,
): { sizing: Sizing; cost: DeploymentCost } {
  const sizing = sizeForTerms(terms, workload);
  return { sizing, cost: deploymentCost({ ...terms, replicas: sizing.replicas }) };
}
