/**
 * Throughput of a replica by a calibrated roofline estimate. A published measurement of the same model,
 * accelerator and precision wins wherever one matches (`pickBenchmark`, published-benchmarks.ts; the
 * choice is made in resolve-throughput.ts).
 *
 * ## Roofline estimate (`estimateThroughput`) — an estimate, labelled as such
 * A replica of n accelerators runs its model on tensor/expert-parallel groups of g (a power of two
 * dividing n, or n), data-parallel across the rest; each group decodes batches of B requests of ISL
 * input and OSL output tokens (continuous batching, amortised):
 * - B = the largest batch whose KV cache (ISL + OSL tokens each; sliding-window layers capped at their
 *   window, MLA as its latent) fits beside the weights in the group's usable memory, capped at
 *   `maxConcurrentSequences` per accelerator; with `minOutputTokensPerSecondPerUser`, the largest B
 *   whose per-user speed still meets it (a target batch 1 misses → DomainError saying what batch 1
 *   reaches). Local mode fixes B = 1 and splits layers (llama.cpp). The g giving the most output wins.
 * - Decode reads per step the weights once — for MoE the shared/dense/attention weights plus the
 *   experts the batch touches, E·(1 − (1 − k/E)^B) of E per MoE layer — plus the batch's KV cache at
 *   the average context ISL + OSL/2, at bandwidth × ηmem; compute is 2 × activeParams plus attention
 *   FLOPs per token at FLOPS × ηflops; both slowed by 1/(1 + α·log2 g).
 * - Prefill is 2 × activeParams + attention FLOPs per input token; chunked prefill rides on
 *   memory-bound decode steps, so a batch's life = max(OSL × memory step, prefill + OSL × compute
 *   step) + OSL × a fixed per-step overhead per layer (kernel launches, synchronisation).
 * - Output tokens/s = B × OSL / that life; per-user speed = OSL / life.
 * FLOPS by precision: fp4 on FP4 tensor cores where the device has them, else weight-only (4-bit
 * storage, FP8 or BF16 math × `weightOnlyDerate`) — never refused; fp8 on FP8 tensor cores, else BF16;
 * int8/int4 weight-only with BF16 math. A device without the needed FLOPS figure cannot be estimated.
 *
 * ## Calibration (CALIBRATED_ROOFLINE_FACTORS)
 * ηmem 0.7, ηflops 0.5, α 0.05, cap 96 sequences per accelerator, 50 µs per layer and step, FP8 KV
 * cache, memory margin 0.1 — a grid search (scripts/calibrate-throughput.ts) over all 46 published
 * points of reference/facts.md §5 and facts-2026.md §5 (tests/support/calibration.ts), MLPerf at its
 * dataset mean lengths, InferenceX at its stated per-user speed. Median |error| 27.6 % (the 2024
 * engine on the same points: 77.9 %); each point's error is asserted in throughput.test.ts:
 * - saturated dense serving on NVIDIA (MLPerf Llama 2 70B v4.1/v5.0 incl. B200 FP4, TensorRT-LLM
 *   Llama 3.1 8B/70B and Mixtral, Llama 3.1 405B on H200): −21 %…+26 %;
 * - AMD (MLPerf Llama 2 70B MI300X/MI325X): +4 %…+63 % (optimistic: the ROCm stack of the time);
 * - Llama 3.1 405B FP4 on B200 / GB200 NVL72 (9.4K-token prompts): +78 % / +95 %;
 * - InferenceX gpt-oss-120b on B200 at 72–100 tokens/s per user: −7 %…+13 %; on MI325X (MXFP4
 *   weight-only): 10–24× too high — the ROCm MXFP4 kernels of the time, not the hardware;
 * - InferenceX DeepSeek-R1: MI300X/MI325X 8K/1K −43 %…+23 %; H100 1K/1K at 42/71 tokens/s per user
 *   −1 %/+30 % (+202 % at 100); B200 1K/1K −6 % at 42, −62…−73 % above; B200 8K/1K −73…−90 % and GB200
 *   NVL72 −77…+6 % (those pages imply prefill near peak FP8 compute: FP4 or disaggregated prefill);
 * - NVIDIA's GB300/H200 DeepSeek-R1 blog figures (+177 % / 31×): multi-token prediction and an
 *   unstated interactivity the estimate cannot reproduce.
 * The LLM-Viewer finding that pure rooflines overstate measured throughput 1.4–1.9× is what η < 1
 * absorbs; published measurements win wherever one matches.
 */
import { type Decimal, dec, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import {
  attentionLayerSplit,
  BYTES_PER_GB,
  bytesPerElement,
  kvCacheBytesForSequence,
  type ModelArchitecture,
  type Precision,
  resolveFp4Format,
  routedExpertParams,
  usableMemoryGB,
  weightsBytes,
} from "./memory.js";

/** The accelerator figures throughput needs. GB = 1e9 bytes; TFLOPS dense (no sparsity). */
export interface AcceleratorSpec {
  id: string;
  name?: string;
  memoryGB: Decimal;
  memoryBandwidthGBps: Decimal;
  bf16DenseTflops: Decimal | null;
  fp8DenseTflops: Decimal | null;
  /** Dense FP4 tensor TFLOPS (Blackwell, MI355X); null = no FP4 math (4-bit runs weight-only). */
  fp4DenseTflops: Decimal | null;
  int8DenseTops: Decimal | null;
  /** nvidia, amd, apple …: picks NVFP4 (NVIDIA) or MXFP4 (elsewhere) for `fp4`. */
  vendor?: string | null;
}

/** Efficiency factors of the roofline estimate (see the module comment for the calibration). */
export interface RooflineFactors {
  /** ηmem: achieved share of peak memory bandwidth in decode. */
  memoryEfficiency: Decimal;
  /** ηflops: achieved share of peak dense tensor FLOPS. */
  computeEfficiency: Decimal;
  /** α in 1/(1 + α·log2 g): decode efficiency lost to tensor/expert parallelism over g accelerators. */
  tensorParallelLoss: Decimal;
  /** Cap on sequences decoded together, per accelerator of a tensor-parallel group (served deployments). */
  maxConcurrentSequences: number;
  /** Share of the 8/16-bit math rate a weight-only 4-bit deployment reaches (dequantisation overhead). */
  weightOnlyDerate: Decimal;
  /** Fixed time per decode step and layer (kernel launches, synchronisation), seconds. */
  stepOverheadSecondsPerLayer: Decimal;
}

/** The factors calibrated against reference/facts.md §5 and facts-2026.md §5 (errors in the module comment). */
export const CALIBRATED_ROOFLINE_FACTORS: RooflineFactors = Object.freeze({
  memoryEfficiency: dec("0.7"),
  computeEfficiency: dec("0.5"),
  tensorParallelLoss: dec("0.05"),
  maxConcurrentSequences: 96,
  weightOnlyDerate: dec("0.8"),
  stepOverheadSecondsPerLayer: dec("0.00005"),
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
  /** Per-user decode speed each sequence must keep (tokens/s); limits the batch (InferenceX trade-off). */
  minOutputTokensPerSecondPerUser?: Decimal | null;
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
  /** Sequences decoded together in one tensor-parallel group. */
  batch: number;
  /** Accelerators per tensor-parallel group, and groups per replica (data-parallel). */
  groupSize: number;
  groups: number;
  /** Sequences the replica decodes together (batch × groups). */
  concurrentSequences: number;
  /** Decode speed each sequence sees: 1 / decode step time. */
  outputTokensPerSecondPerUser: Decimal;
  /** Largest batch whose KV cache fits beside the weights in one group (before the cap). */
  batchThatFits: number;
  /** false when not even the chosen batch's KV cache fits (estimate assumes it somehow does). */
  kvCacheFits: boolean;
  decodeStepSeconds: Decimal;
  prefillSecondsPerBatch: Decimal;
  /** Decode step limited by memory bandwidth (true) or compute (false). */
  memoryBound: boolean;
  /** Dense TFLOPS per accelerator the estimate used, and which figure it is. */
  tflopsPerAccelerator: Decimal;
  tflopsFigure: "fp4" | "fp8" | "bf16";
  /** 4-bit weights on hardware without FP4 (or INT4) math: 4-bit storage, 8/16-bit math, derated. */
  weightOnly: boolean;
  factors: RooflineFactors;
  /** One-line explanation for the response. */
  detail: string;
}

interface ComputeFigure {
  tflops: Decimal;
  figure: "fp4" | "fp8" | "bf16";
  weightOnly: boolean;
}

/**
 * The tensor rate a precision runs at: fp4 on FP4 tensor cores where the device has them, else
 * weight-only (4-bit storage, FP8 or BF16 math); fp8 on FP8 tensor cores, else BF16; int8/int4 are
 * weight-only quantisation with BF16 math; bf16/fp16 BF16.
 */
function computeFigure(acc: AcceleratorSpec, precision: Precision): ComputeFigure {
  if (precision === "fp4" && acc.fp4DenseTflops)
    return { tflops: acc.fp4DenseTflops, figure: "fp4", weightOnly: false };
  if ((precision === "fp4" || precision === "fp8") && acc.fp8DenseTflops)
    return { tflops: acc.fp8DenseTflops, figure: "fp8", weightOnly: precision === "fp4" };
  if (acc.bf16DenseTflops)
    return { tflops: acc.bf16DenseTflops, figure: "bf16", weightOnly: precision === "fp4" };
  throw new DomainError(
    "invalid",
    "/throughput",
    `Cannot estimate throughput on ${acc.name ?? acc.id}: no published dense ${precision === "fp8" || precision === "fp4" ? "FP8 or BF16" : "BF16"} ` +
      "TFLOPS figure for it. Give deployment.throughput.tokensPerSecond (or use a published measurement).",
  );
}

/**
 * Attention FLOPs of one token attending to `context` earlier tokens (sliding layers capped at their
 * window). `phase` matters for MLA only: decode attends in the absorbed form (scores over the latent +
 * RoPE key, values over the latent), prefill in the expanded form (per-head keys of headDim + RoPE,
 * values of headDim), as DeepSeek's kernels do.
 */
export function attentionFlopsPerToken(
  arch: ModelArchitecture,
  context: Decimal,
  phase: "decode" | "prefill" = "decode",
): Decimal {
  const a = arch.attention;
  const rank = a.kvLoraRank ?? 0;
  const rope = a.ropeHeadDim ?? 0;
  // QKᵀ and AV per layer: 2 FLOPs per multiply-add over the key and value widths of every head.
  const perContextToken =
    a.type !== "mla"
      ? 4 * arch.attentionHeads * arch.headDim
      : phase === "decode"
        ? 2 * arch.attentionHeads * (2 * rank + rope)
        : 2 * arch.attentionHeads * (2 * arch.headDim + rope);
  const { full, sliding } = attentionLayerSplit(arch);
  const window = dec(arch.slidingWindow ?? 0);
  const slidingContext = context.lt(window) ? context : window;
  return dec(perContextToken).times(context.times(full).plus(slidingContext.times(sliding)));
}

/** The fixed facts of one estimate: what a group of g accelerators holds and reads. */
interface RooflineSetup {
  arch: ModelArchitecture;
  acc: AcceleratorSpec;
  f: RooflineFactors;
  isl: Decimal;
  osl: Decimal;
  compute: ComputeFigure;
  weights: Decimal;
  /** Bytes of the weights outside the routed experts, and of all routed experts (MoE), as stored. */
  sharedWeightBytes: Decimal;
  expertWeightBytes: Decimal;
  kvPerRequest: Decimal;
  kvAtAverageContext: Decimal;
  decodeFlopsPerSequence: Decimal;
  prefillFlopsPerSequence: Decimal;
  margin: Decimal;
  layerSplit: boolean;
}

function setUp(input: ThroughputEstimateInput): RooflineSetup {
  const arch = input.architecture;
  const isl = input.inputTokensPerRequest;
  const osl = input.outputTokensPerRequest;
  const fp4 = resolveFp4Format(arch, input.accelerator.vendor);
  const weights = weightsBytes(arch, input.precision, fp4);
  const experts = routedExpertParams(arch);
  let expertWeightBytes = ZERO;
  if (experts) {
    const expertOnlyFp4 = input.precision === "fp4" && arch.nativeFp4?.scope === "experts";
    expertWeightBytes = experts.all.times(
      expertOnlyFp4 ? bytesPerElement("fp4", fp4) : weights.div(arch.totalParams),
    );
  }
  const averageContext = isl.plus(osl.div(2));
  return {
    arch,
    acc: input.accelerator,
    f: input.factors ?? CALIBRATED_ROOFLINE_FACTORS,
    isl,
    osl,
    compute: computeFigure(input.accelerator, input.precision),
    weights,
    sharedWeightBytes: weights.minus(expertWeightBytes),
    expertWeightBytes,
    kvPerRequest: kvCacheBytesForSequence(arch, input.kvCachePrecision, isl.plus(osl), fp4),
    kvAtAverageContext: kvCacheBytesForSequence(arch, input.kvCachePrecision, averageContext, fp4),
    decodeFlopsPerSequence: dec(2)
      .times(arch.activeParams)
      .plus(attentionFlopsPerToken(arch, averageContext)),
    prefillFlopsPerSequence: isl.times(
      dec(2)
        .times(arch.activeParams)
        .plus(attentionFlopsPerToken(arch, isl.div(2))),
    ),
    margin: input.memoryMargin,
    layerSplit: input.split === "layer",
  };
}

/** Largest batch whose KV cache fits beside the weights on a group of g accelerators. */
function batchThatFits(s: RooflineSetup, g: number): number {
  const free = usableMemoryGB(s.acc.memoryGB, g, s.margin).times(BYTES_PER_GB).minus(s.weights);
  return free.gt(ZERO) && s.kvPerRequest.gt(ZERO) ? free.div(s.kvPerRequest).floor().toNumber() : 0;
}

interface GroupPoint {
  /** Output tokens/s of one group. */
  tokensPerSecond: Decimal;
  step: Decimal;
  prefill: Decimal;
  memoryBound: boolean;
}

/**
 * One group of g accelerators decoding `batch` sequences: step = max(bytes read / bandwidth, FLOPs /
 * compute), both slowed by the parallel loss; MoE reads the shared weights plus the experts the batch
 * touches, E·(1 − (1 − k/E)^B) of E per MoE layer.
 */
function groupPoint(s: RooflineSetup, g: number, batch: number): GroupPoint {
  const parallel = s.layerSplit ? 1 : g;
  // log2 and the expert share in binary floating point: an estimate's factors, not money (and
  // decimal.js's arbitrary-precision log and pow would dominate the comparison sweeps' time).
  const tpEfficiency = ONE.div(ONE.plus(s.f.tensorParallelLoss.times(Math.log2(parallel))));
  const bandwidth = s.acc.memoryBandwidthGBps
    .times(BYTES_PER_GB)
    .times(parallel)
    .times(s.f.memoryEfficiency)
    .times(tpEfficiency);
  const derate = s.compute.weightOnly ? s.f.weightOnlyDerate : ONE;
  const peakFlops = s.compute.tflops.times("1e12").times(parallel).times(s.f.computeEfficiency).times(derate);
  let weightBytes = s.sharedWeightBytes.plus(s.expertWeightBytes);
  const moe = s.arch.moe;
  if (moe && s.expertWeightBytes.gt(ZERO)) {
    const touched = dec(1 - (1 - moe.expertsPerToken / moe.experts) ** batch);
    weightBytes = s.sharedWeightBytes.plus(s.expertWeightBytes.times(touched));
  }
  const memorySeconds = weightBytes.plus(s.kvAtAverageContext.times(batch)).div(bandwidth);
  const overhead = s.f.stepOverheadSecondsPerLayer.times(s.arch.layers);
  const computeSeconds = s.decodeFlopsPerSequence.times(batch).div(peakFlops.times(tpEfficiency));
  const prefill = s.prefillFlopsPerSequence.times(batch).div(peakFlops);
  // Chunked prefill rides on memory-bound decode steps: a batch's life takes the longer of its decode
  // memory traffic and all of its compute (prefill + decode), plus the fixed per-step overhead.
  const memoryCycle = s.osl.times(memorySeconds);
  const computeCycle = prefill.plus(s.osl.times(computeSeconds));
  const memoryBound = memoryCycle.gte(computeCycle);
  const cycle = (memoryBound ? memoryCycle : computeCycle).plus(s.osl.times(overhead));
  const step = cycle.div(s.osl);
  const tokensPerSecond = s.osl.times(batch).div(cycle);
  return { tokensPerSecond, step, prefill, memoryBound };
}

/** Tensor-parallel group sizes a replica of n can run: powers of two dividing n, and n itself. */
function groupSizes(n: number, layerSplit: boolean): number[] {
  if (layerSplit) return [n];
  const sizes: number[] = [];
  for (let g = 1; g < n; g *= 2) if (n % g === 0) sizes.push(g);
  sizes.push(n);
  return sizes;
}

/** The largest batch ≤ `limit` whose per-user speed 1/step meets `target` (0 when batch 1 misses it). */
function largestBatchMeeting(s: RooflineSetup, g: number, limit: number, target: Decimal): number {
  const meets = (b: number) => ONE.div(groupPoint(s, g, b).step).gte(target);
  if (limit < 1 || !meets(1)) return 0;
  let lo = 1;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (meets(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Plan {
  g: number;
  batch: number;
  fits: number;
  point: GroupPoint;
  total: Decimal;
}

/**
 * The group size and batch: a fixed concurrency runs on the whole replica; otherwise each group size
 * gets the largest batch that fits (capped per accelerator, and limited by the per-user target), and
 * the size giving the replica the most output wins — in practice the smallest group that holds the
 * weights and a full batch of KV cache.
 */
function choosePlan(s: RooflineSetup, n: number, input: ThroughputEstimateInput): Plan {
  const target = input.minOutputTokensPerSecondPerUser ?? null;
  if (input.concurrency != null) {
    const point = groupPoint(s, n, input.concurrency);
    return { g: n, batch: input.concurrency, fits: batchThatFits(s, n), point, total: point.tokensPerSecond };
  }
  let best: Plan | null = null;
  let fastestUser = ZERO;
  for (const g of groupSizes(n, s.layerSplit)) {
    const fits = batchThatFits(s, g);
    const limit = Math.min(fits, s.f.maxConcurrentSequences * g);
    if (limit < 1) continue;
    const batch = target ? largestBatchMeeting(s, g, limit, target) : limit;
    if (batch < 1) {
      const single = ONE.div(groupPoint(s, g, 1).step);
      if (single.gt(fastestUser)) fastestUser = single;
      continue;
    }
    const point = groupPoint(s, g, batch);
    const total = point.tokensPerSecond.times(n / g);
    if (!best || total.gt(best.total)) best = { g, batch, fits, point, total };
  }
  if (best) return best;
  if (target && fastestUser.gt(ZERO)) {
    throw new DomainError(
      "invalid",
      "/interactivity/minOutputTokensPerSecondPerUser",
      `No batch reaches ${target} output tokens/s per user on ${n}× ${s.acc.name ?? s.acc.id}: at batch 1 the estimate gives ` +
        `${fastestUser.toDecimalPlaces(1)} tokens/s per user. Lower the target or use faster or more accelerators.`,
    );
  }
  // Nothing fits: estimate batch 1 on the whole replica (the caller warns that the KV cache does not fit).
  const point = groupPoint(s, n, 1);
  return { g: n, batch: 1, fits: batchThatFits(s, n), point, total: point.tokensPerSecond };
}

/** Roofline estimate of a replica's output tokens per second (see the module comment). */
export function estimateThroughput(input: ThroughputEstimateInput): ThroughputEstimate {
  const n = input.accelerators;
  if (!Number.isInteger(n) || n < 1) {
    throw new DomainError(
      "invalid",
      "/acceleratorsPerReplica",
      "acceleratorsPerReplica must be a positive integer.",
    );
  }
  if (input.inputTokensPerRequest.lt(ZERO) || input.outputTokensPerRequest.lte(ZERO)) {
    throw new DomainError(
      "invalid",
      "/workload",
      "A throughput estimate needs at least one output token per request.",
    );
  }
  const s = setUp(input);
  const plan = choosePlan(s, n, input);
  const groups = n / plan.g;
  const f = s.f;
  const { tflops, figure, weightOnly } = s.compute;
  const perUser = ONE.div(plan.point.step);
  const target = input.minOutputTokensPerSecondPerUser;
  const batchText =
    input.concurrency != null
      ? `batch ${plan.batch} (fixed)`
      : `batch ${plan.batch} per group (fits ${plan.fits}, cap ${f.maxConcurrentSequences} per accelerator${target ? `, limited to ≥ ${target} tokens/s per user` : ""})`;
  const layout =
    s.layerSplit && n > 1
      ? `layers split over ${n} devices run in turn`
      : `${groups} data-parallel group(s) of ${plan.g} (tensor/expert-parallel loss α ${f.tensorParallelLoss})`;
  const detail =
    `Roofline estimate: ${batchText}, ${layout}, ${s.isl.toDecimalPlaces(0)} input / ${s.osl.toDecimalPlaces(0)} output tokens per request, ` +
    `decode ${plan.point.memoryBound ? "memory" : "compute"}-bound at ${perUser.toDecimalPlaces(1)} tokens/s per user; ` +
    `ηmem ${f.memoryEfficiency}, ηflops ${f.computeEfficiency} on ${figure.toUpperCase()} ${tflops} TFLOPS` +
    `${weightOnly ? ` (weight-only 4-bit: no FP4 math on this device, derated × ${f.weightOnlyDerate})` : ""}. ` +
    `An estimate, calibrated against published measurements (${ESTIMATE_TOLERANCE_TEXT}).`;
  return {
    tokensPerSecond: plan.total,
    counts: "output",
    batch: plan.batch,
    groupSize: plan.g,
    groups,
    concurrentSequences: plan.batch * groups,
    outputTokensPerSecondPerUser: perUser,
    batchThatFits: plan.fits,
    kvCacheFits: plan.fits >= plan.batch,
    decodeStepSeconds: plan.point.step,
    prefillSecondsPerBatch: plan.point.prefill,
    memoryBound: plan.point.memoryBound,
    tflopsPerAccelerator: tflops,
    tflopsFigure: figure,
    weightOnly,
    factors: f,
    detail,
  };
}

/** The tolerance the calibration supports (throughput.test.ts asserts it on every point). */
export const ESTIMATE_TOLERANCE_TEXT =
  "median error 28 % over 46 published points; within ±30 % for saturated dense serving on NVIDIA, " +
  "often 2–10× off for MoE at long prompts and for immature software stacks — prefer a measurement";
