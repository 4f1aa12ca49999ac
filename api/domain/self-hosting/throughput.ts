/**
 * Throughput of a replica: the closest published measurement, or a calibrated roofline estimate.
 *
 * ## Published measurements (`pickBenchmark`)
 * Candidates must be for the same model (our id; else the same family), the same accelerator and the
 * same precision class (bf16 ≡ fp16). Local (batch-1) deployments only match batch-1 measurements and
 * served deployments never do. Among candidates the nearest accelerator count wins (|log2 ratio|; on a
 * tie the larger count, so scaling goes down), then saturated scenarios (offline / max-throughput)
 * before latency-bound ones (server), then the request shape (input/output tokens per request) closest
 * to the workload's, measurements with an unstated shape last. The figure is scaled LINEARLY by
 * count/measuredCount; real scaling is sub-linear (tensor-parallel overhead), so scaling up overstates
 * and scaling down understates per-accelerator throughput. The match note says all of this.
 *
 * ## Roofline estimate (`estimateThroughput`)
 * One replica serves batches of B requests of ISL input and OSL output tokens (continuous batching,
 * amortised):
 * - B = the largest batch whose KV cache (ISL + OSL tokens per request) fits beside the weights in
 *   usable memory, capped at `maxConcurrentSequences` (vLLM's default 256); local mode fixes B = 1.
 * - Decode is memory-bound: each step reads the weights once plus the batch's KV cache at the average
 *   context ISL + OSL/2. For mixture-of-experts the step reads the shared weights plus the experts the
 *   batch touches: expected share 1 − (1 − k/E)^B, i.e. all experts at any realistic batch (at B = 1
 *   only the active parameters are read). Step time = max(bytes / (bandwidth × ηmem),
 *   2 × activeParams × B / (FLOPS × ηflops)), both slowed by the tensor-parallel factor
 *   1/(1 + α·log2 n) for n accelerators.
 * - Prefill is compute-bound: 2 × activeParams × B × ISL / (FLOPS × ηflops) per batch (large GEMMs
 *   amortise the all-reduce, so no tensor-parallel loss).
 * - Output tokens/s = B × OSL / (prefill + OSL × step).
 * FLOPS by precision: fp8 uses the FP8 tensor rate where the device has one, else BF16 (weight-only
 * FP8); int8 and int4 are treated as weight-only quantisation with BF16 math; bf16/fp16 use BF16. An
 * accelerator without the needed FLOPS figure cannot be estimated (DomainError).
 *
 * ## Calibration (CALIBRATED_ROOFLINE_FACTORS)
 * ηmem = 0.6, ηflops = 0.6, α = 0.15, cap 256 sequences, FP8 KV cache with FP8 weights, memory margin
 * 0.1 — chosen on the reference/facts.md §5 points (round values near the minimax fit of a grid
 * search). Error of the estimate (estimate / measured − 1), asserted in throughput.test.ts:
 *
 * | point (output tok/s)                          | measured  | estimate | error  |
 * |-----------------------------------------------|-----------|----------|--------|
 * | Llama 2 70B, 8× H100 SXM, FP8, MLPerf offline | 24,524.9  | 21,881   | −10.8 %|
 * | Llama 2 70B, 8× H200, FP8, MLPerf offline     | 31,302.7  | 27,498   | −12.2 %|
 * | Llama 2 70B, 8× MI300X, FP8, MLPerf offline   | 23,514.8  | 32,539   | +38.4 %|
 * | Llama 3.1 8B, 1× H200, FP8, 1000/1000         | 17,537.96 | 17,079   |  −2.6 %|
 * | Llama 3.1 70B, 1× H200, FP8, 1000/1000        | 2,823.45  | 2,878    |  +1.9 %|
 * | Llama 3.1 70B, 2× H200, FP8, 1000/1000        | 5,164.76  | 6,116    | +18.4 %|
 * | Mixtral 8x7B, 2× H200, FP8, 1000/1000         | 19,151.19 | 14,945   | −22.0 %|
 *
 * Claimed tolerance: ±25 % on NVIDIA hardware with a tuned engine (TensorRT-LLM); the MI300X point is
 * overstated by ~38 % — spec-sheet bandwidth and FLOPS do not capture the software stack (vLLM on ROCm
 * in MLPerf v4.1) — so treat estimates for AMD as optimistic, within ±40 %. The MLPerf points assume a
 * mean input of 300 tokens and the reference mean output of 294.45 tokens per sample: MLCommons
 * publishes the output mean, not the input mean, and at 450 input tokens the NVIDIA MLPerf errors grow
 * to about −27 %/−29 % (MI300X +13 %). Batch-1 local use (llama.cpp, XiongjieDai benchmarks, layer
 * split) is reproduced with the same ηmem within −31 %…+16 % on RTX 4090s (8B Q4 +16 %, 8B F16 −31 %,
 * 70B Q4 on two cards −10 %); those measurements are in the benchmark catalogue and win over the
 * estimate. The LLM-Viewer finding that pure rooflines
 * overstate measured throughput 1.4–1.9× is what η < 1 absorbs.
 */
import { type Decimal, dec, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import {
  BYTES_PER_GB,
  kvCacheBytesPerToken,
  type ModelArchitecture,
  type Precision,
  precisionClass,
  usableMemoryGB,
  weightsBytes,
} from "./memory.js";
import type { ThroughputCounts } from "./sizing.js";

/** The accelerator figures throughput needs. GB = 1e9 bytes; TFLOPS dense (no sparsity). */
export interface AcceleratorSpec {
  id: string;
  name?: string;
  memoryGB: Decimal;
  memoryBandwidthGBps: Decimal;
  bf16DenseTflops: Decimal | null;
  fp8DenseTflops: Decimal | null;
  int8DenseTops: Decimal | null;
}

export type BenchmarkScenario = "offline" | "server" | "max-throughput" | "batch-1";

/** A published throughput measurement (pricing-data/throughput-benchmarks.json, Decimals parsed). */
export interface ThroughputBenchmark {
  id: string;
  /** Our model id the measurement stands for, or null. */
  model: string | null;
  measuredModel: string;
  family: string;
  accelerator: string;
  count: number;
  precision: Precision;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Whole group of `count` accelerators. */
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  scenario: BenchmarkScenario;
  engine: string;
  date: string;
  source: string;
  note?: string | null;
}

export interface BenchmarkQuery {
  model: string;
  /** Model family (models.json `family`), for a family-level match when no measurement names the model. */
  family?: string | null;
  accelerator: string;
  precision: Precision;
  /** Accelerators per replica. */
  count: number;
  /** Local batch-1 deployment: only batch-1 measurements match. */
  local: boolean;
  inputTokensPerRequest?: Decimal | null;
  outputTokensPerRequest?: Decimal | null;
}

export interface BenchmarkMatch {
  benchmark: ThroughputBenchmark;
  /** Measured tokens/s scaled linearly to the requested count. */
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  /** count / measured count. */
  scale: Decimal;
  matchedBy: "model" | "family";
  /** How the match was made and scaled, for the response. */
  note: string;
}

const SATURATED: ReadonlySet<BenchmarkScenario> = new Set(["offline", "max-throughput", "batch-1"]);

function shapeDistance(b: ThroughputBenchmark, q: BenchmarkQuery): number {
  if (b.inputTokens == null || b.outputTokens == null) return Number.POSITIVE_INFINITY;
  if (q.inputTokensPerRequest == null || q.outputTokensPerRequest == null) return 0;
  const qi = q.inputTokensPerRequest.toNumber();
  const qo = q.outputTokensPerRequest.toNumber();
  return (
    Math.abs(Math.log((b.inputTokens + 1) / (qi + 1))) + Math.abs(Math.log((b.outputTokens + 1) / (qo + 1)))
  );
}

/**
 * The closest published measurement for a deployment, scaled linearly to its accelerator count, or
 * null when none matches model (or family), accelerator, precision class and local/served scenario.
 */
export function pickBenchmark(
  catalogue: readonly ThroughputBenchmark[],
  query: BenchmarkQuery,
): BenchmarkMatch | null {
  if (query.count < 1) return null;
  const wanted = precisionClass(query.precision);
  const eligible = catalogue.filter(
    (b) =>
      b.accelerator === query.accelerator &&
      precisionClass(b.precision) === wanted &&
      (b.scenario === "batch-1") === query.local,
  );
  const byModel = eligible.filter((b) => b.model === query.model);
  const byFamily =
    byModel.length === 0 && query.family ? eligible.filter((b) => b.family === query.family) : [];
  const candidates = byModel.length > 0 ? byModel : byFamily;
  if (candidates.length === 0) return null;
  const ranked = [...candidates].sort((a, b) => {
    const da = Math.abs(Math.log2(a.count / query.count));
    const db = Math.abs(Math.log2(b.count / query.count));
    if (da !== db) return da - db;
    if (a.count !== b.count) return b.count - a.count;
    const sa = SATURATED.has(a.scenario) ? 0 : 1;
    const sb = SATURATED.has(b.scenario) ? 0 : 1;
    if (sa !== sb) return sa - sb;
    const ha = shapeDistance(a, query);
    const hb = shapeDistance(b, query);
    if (ha !== hb) return ha < hb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const best = ranked[0] as ThroughputBenchmark;
  const matchedBy = byModel.length > 0 ? "model" : "family";
  const scale = dec(query.count).div(best.count);
  const tokensPerSecond = best.tokensPerSecond.times(scale);
  const shape =
    best.inputTokens == null
      ? "dataset mean lengths"
      : `${best.inputTokens} input / ${best.outputTokens} output tokens per request`;
  const scaling = scale.eq(ONE)
    ? "same accelerator count, no scaling"
    : `scaled linearly × ${scale} from ${best.count} to ${query.count} accelerators (real scaling is sub-linear: ` +
      `scaling up overstates, scaling down understates per-accelerator throughput)`;
  const note =
    `Published measurement ${best.id}: ${best.measuredModel} on ${best.count}× ${best.accelerator}, ${best.precision}, ` +
    `${shape}, ${best.scenario}, ${best.engine} — ${best.tokensPerSecond} ${best.counts} tokens/s. ` +
    `Matched by ${matchedBy === "model" ? `model ${query.model}` : `family ${query.family}`}, accelerator, precision` +
    ` and nearest count; ${scaling}.`;
  return { benchmark: best, tokensPerSecond, counts: best.counts, scale, matchedBy, note };
}

/** Efficiency factors of the roofline estimate (see the module comment for the calibration). */
export interface RooflineFactors {
  /** ηmem: achieved share of peak memory bandwidth in decode. */
  memoryEfficiency: Decimal;
  /** ηflops: achieved share of peak dense tensor FLOPS. */
  computeEfficiency: Decimal;
  /** α in 1/(1 + α·log2 n): decode efficiency lost to tensor parallelism over n accelerators. */
  tensorParallelLoss: Decimal;
  /** Cap on sequences decoded together (served deployments). */
  maxConcurrentSequences: number;
}

/** The factors calibrated against reference/facts.md §5 (errors in the module comment). */
export const CALIBRATED_ROOFLINE_FACTORS: RooflineFactors = Object.freeze({
  memoryEfficiency: dec("0.6"),
  computeEfficiency: dec("0.6"),
  tensorParallelLoss: dec("0.15"),
  maxConcurrentSequences: 256,
});

export interface ThroughputEstimateInput {
  architecture: ModelArchitecture;
  accelerator: AcceleratorSpec;
  /** Accelerators per replica. */
  accelerators: number;
  precision: Precision;
  kvCachePrecision: Precision;
  inputTokensPerRequest: Decimal;
  outputTokensPerRequest: Decimal;
  /** Share of memory kept free (0.1). */
  memoryMargin: Decimal;
  /** Fixed number of sequences decoded together (1 = local batch-1); null = largest that fits, capped. */
  concurrency?: number | null;
  /**
   * How the model is split over several accelerators: `tensor` (each layer split, bandwidth and FLOPS
   * add up, minus the tensor-parallel loss — served deployments) or `layer` (whole layers per device run
   * one after another, as llama.cpp does locally: one device's bandwidth and FLOPS at a time).
   */
  split?: "tensor" | "layer";
  factors?: RooflineFactors;
}

export interface ThroughputEstimate {
  /** Output tokens per second of the replica. */
  tokensPerSecond: Decimal;
  counts: "output";
  /** Sequences decoded together. */
  batch: number;
  /** Largest batch whose KV cache fits beside the weights (before the cap). */
  batchThatFits: number;
  /** false when not even the chosen batch's KV cache fits (estimate assumes it somehow does). */
  kvCacheFits: boolean;
  decodeStepSeconds: Decimal;
  prefillSecondsPerBatch: Decimal;
  /** Decode step limited by memory bandwidth (true) or compute (false). */
  memoryBound: boolean;
  /** Dense TFLOPS per accelerator the estimate used, and which figure it is. */
  tflopsPerAccelerator: Decimal;
  tflopsFigure: "fp8" | "bf16";
  factors: RooflineFactors;
  /** One-line explanation for the response. */
  detail: string;
}

function computeFigure(
  acc: AcceleratorSpec,
  precision: Precision,
): { tflops: Decimal; figure: "fp8" | "bf16" } {
  if (precision === "fp8" && acc.fp8DenseTflops) return { tflops: acc.fp8DenseTflops, figure: "fp8" };
  if (acc.bf16DenseTflops) return { tflops: acc.bf16DenseTflops, figure: "bf16" };
  throw new DomainError(
    "invalid",
    "/throughput",
    `Cannot estimate throughput on ${acc.name ?? acc.id}: no published dense ${precision === "fp8" ? "FP8 or BF16" : "BF16"} ` +
      "TFLOPS figure for it. Give deployment.throughput.tokensPerSecond (or use a published measurement).",
  );
}

/** Roofline estimate of a replica's output tokens per second (see the module comment). */
export function estimateThroughput(input: ThroughputEstimateInput): ThroughputEstimate {
  const f = input.factors ?? CALIBRATED_ROOFLINE_FACTORS;
  const arch = input.architecture;
  const n = input.accelerators;
  if (!Number.isInteger(n) || n < 1) {
    throw new DomainError(
      "invalid",
      "/acceleratorsPerReplica",
      "acceleratorsPerReplica must be a positive integer.",
    );
  }
  const isl = input.inputTokensPerRequest;
  const osl = input.outputTokensPerRequest;
  if (isl.lt(ZERO) || osl.lte(ZERO)) {
    throw new DomainError(
      "invalid",
      "/workload",
      "A throughput estimate needs at least one output token per request.",
    );
  }
  const { tflops, figure } = computeFigure(input.accelerator, input.precision);

  const weights = weightsBytes(arch, input.precision);
  const kvPerToken = kvCacheBytesPerToken(arch, input.kvCachePrecision);
  const usableBytes = usableMemoryGB(input.accelerator.memoryGB, n, input.memoryMargin).times(BYTES_PER_GB);
  const perRequestKv = kvPerToken.times(isl.plus(osl));
  const free = usableBytes.minus(weights);
  const batchThatFits = free.gt(ZERO) ? free.div(perRequestKv).floor().toNumber() : 0;
  const wantedBatch = input.concurrency ?? Math.min(batchThatFits, f.maxConcurrentSequences);
  const batch = Math.max(1, wantedBatch);
  const kvCacheFits = batchThatFits >= batch;

  const layerSplit = input.split === "layer";
  const parallel = layerSplit ? 1 : n;
  const tpEfficiency = ONE.div(ONE.plus(f.tensorParallelLoss.times(dec(parallel).log(2))));
  const bandwidth = input.accelerator.memoryBandwidthGBps
    .times(BYTES_PER_GB)
    .times(parallel)
    .times(f.memoryEfficiency)
    .times(tpEfficiency);
  const peakFlops = tflops.times("1e12").times(parallel).times(f.computeEfficiency);
  const decodeFlops = peakFlops.times(tpEfficiency);

  // Weight bytes read per decode step: all weights for dense models; for MoE the shared part plus the
  // experts the batch touches (expected share 1 − (1 − k/E)^B).
  let weightBytesPerStep = weights;
  const experts = arch.experts ?? 0;
  const perToken = arch.expertsPerToken ?? 0;
  if (experts > 1 && perToken > 0 && perToken < experts && arch.totalParams > arch.activeParams) {
    const perExpert = dec(arch.totalParams)
      .minus(arch.activeParams)
      .div(experts - perToken);
    const shared = maxDecimal(ZERO, dec(arch.totalParams).minus(perExpert.times(experts)));
    const touched = ONE.minus(ONE.minus(dec(perToken).div(experts)).pow(batch));
    const bytesPerParam = weights.div(arch.totalParams);
    weightBytesPerStep = shared.plus(perExpert.times(experts).times(touched)).times(bytesPerParam);
  }
  const averageContext = isl.plus(osl.div(2));
  const memorySeconds = weightBytesPerStep.plus(kvPerToken.times(averageContext).times(batch)).div(bandwidth);
  const computeSeconds = dec(2).times(arch.activeParams).times(batch).div(decodeFlops);
  const memoryBound = memorySeconds.gte(computeSeconds);
  const decodeStepSeconds = memoryBound ? memorySeconds : computeSeconds;
  const prefillSecondsPerBatch = dec(2).times(arch.activeParams).times(batch).times(isl).div(peakFlops);
  const cycle = prefillSecondsPerBatch.plus(osl.times(decodeStepSeconds));
  const tokensPerSecond = osl.times(batch).div(cycle);

  const detail =
    `Roofline estimate: batch ${batch}${input.concurrency != null ? " (fixed)" : ` (largest that fits: ${batchThatFits}, cap ${f.maxConcurrentSequences})`}, ` +
    `${isl.toDecimalPlaces(0)} input / ${osl.toDecimalPlaces(0)} output tokens per request, decode ${memoryBound ? "memory" : "compute"}-bound; ` +
    `ηmem ${f.memoryEfficiency}, ηflops ${f.computeEfficiency} on ${figure.toUpperCase()} ${tflops} TFLOPS, ` +
    `${layerSplit && n > 1 ? `layers split over ${n} devices run in turn` : `tensor-parallel loss α ${f.tensorParallelLoss}`}. Calibrated within ±25 % on NVIDIA (±40 % on AMD) against published measurements.`;
  return {
    tokensPerSecond,
    counts: "output",
    batch,
    batchThatFits,
    kvCacheFits,
    decodeStepSeconds,
    prefillSecondsPerBatch,
    memoryBound,
    tflopsPerAccelerator: tflops,
    tflopsFigure: figure,
    factors: f,
    detail,
  };
}

function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}
