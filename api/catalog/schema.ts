/**
 * zod schemas of the sourced JSON files in `pricing-data/`. Every file is validated with these at seed
 * time and in a test, so a typo in a price never reaches the database.
 */
import { z } from "zod";

/** A decimal written as a JSON string (never a float in the data files). */
export const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string such as "2.50"');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
export const slug = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "must be a lowercase slug");

/** Where a figure comes from and when it was looked at. */
export const sourced = {
  /** URL or citation of the primary (or best available) source. */
  source: z.string().min(1),
  /** Date the figure was taken from (or last checked against) the source. */
  checkedOn: isoDate,
  /** true when confirmed on a primary page; false = UNCONFIRMED, secondary source only. */
  checked: z.boolean(),
  note: z.string().optional(),
};

export const providerFile = z.object({
  providers: z
    .array(
      z.object({
        id: slug,
        name: z.string().min(1),
        url: z.string().url(),
      }),
    )
    .min(1),
});

/** Weight precisions a model can be published in (`fp4` = a 4-bit float format with block scales). */
export const nativePrecision = z.enum(["bf16", "fp16", "fp8", "fp4"]);

/**
 * Attention layout: `mha` / `gqa` keep K and V per KV head; `mla` (DeepSeek) keeps one compressed
 * latent of `kvLoraRank` plus a decoupled RoPE key of `ropeHeadDim` per layer and token.
 */
export const attention = z
  .object({
    type: z.enum(["mha", "gqa", "mla"]),
    kvLoraRank: z.number().int().positive().optional(),
    ropeHeadDim: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.type === "mla" && (a.kvLoraRank === undefined || a.ropeHeadDim === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [a.kvLoraRank === undefined ? "kvLoraRank" : "ropeHeadDim"],
        message: "MLA attention needs kvLoraRank and ropeHeadDim",
      });
    }
    if (a.type !== "mla" && (a.kvLoraRank !== undefined || a.ropeHeadDim !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["kvLoraRank"],
        message: "kvLoraRank and ropeHeadDim belong to MLA attention only",
      });
    }
  });

/** Mixture-of-experts shape; absent for dense models. */
export const moe = z
  .object({
    /** Routed experts per MoE layer. */
    experts: z.number().int().min(2),
    /** Routed experts each token uses. */
    expertsPerToken: z.number().int().positive(),
    /** Experts every token uses besides the routed ones (DeepSeek 1, Llama 4 1). */
    sharedExperts: z.number().int().nonnegative(),
    /** Layers with a dense feed-forward instead of experts (DeepSeek's first 3; Maverick every 2nd). */
    denseLayers: z.number().int().nonnegative(),
  })
  .strict()
  .refine((m) => m.expertsPerToken <= m.experts, {
    message: "expertsPerToken exceeds experts",
    path: ["expertsPerToken"],
  });

/** Which weights are stored in the model's native 4-bit format (gpt-oss: the experts, MXFP4). */
export const nativeFp4 = z
  .object({
    format: z.enum(["mxfp4", "nvfp4"]),
    /** `experts`: only the MoE experts are 4-bit; attention, router and embeddings stay BF16. */
    scope: z.enum(["all", "experts"]),
  })
  .strict();

/** Architecture facts of an open-weight model (DESIGN §4 "Model architecture"). */
export const architecture = z
  .object({
    totalParams: z.number().positive(),
    activeParams: z.number().positive(),
    layers: z.number().int().positive(),
    hiddenSize: z.number().int().positive(),
    attentionHeads: z.number().int().positive(),
    kvHeads: z.number().int().positive(),
    headDim: z.number().int().positive(),
    attention: attention,
    /** Tokens of KV a sliding-window layer keeps; with `fullAttentionLayers`, the other layers slide. */
    slidingWindow: z.number().int().positive().optional(),
    /** Layers with full (growing) attention when the model has sliding-window layers. */
    fullAttentionLayers: z.number().int().nonnegative().optional(),
    moe: moe.optional(),
    nativePrecision: nativePrecision,
    nativeFp4: nativeFp4.optional(),
  })
  .strict();
export type Architecture = z.infer<typeof architecture>;

export const modelAlias = z.object({
  /** The alias as callers write it (`gpt-4o`, `open-mixtral-8x7b`). */
  alias: z.string().min(1),
  /** Provider whose name this is; aliases resolve within that provider. */
  provider: slug,
  /** From this date the alias points at this model (it can move later). */
  from: isoDate,
  ...sourced,
});

export const modelEntry = z.object({
  id: slug,
  name: z.string().min(1),
  /** Who made it (openai, meta, mistral, tii, …) — not necessarily who sells access. */
  creator: z.string().min(1),
  family: z.string().min(1),
  openWeights: z.boolean(),
  license: z.string().nullable(),
  releaseDate: isoDate.nullable(),
  contextWindow: z.number().int().positive(),
  /** MMLU score in percent where published, as a decimal string. */
  mmlu: decimalString.nullable(),
  architecture: architecture.nullable(),
  aliases: z.array(modelAlias).default([]),
  ...sourced,
});
export type ModelEntry = z.infer<typeof modelEntry>;

export const modelFile = z.object({ models: z.array(modelEntry).min(1) });

export const tier = z.object({
  /** A request whose input exceeds this many tokens pays the tier's rates on all its tokens. */
  aboveInputTokens: z.number().int().positive(),
  inputPerMillion: decimalString,
  outputPerMillion: decimalString,
  cachedInputPerMillion: decimalString.nullable().default(null),
  cacheWritePerMillion: decimalString.nullable().default(null),
});

export const priceEntry = z.object({
  /** Canonical model id (see models.json); the provider's own name is an alias there. */
  model: slug,
  inputPerMillion: decimalString,
  outputPerMillion: decimalString,
  cachedInputPerMillion: decimalString.nullable().default(null),
  cacheWritePerMillion: decimalString.nullable().default(null),
  /** Share off every rate for batch requests, e.g. "0.5". */
  batchDiscount: decimalString.nullable().default(null),
  tiers: z.array(tier).default([]),
});

export const priceSheetFile = z.object({
  provider: slug,
  effectiveFrom: isoDate,
  currency: z.string().regex(/^[A-Z]{3}$/),
  prices: z.array(priceEntry).min(1),
  ...sourced,
});
export type PriceSheetFile = z.infer<typeof priceSheetFile>;
