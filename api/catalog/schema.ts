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

export const architecture = z.object({
  totalParams: z.number().positive(),
  activeParams: z.number().positive(),
  layers: z.number().int().positive(),
  hiddenSize: z.number().int().positive(),
  attentionHeads: z.number().int().positive(),
  kvHeads: z.number().int().positive(),
  headDim: z.number().int().positive(),
  experts: z.number().int().positive().optional(),
  expertsPerToken: z.number().int().positive().optional(),
});
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
