/** Wire schemas of the catalogue: providers, models, price sheets and prices. */
import { z } from "@hono/zod-openapi";
import { CurrencyCode, DecimalString, decimalInput, IsoDate, moneyInput, storedText } from "./common.js";

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

export const ProviderFreshnessSchema = ProviderSchema.extend({
  latestSheetId: z.string().nullable().openapi({ example: "openai-2026-09-23" }),
  latestEffectiveFrom: z.string().nullable().openapi({
    description: "effectiveFrom of the provider's latest sheet (may be a future, announced price)",
    example: "2026-09-23",
  }),
  lastCheckedOn: z.string().nullable().openapi({
    description: "Latest date any of its sheets was checked against (or taken from) its source",
    example: "2026-09-23",
  }),
  sheetCount: z.number().int(),
}).openapi("ProviderWithFreshness");

export const ArchitectureSchema = z
  .object({
    totalParams: z.number().int(),
    activeParams: z.number().int(),
    layers: z.number().int(),
    hiddenSize: z.number().int(),
    attentionHeads: z.number().int(),
    kvHeads: z.number().int().openapi({ description: "Key/value heads (GQA/MQA); sizes the KV cache" }),
    headDim: z.number().int(),
    experts: z.number().int().optional(),
    expertsPerToken: z.number().int().optional(),
  })
  .openapi("Architecture", { description: "Open-weight architecture facts used for memory and throughput" });

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
    creator: z.string().nullable().openapi({ example: "openai", description: "Null for imported models" }),
    family: z.string().nullable().openapi({ example: "gpt-4o", description: "Null for imported models" }),
    openWeights: z.boolean().nullable().openapi({
      description: "Null for an imported model whose weights are not known to be open (see baseModel)",
    }),
    license: z.string().nullable(),
    releaseDate: z.string().nullable(),
    contextWindow: z.number().int().nullable().openapi({ example: 128000 }),
    origin: z.enum(["curated", "genai-prices"]).openapi({
      description:
        "`curated`: from the project's sourced files; `genai-prices`: imported from @pydantic/genai-prices (unconfirmed)",
    }),
    baseModel: z.string().nullable().openapi({
      description: "For a provider's variant of an open-weight model: the vendor-neutral model it serves",
      example: null,
    }),
    deprecated: z.boolean(),
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
