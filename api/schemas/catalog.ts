/** Wire schemas of the catalogue: providers, models, price sheets and prices. */
import { z } from "@hono/zod-openapi";
import {
  CurrencyCode,
  DecimalString,
  decimalInput,
  IsoDate,
  moneyInput,
  nameReceived,
  storedText,
} from "./common.js";

const Sourced = {
  source: z.string().openapi({ description: "Where the figures come from (URL or citation)" }),
  checkedOn: z
    .string()
    .openapi({ description: "Date the figures were taken from the source", example: "2024-10-01" }),
  checked: z.boolean().openapi({ description: "true = confirmed on a primary source; false = unconfirmed" }),
  note: z.string().nullable(),
};

export const ProviderSchema = z
  .object({
    id: z.string().openapi({ example: "openai" }),
    name: z.string().openapi({ example: "OpenAI" }),
    url: z.string().openapi({ example: "https://openai.com/api/pricing/" }),
  })
  .openapi("Provider");

const positiveInt = (description: string, example?: number) =>
  z
    .number()
    .int()
    .positive()
    .max(1e13)
    .openapi(example === undefined ? { description } : { description, example });

export const AttentionSchema = z
  .object({
    type: z
      .enum(["mha", "gqa", "mla"], {
        error: (issue) => `unknown attention type ${nameReceived(issue.input)}; expected mha, gqa or mla`,
      })
      .openapi({
        description:
          "mha / gqa: K and V per KV head; mla: DeepSeek's multi-head latent attention (one latent of kvLoraRank + ropeHeadDim per layer and token)",
        example: "mla",
      }),
    kvLoraRank: positiveInt("MLA latent rank (DeepSeek-V3: 512)", 512).optional(),
    ropeHeadDim: positiveInt("MLA decoupled RoPE key width (DeepSeek-V3: 64)", 64).optional(),
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
  })
  .openapi("Attention");

export const MoeSchema = z
  .object({
    experts: z
      .number()
      .int()
      .min(2)
      .max(100000)
      .openapi({ description: "Routed experts per MoE layer", example: 256 }),
    expertsPerToken: positiveInt("Routed experts each token uses", 8),
    sharedExperts: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .openapi({ description: "Experts every token uses", example: 1 }),
    denseLayers: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .openapi({ description: "Layers with a dense feed-forward instead of experts", example: 3 }),
  })
  .strict()
  .refine((m) => m.expertsPerToken <= m.experts, {
    message: "expertsPerToken exceeds experts",
    path: ["expertsPerToken"],
  })
  .openapi("MixtureOfExperts", { description: "Mixture-of-experts shape; absent for dense models" });

export const ArchitectureSchema = z
  .object({
    totalParams: z.number().int().positive().max(1e14).openapi({ example: 671000000000 }),
    activeParams: z.number().int().positive().max(1e14).openapi({
      description: "Parameters used per token (below totalParams for MoE)",
      example: 37000000000,
    }),
    layers: positiveInt("Transformer layers", 61),
    hiddenSize: positiveInt("Hidden size", 7168),
    attentionHeads: positiveInt("Query heads", 128),
    kvHeads: positiveInt("Key/value heads (GQA/MQA); sizes the KV cache of gqa/mha attention", 128),
    headDim: positiveInt("Head dimension (not always hiddenSize / attentionHeads)", 128),
    attention: AttentionSchema,
    slidingWindow: positiveInt(
      "Tokens of KV a sliding-window layer keeps (gpt-oss 128, Gemma 3 1024); with fullAttentionLayers",
      128,
    ).optional(),
    fullAttentionLayers: z.number().int().min(0).max(100000).optional().openapi({
      description: "Layers whose KV grows with the context; the others keep slidingWindow tokens",
    }),
    moe: MoeSchema.optional(),
    nativePrecision: z
      .enum(["bf16", "fp16", "fp8", "fp4"], {
        error: (issue) => `unknown precision ${nameReceived(issue.input)}; expected bf16, fp16, fp8 or fp4`,
      })
      .openapi({ description: "Precision the weights are published in", example: "fp8" }),
    nativeFp4: z
      .object({
        format: z.enum(["mxfp4", "nvfp4"]),
        scope: z.enum(["all", "experts"]).openapi({
          description:
            "experts: only the MoE experts are 4-bit (gpt-oss); attention, router, embeddings BF16",
        }),
      })
      .strict()
      .optional()
      .openapi({ description: "The model's native 4-bit layout (gpt-oss: MXFP4 experts)" }),
  })
  .strict()
  .openapi("Architecture", {
    description:
      "Open-weight architecture facts used for memory and throughput (DESIGN §4): parameters total/active, attention type (GQA, MHA, MLA), sliding-window layers, mixture-of-experts shape, native precision",
  });

export const ModelAliasSchema = z
  .object({
    provider: z.string().openapi({ example: "openai" }),
    alias: z.string().openapi({ example: "gpt-4o" }),
    from: z
      .string()
      .openapi({ description: "The alias points at this model from this date", example: "2024-10-02" }),
  })
  .openapi("ModelAlias");

export const ModelSchema = z
  .object({
    id: z.string().openapi({ example: "gpt-4o-2024-08-06" }),
    name: z.string().openapi({ example: "GPT-4o (2024-08-06)" }),
    creator: z.string().openapi({ example: "openai" }),
    family: z.string().openapi({ example: "gpt-4o" }),
    openWeights: z.boolean(),
    license: z.string().nullable(),
    releaseDate: z.string().nullable(),
    contextWindow: z.number().int().openapi({ example: 128000 }),
    mmlu: DecimalString.nullable().openapi({ description: "MMLU score in percent, where published" }),
    architecture: ArchitectureSchema.nullable(),
    aliases: z.array(ModelAliasSchema),
    ...Sourced,
  })
  .openapi("Model");

const nullableRate = (description: string, example: string | null) =>
  moneyInput(description, example ?? "1.25")
    .nullable()
    .optional()
    .openapi({ example });

export const PriceTierInputSchema = z
  .object({
    aboveInputTokens: z.number().int().positive().max(100_000_000).openapi({
      description: "A request whose input exceeds this many tokens pays this tier's rates on all its tokens",
      example: 128000,
    }),
    inputPerMillion: moneyInput("Input rate per 1M tokens in this tier", "2.5"),
    outputPerMillion: moneyInput("Output rate per 1M tokens in this tier", "10"),
    cachedInputPerMillion: nullableRate("Cache-read rate per 1M tokens in this tier", null),
    cacheWritePerMillion: nullableRate("Cache-write rate per 1M tokens in this tier", null),
  })
  .strict()
  .openapi("PriceTierInput");

export const PriceInputSchema = z
  .object({
    model: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "Model id, or the provider's alias for it", example: "gemini-1.5-pro" }),
    inputPerMillion: moneyInput("Input rate per 1M tokens", "1.25"),
    outputPerMillion: moneyInput("Output rate per 1M tokens", "5"),
    cachedInputPerMillion: nullableRate("Prompt-cache read rate per 1M tokens (null: no caching)", null),
    cacheWritePerMillion: nullableRate(
      "Prompt-cache write rate per 1M tokens (null: charged as input)",
      null,
    ),
    batchDiscount: decimalInput({
      min: "0",
      max: "1",
      description: "Share off every rate for batch requests",
      example: "0.5",
    })
      .nullable()
      .optional(),
    tiers: z.array(PriceTierInputSchema).max(20).optional(),
  })
  .strict()
  .openapi("PriceInput");

export const PriceSheetInputSchema = z
  .object({
    provider: z.string().min(1).max(100).openapi({ example: "google" }),
    effectiveFrom: IsoDate.openapi({
      description: "First day this sheet is in force",
      example: "2024-10-01",
    }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
      .openapi({ example: "USD" }),
    source: storedText(1, 2000).openapi({ example: "https://ai.google.dev/pricing" }),
    checked: z.boolean().openapi({ description: "Confirmed on the primary source" }),
    checkedOn: IsoDate.optional().openapi({ description: "Date the source was read (default: today)" }),
    note: storedText(0, 4000).nullable().optional(),
    prices: z.array(PriceInputSchema).min(1).max(20_000),
  })
  .strict()
  .openapi("PriceSheetInput", {
    description: "A provider's complete price list from `effectiveFrom` until its next sheet.",
    example: {
      provider: "google",
      effectiveFrom: "2024-10-01",
      currency: "USD",
      source: "https://ai.google.dev/pricing",
      checked: true,
      prices: [
        {
          model: "gemini-1.5-pro",
          inputPerMillion: "1.25",
          outputPerMillion: "5",
          cachedInputPerMillion: null,
          cacheWritePerMillion: null,
          batchDiscount: null,
          tiers: [{ aboveInputTokens: 128000, inputPerMillion: "2.5", outputPerMillion: "10" }],
        },
      ],
    },
  });

export const PriceTierSchema = z
  .object({
    aboveInputTokens: z.number().int(),
    inputPerMillion: DecimalString,
    outputPerMillion: DecimalString,
    cachedInputPerMillion: DecimalString.nullable(),
    cacheWritePerMillion: DecimalString.nullable(),
  })
  .openapi("PriceTier");

const priceFields = {
  model: z.string().openapi({ example: "gpt-4o-2024-08-06" }),
  inputPerMillion: DecimalString.openapi({ example: "2.5" }),
  outputPerMillion: DecimalString.openapi({ example: "10" }),
  cachedInputPerMillion: DecimalString.nullable().openapi({ example: "1.25" }),
  cacheWritePerMillion: DecimalString.nullable().openapi({ example: null }),
  batchDiscount: DecimalString.nullable().openapi({ example: "0.5" }),
  tiers: z.array(PriceTierSchema),
};

export const SheetPriceSchema = z
  .object(priceFields)
  .openapi("SheetPrice", { description: "Rates per 1M tokens" });

export const PriceSheetSummarySchema = z
  .object({
    id: z.string().openapi({ example: "openai-2024-10-01" }),
    provider: z.string().openapi({ example: "openai" }),
    effectiveFrom: z.string().openapi({ example: "2024-10-01" }),
    currency: CurrencyCode,
    ...Sourced,
    contentHash: z.string().openapi({ description: "sha-256 of the sheet's canonical content" }),
    importedAt: z.string(),
    priceCount: z.number().int(),
  })
  .openapi("PriceSheetSummary");

export const PriceSheetSchema = PriceSheetSummarySchema.extend({ prices: z.array(SheetPriceSchema) }).openapi(
  "PriceSheet",
);

export const PriceInForceSchema = z
  .object({
    provider: z.string().openapi({ example: "openai" }),
    priceSheetId: z.string().openapi({ example: "openai-2024-10-01" }),
    effectiveFrom: z.string().openapi({ example: "2024-10-01" }),
    currency: CurrencyCode,
    ...priceFields,
  })
  .openapi("PriceInForce");

export const ModelDetailSchema = ModelSchema.extend({
  offerings: z
    .array(PriceInForceSchema)
    .openapi({ description: "Prices for this model in force today, per provider" }),
}).openapi("ModelDetail");
