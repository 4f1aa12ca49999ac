/**
 * Memory fit of an open-weight model on accelerators: weights, KV cache, and how many full-context
 * sequences fit beside the weights (DESIGN §5.3).
 *
 * Units: GB = 1e9 bytes (decimal gigabytes, as accelerator datasheets count them), never GiB.
 *
 * Weights: totalParams × bytes per weight. 4-bit floats carry block scales: MXFP4 one 8-bit scale per
 * 32 values (4.25 bits), NVFP4 one FP8 scale per 16 (4.5 bits; its per-tensor scale is negligible).
 * A model published in 4-bit (gpt-oss) may keep only its experts at 4 bits and attention, router and
 * embeddings at BF16 (`nativeFp4.scope: "experts"`).
 *
 * KV cache per token and layer: GQA/MHA 2 (K and V) × KV heads × head dim; MLA (DeepSeek) one latent of
 * kvLoraRank plus the decoupled RoPE key. It uses the model's KV heads, not its attention heads (the
 * common bug that overstates Llama 3's KV cache 8×; treating MLA as 128 heads overstates DeepSeek's
 * ~57×). Sliding-window layers (gpt-oss, Gemma 3) hold at most `slidingWindow` tokens, so only the
 * full-attention layers grow with the context.
 *
 * KV-cache precision default (DESIGN §4): the weights' precision for bf16/fp16, FP8 for 8-bit and
 * 4-bit weights (TensorRT-LLM, vLLM and the MLPerf FP8/FP4 submissions run an FP8 cache).
 */
import { type Decimal, dec, ONE, ZERO } from "../shared/decimal.js";

/** Numeric precisions for weights and for the KV cache (`fp4`: NVFP4 or MXFP4 with block scales). */
export type Precision = "bf16" | "fp16" | "fp8" | "int8" | "int4" | "fp4";

/** All precisions, for validation at the HTTP layer. */
export const PRECISIONS: readonly Precision[] = ["bf16", "fp16", "fp8", "int8", "int4", "fp4"];

/** The 4-bit float formats with their block scales. */
export type Fp4Format = "mxfp4" | "nvfp4";

/** Bytes per stored element: bf16/fp16 2, fp8/int8 1, int4 0.5, MXFP4 0.53125, NVFP4 0.5625. */
export const BYTES_PER_ELEMENT: Readonly<Record<Exclude<Precision, "fp4">, Decimal>> = {
  bf16: dec(2),
  fp16: dec(2),
  fp8: dec(1),
  int8: dec(1),
  int4: dec("0.5"),
};
/** 4 bits + one 8-bit scale per 32 (MXFP4) or one 8-bit scale per 16 (NVFP4), in bytes. */
export const FP4_BYTES: Readonly<Record<Fp4Format, Decimal>> = {
  mxfp4: dec("4.25").div(8),
  nvfp4: dec("4.5").div(8),
};

/** Bytes in one GB (decimal gigabyte). */
export const BYTES_PER_GB = dec(1_000_000_000);

export type AttentionType = "mha" | "gqa" | "mla";

/**
 * The architecture facts memory and throughput need (the same shape as `architecture` in
 * pricing-data/models.json, DESIGN §4). Parameter counts are absolute (70.55e9, not 70.55).
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
  attention: { type: AttentionType; kvLoraRank?: number | undefined; ropeHeadDim?: number | undefined };
  /** Tokens a sliding-window layer keeps; layers past `fullAttentionLayers` slide. */
  slidingWindow?: number | undefined;
  fullAttentionLayers?: number | undefined;
  moe?: { experts: number; expertsPerToken: number; sharedExperts: number; denseLayers: number } | undefined;
  /** Precision the weights are published in. */
  nativePrecision: "bf16" | "fp16" | "fp8" | "fp4";
  nativeFp4?: { format: Fp4Format; scope: "all" | "experts" } | undefined;
}

/** Same class of precision for matching measurements: bf16 and fp16 are both 16-bit. */
export function precisionClass(p: Precision): "16-bit" | "fp8" | "int8" | "int4" | "fp4" {
  return p === "bf16" || p === "fp16" ? "16-bit" : p;
}

/** The KV-cache precision used when the caller gives none (see the module comment). */
export function defaultKvCachePrecision(weights: Precision): Precision {
  return weights === "bf16" || weights === "fp16" ? weights : "fp8";
}

/**
 * The 4-bit format `fp4` means for a model on a vendor's hardware: the model's native format where it
 * has one (MXFP4 for gpt-oss), else NVFP4 on NVIDIA and MXFP4 elsewhere (DESIGN §4).
 */
export function resolveFp4Format(arch: ModelArchitecture, vendor: string | null | undefined): Fp4Format {
  return arch.nativeFp4?.format ?? (vendor === "nvidia" ? "nvfp4" : "mxfp4");
}

/** Bytes per element at a precision (`fp4` in the given format, with its block scales). */
export function bytesPerElement(precision: Precision, fp4Format: Fp4Format = "nvfp4"): Decimal {
  return precision === "fp4" ? FP4_BYTES[fp4Format] : BYTES_PER_ELEMENT[precision];
}

/**
 * Parameters of all routed experts together (every MoE layer) and of one routed expert, from the MoE
 * shape: total = shared + E·p and active = shared + k·p, so p = (total − active)/(E − k). Null for
 * dense models (and for a shape that cannot be solved: E = k).
 */
export function routedExpertParams(arch: ModelArchitecture): { perExpert: Decimal; all: Decimal } | null {
  const m = arch.moe;
  if (!m || m.experts <= m.expertsPerToken || arch.totalParams <= arch.activeParams) return null;
  const perExpert = dec(arch.totalParams)
    .minus(arch.activeParams)
    .div(m.experts - m.expertsPerToken);
  const all = perExpert.times(m.experts);
  return { perExpert, all: all.gt(arch.totalParams) ? dec(arch.totalParams) : all };
}

/**
 * Bytes of the model weights: totalParams × bytes per weight; at `fp4` for a model whose native 4-bit
 * layout covers only its experts (gpt-oss), the experts at the 4-bit format and the rest at BF16.
 */
export function weightsBytes(
  arch: ModelArchitecture,
  precision: Precision,
  fp4Format: Fp4Format = resolveFp4Format(arch, null),
): Decimal {
  const perWeight = bytesPerElement(precision, fp4Format);
  const experts = routedExpertParams(arch);
  if (precision === "fp4" && arch.nativeFp4?.scope === "experts" && experts) {
    const rest = dec(arch.totalParams).minus(experts.all);
    return experts.all.times(perWeight).plus(rest.times(BYTES_PER_ELEMENT.bf16));
  }
  return dec(arch.totalParams).times(perWeight);
}

/** KV-cache bytes one layer holds per token: GQA/MHA 2 × kvHeads × headDim, MLA kvLoraRank + ropeHeadDim. */
export function kvBytesPerTokenPerLayer(
  arch: ModelArchitecture,
  kvCachePrecision: Precision,
  fp4Format?: Fp4Format,
): Decimal {
  const a = arch.attention;
  const elements =
    a.type === "mla" ? (a.kvLoraRank ?? 0) + (a.ropeHeadDim ?? 0) : 2 * arch.kvHeads * arch.headDim;
  return dec(elements).times(bytesPerElement(kvCachePrecision, fp4Format));
}

/** Layers whose KV grows with the context, and layers that keep only a sliding window. */
export function attentionLayerSplit(arch: ModelArchitecture): { full: number; sliding: number } {
  if (arch.slidingWindow == null || arch.fullAttentionLayers == null)
    return { full: arch.layers, sliding: 0 };
  const full = Math.min(arch.layers, arch.fullAttentionLayers);
  return { full, sliding: arch.layers - full };
}

/**
 * KV-cache bytes per token of context that grows without bound: the full-attention layers (all layers
 * for a model without sliding-window layers). This is `memory.kvCacheBytesPerToken` of the response.
 */
export function kvCacheBytesPerToken(
  arch: ModelArchitecture,
  kvCachePrecision: Precision,
  fp4Format?: Fp4Format,
): Decimal {
  return kvBytesPerTokenPerLayer(arch, kvCachePrecision, fp4Format).times(attentionLayerSplit(arch).full);
}

/** KV-cache bytes of one sequence of `tokens`: full layers × tokens + sliding layers × min(tokens, window). */
export function kvCacheBytesForSequence(
  arch: ModelArchitecture,
  kvCachePrecision: Precision,
  tokens: Decimal | number,
  fp4Format?: Fp4Format,
): Decimal {
  const perLayer = kvBytesPerTokenPerLayer(arch, kvCachePrecision, fp4Format);
  const { full, sliding } = attentionLayerSplit(arch);
  const t = dec(tokens);
  const windowed = sliding > 0 ? minDecimal(t, dec(arch.slidingWindow ?? 0)).times(sliding) : ZERO;
  return perLayer.times(t.times(full).plus(windowed));
}

function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

export interface MemoryFitInput {
  architecture: ModelArchitecture;
  precision: Precision;
  kvCachePrecision: Precision;
  /** The 4-bit format when a precision is `fp4` (default: the model's native one, else NVFP4). */
  fp4Format?: Fp4Format;
  /** Tokens one sequence can hold: the model's context window. */
  contextTokens: number;
  memoryGBPerAccelerator: Decimal;
  accelerators: number;
  /** Share of memory kept free for runtime, activations and fragmentation (0.1 = 10 %). */
  margin: Decimal;
}

export interface MemoryFit {
  weightsGB: Decimal;
  /** KV bytes per token of the layers that grow with the context (see {@link kvCacheBytesPerToken}). */
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
  const fp4 = input.fp4Format ?? resolveFp4Format(input.architecture, null);
  const weightsGB = weightsBytes(input.architecture, input.precision, fp4).div(BYTES_PER_GB);
  const perToken = kvCacheBytesPerToken(input.architecture, input.kvCachePrecision, fp4);
  const kvCacheGBPerSequence = kvCacheBytesForSequence(
    input.architecture,
    input.kvCachePrecision,
    input.contextTokens,
    fp4,
  ).div(BYTES_PER_GB);
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

/** A problem with an architecture: a JSON pointer relative to the architecture object, and why. */
export interface ArchitectureProblem {
  pointer: string;
  message: string;
}

/**
 * Cross-field checks of an architecture against itself and the model's context window (the field-level
 * checks are the zod schema's): sliding window within the context, MoE shape consistent with the
 * parameter counts, MLA with its latent rank, a 4-bit layout only for 4-bit models.
 */
export function architectureProblems(arch: ModelArchitecture, contextWindow: number): ArchitectureProblem[] {
  const problems: ArchitectureProblem[] = [];
  const add = (pointer: string, message: string) => problems.push({ pointer, message });
  if (arch.activeParams > arch.totalParams) add("/activeParams", "activeParams exceeds totalParams");
  if (arch.kvHeads > arch.attentionHeads) add("/kvHeads", "kvHeads exceeds attentionHeads");
  else if (arch.attentionHeads % arch.kvHeads !== 0)
    add("/kvHeads", "attentionHeads must be a multiple of kvHeads");
  const type = arch.attention.type;
  if (type === "mha" && arch.kvHeads !== arch.attentionHeads)
    add("/attention/type", "MHA has as many KV heads as attention heads (use gqa)");
  if ((arch.slidingWindow == null) !== (arch.fullAttentionLayers == null))
    add("/slidingWindow", "slidingWindow and fullAttentionLayers go together");
  if (arch.slidingWindow != null && arch.slidingWindow > contextWindow)
    add(
      "/slidingWindow",
      `sliding window of ${arch.slidingWindow} tokens is larger than the ${contextWindow}-token context`,
    );
  if (arch.fullAttentionLayers != null && arch.fullAttentionLayers > arch.layers)
    add("/fullAttentionLayers", "fullAttentionLayers exceeds layers");
  const m = arch.moe;
  if (m) {
    if (m.expertsPerToken > m.experts)
      add("/moe/expertsPerToken", `expertsPerToken ${m.expertsPerToken} exceeds experts ${m.experts}`);
    if (m.denseLayers >= arch.layers)
      add("/moe/denseLayers", "denseLayers must leave at least one MoE layer");
    if (arch.activeParams >= arch.totalParams)
      add("/activeParams", "a mixture-of-experts model's activeParams must be below totalParams");
  } else if (arch.activeParams !== arch.totalParams) {
    add("/activeParams", "a dense model's activeParams must equal totalParams");
  }
  if (arch.nativePrecision === "fp4" && !arch.nativeFp4)
    add("/nativeFp4", "a model published in fp4 says which format (mxfp4 or nvfp4) and which weights");
  if (arch.nativeFp4 && arch.nativePrecision !== "fp4")
    add("/nativeFp4", "nativeFp4 describes a model whose nativePrecision is fp4");
  if (arch.nativeFp4?.scope === "experts" && !m)
    add("/nativeFp4/scope", "a 4-bit layout of the experts only needs a mixture-of-experts model");
  return problems;
}
