/**
 * Memory fit of an open-weight model on accelerators: weights, KV cache, and how many full-context
 * sequences fit beside the weights.
 *
 * Units: GB = 1e9 bytes (decimal gigabytes, as accelerator datasheets count them), never GiB.
 *
 * KV cache per token = 2 (K and V) × layers × KV heads × head dim × bytes per element. It uses the
 * model's KV heads (grouped-query / multi-query attention), not its attention heads — using attention
 * heads is the common bug that overstates Llama 3's KV cache 8×.
 *
 * KV-cache precision: by default FP8 when the weights are FP8 (TensorRT-LLM quantizes the KV cache to
 * FP8 with FP8 weights, and MLPerf FP8 submissions do too), otherwise 16-bit: weight-only INT8/INT4
 * quantization (AWQ, GPTQ, GGUF) keeps an FP16 cache by default. Callers can override it.
 */
import { type Decimal, dec, ONE, ZERO } from "../shared/decimal.js";

/** Numeric precisions for weights and for the KV cache. */
export type Precision = "bf16" | "fp16" | "fp8" | "int8" | "int4";

/** All precisions, for validation at the HTTP layer. */
export const PRECISIONS: readonly Precision[] = ["bf16", "fp16", "fp8", "int8", "int4"];

/** Bytes per stored element: bf16/fp16 2, fp8/int8 1, int4 0.5. */
export const BYTES_PER_ELEMENT: Readonly<Record<Precision, Decimal>> = {
  bf16: dec(2),
  fp16: dec(2),
  fp8: dec(1),
  int8: dec(1),
  int4: dec("0.5"),
};

/** Bytes in one GB (decimal gigabyte). */
export const BYTES_PER_GB = dec(1_000_000_000);

/**
 * The architecture facts memory and throughput need (the same shape as `architecture` in
 * pricing-data/models.json). Parameter counts are absolute (70.55e9, not 70.55).
 */
export interface ModelArchitecture {
  totalParams: number;
  /** Parameters used per token (≠ totalParams for mixture-of-experts). */
  activeParams: number;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  experts?: number;
  expertsPerToken?: number;
}

/** Same class of precision for matching measurements: bf16 and fp16 are both 16-bit. */
export function precisionClass(p: Precision): "16-bit" | "fp8" | "int8" | "int4" {
  return p === "bf16" || p === "fp16" ? "16-bit" : p;
}

/** The KV-cache precision used when the caller gives none (see the module comment). */
export function defaultKvCachePrecision(weights: Precision): Precision {
  if (weights === "fp8") return "fp8";
  if (weights === "fp16") return "fp16";
  return "bf16";
}

/** Bytes of the model weights: totalParams × bytes per weight. */
export function weightsBytes(arch: ModelArchitecture, precision: Precision): Decimal {
  return dec(arch.totalParams).times(BYTES_PER_ELEMENT[precision]);
}

/** KV-cache bytes per token: 2 × layers × kvHeads × headDim × bytes per element. */
export function kvCacheBytesPerToken(arch: ModelArchitecture, kvCachePrecision: Precision): Decimal {
  return dec(2)
    .times(arch.layers)
    .times(arch.kvHeads)
    .times(arch.headDim)
    .times(BYTES_PER_ELEMENT[kvCachePrecision]);
}

export interface MemoryFitInput {
  architecture: ModelArchitecture;
  precision: Precision;
  kvCachePrecision: Precision;
  /** Tokens one sequence can hold: the model's context window. */
  contextTokens: number;
  memoryGBPerAccelerator: Decimal;
  accelerators: number;
  /** Share of memory kept free for runtime, activations and fragmentation (0.1 = 10 %). */
  margin: Decimal;
}

export interface MemoryFit {
  weightsGB: Decimal;
  kvCacheBytesPerToken: Decimal;
  /** KV cache of one sequence at the full context length, GB. */
  kvCacheGBPerSequence: Decimal;
  /** memory × accelerators × (1 − margin), GB. */
  usableGB: Decimal;
  /** weights + one full-context sequence ≤ usable memory. */
  fits: boolean;
  /** Largest number of full-context sequences whose KV cache fits beside the weights; 0 if it does not fit. */
  maxBatch: number;
}

/** Usable memory of a group of accelerators after the margin, GB. */
export function usableMemoryGB(
  memoryGBPerAccelerator: Decimal,
  accelerators: number,
  margin: Decimal,
): Decimal {
  return memoryGBPerAccelerator.times(accelerators).times(ONE.minus(margin));
}

/** Does the model fit, and how many full-context sequences fit beside its weights? */
export function memoryFit(input: MemoryFitInput): MemoryFit {
  const weightsGB = weightsBytes(input.architecture, input.precision).div(BYTES_PER_GB);
  const perToken = kvCacheBytesPerToken(input.architecture, input.kvCachePrecision);
  const kvCacheGBPerSequence = perToken.times(input.contextTokens).div(BYTES_PER_GB);
  const usableGB = usableMemoryGB(input.memoryGBPerAccelerator, input.accelerators, input.margin);
  const fits = weightsGB.plus(kvCacheGBPerSequence).lte(usableGB);
  const free = usableGB.minus(weightsGB);
  const maxBatch =
    fits && kvCacheGBPerSequence.gt(ZERO) ? free.div(kvCacheGBPerSequence).floor().toNumber() : 0;
  return { weightsGB, kvCacheBytesPerToken: perToken, kvCacheGBPerSequence, usableGB, fits, maxBatch };
}

/**
 * The smallest power-of-two accelerator count (1, 2, 4, 8 … up to `maxCount`) whose usable memory holds
 * the weights plus one full-context sequence; null when even `maxCount` is not enough.
 */
export function smallestFittingCount(
  input: Omit<MemoryFitInput, "accelerators">,
  maxCount = 8,
): number | null {
  for (let n = 1; n <= maxCount; n *= 2) {
    if (memoryFit({ ...input, accelerators: n }).fits) return n;
  }
  return null;
}
