/**
 * zod schemas of the sourced JSON files in `pricing-data/`. Every file is validated with these at seed
 * time and in a test, so a typo in a price never reaches the database.
 */
import { z } from "zod";
import {
  HOLIDAY_CALENDAR_IDS,
  holidayCalendar,
  isKnownTimeZone,
} from "../domain/pricing/holiday-calendars.js";
import { SERVICE_TIERS, WEEKDAYS } from "../domain/pricing/price-entry.js";
import { ArchitectureSchema } from "../schemas/architecture.js";

/** A decimal written as a JSON string (never a float in the data files). */
export const decimalString = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string such as "2.50"');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
export const slug = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "must be a lowercase slug");
/** A provider id: a slug, or an imported provider's id as genai-prices writes it (`huggingface_novita`). */
export const providerId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "must be a lowercase provider id");
/**
 * A model as a price row names it: a curated slug, or an imported id as its source writes it
 * (`Meta-Llama-3.1-405B-Instruct`, `@cf/meta/llama-3.1-8b-instruct`, `amazon.nova-pro-v1:0`).
 */
export const modelRef = z.string().regex(/^\S+$/, "must be a model id without spaces").max(200);

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
        id: providerId,
        name: z.string().min(1),
        url: z.string().url(),
      }),
    )
    .min(1),
});

export const modelAlias = z.object({
  /** The alias as callers write it (`gpt-4o`, `open-mixtral-8x7b`). */
  alias: z.string().min(1),
  /** Provider whose name this is; aliases resolve within that provider. */
  provider: providerId,
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
  architecture: ArchitectureSchema.nullable(),
  aliases: z.array(modelAlias).default([]),
  ...sourced,
});
export type ModelEntry = z.infer<typeof modelEntry>;

export const modelFile = z.object({ models: z.array(modelEntry).min(1) });

/** `HH:MM`, minutes of the day; `24:00` only as a window's end. */
/** `HH:MM` from 00:00 to 24:00, and the message refusing anything else. */
export const TIME_OF_DAY = {
  pattern: /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/,
  message: "must be a time HH:MM (00:00–24:00)",
};
const timeOfDay = z.string().regex(TIME_OF_DAY.pattern, TIME_OF_DAY.message);

/** The token rates a price, band, tier, window or region can name (per 1M tokens). */
const rateFields = {
  inputPerMillion: decimalString,
  outputPerMillion: decimalString,
  cachedInputPerMillion: decimalString,
  cacheWritePerMillion: decimalString,
  cacheWrite1hPerMillion: decimalString,
  reasoningOutputPerMillion: decimalString,
};
const RATE_KEYS = Object.keys(rateFields) as (keyof typeof rateFields)[];

/**
 * A step of the stacking order gives either a `multiplier` of the previous step's token rates or
 * explicit rates (null = not named, so the previous step's value is kept).
 */
const stepFields = {
  multiplier: decimalString.nullable().default(null),
  inputPerMillion: decimalString.nullable().default(null),
  outputPerMillion: decimalString.nullable().default(null),
  cachedInputPerMillion: decimalString.nullable().default(null),
  cacheWritePerMillion: decimalString.nullable().default(null),
  cacheWrite1hPerMillion: decimalString.nullable().default(null),
  reasoningOutputPerMillion: decimalString.nullable().default(null),
};

export type StepShape = { multiplier?: string | null | undefined } & Partial<
  Record<(typeof RATE_KEYS)[number], string | null | undefined>
>;

/** Exactly one of: a multiplier, or at least one explicit rate. */
export function checkStep(step: StepShape, ctx: z.RefinementCtx, requireInputOutput = false): void {
  const named = RATE_KEYS.filter((k) => step[k] != null);
  if (step.multiplier != null && named.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["multiplier"],
      message: `give either a multiplier or explicit rates, not both (rates named: ${named.join(", ")})`,
    });
  } else if (step.multiplier == null && named.length === 0) {
    ctx.addIssue({ code: "custom", path: ["multiplier"], message: "give a multiplier or explicit rates" });
  } else if (step.multiplier == null && requireInputOutput) {
    for (const k of ["inputPerMillion", "outputPerMillion"] as const) {
      if (step[k] == null) {
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: "a band with explicit rates names input and output",
        });
      }
    }
  }
}

/**
 * A prompt-length ("cliff") band: a request whose input is above `aboveInputTokens` (`>`, or `>=` with
 * `inclusive`) pays the band's rates on all its tokens; with `countsCachedTokens: false` the input less
 * its cache reads is compared. v1 bands (input and output rates, no flags) read as before.
 */
export const tier = z
  .object({
    aboveInputTokens: z.number().int().positive(),
    inclusive: z.boolean().default(false),
    countsCachedTokens: z.boolean().default(true),
    ...stepFields,
  })
  .strict()
  .superRefine((band, ctx) => checkStep(band, ctx, true));

export const serviceTierName = z.enum(SERVICE_TIERS);

export const serviceTier = z
  .object({ tier: serviceTierName, ...stepFields })
  .strict()
  .superRefine((step, ctx) => checkStep(step, ctx));

export const regionPrice = z
  .object({
    region: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be a lowercase region id such as us"),
    ...stepFields,
  })
  .strict()
  .superRefine((step, ctx) => checkStep(step, ctx));

export const timeWindow = z
  .object({
    name: z.string().min(1).max(100),
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    from: timeOfDay,
    to: timeOfDay,
    timeZone: z
      .string()
      .refine(isKnownTimeZone, "must be an IANA time zone this runtime knows, such as Asia/Shanghai"),
    excludeHolidays: z
      .string()
      .refine(
        (id) => holidayCalendar(id) !== undefined,
        `must be a known holiday calendar (${HOLIDAY_CALENDAR_IDS.join(", ")})`,
      )
      .nullable()
      .default(null),
    ...stepFields,
  })
  .strict()
  .superRefine(checkTimeWindow);

/** Rules across an entry's lists: unique tiers, regions, tools and band thresholds; batch given once. */
export function checkPriceEntry(
  price: {
    batchDiscount: string | null;
    serviceTiers: { tier: string }[];
    regions: { region: string }[];
    toolFees: { tool: string }[];
    tiers: { aboveInputTokens: number }[];
  },
  ctx: z.RefinementCtx,
): void {
  if (price.batchDiscount != null && !/^(?:0(?:\.\d+)?|1(?:\.0+)?)$/.test(price.batchDiscount)) {
    ctx.addIssue({ code: "custom", path: ["batchDiscount"], message: "a discount is at most 1" });
  }
  const unique = <T>(items: T[], key: (item: T) => string | number, field: string, what: string) => {
    const seen = new Set<string | number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k))
        ctx.addIssue({ code: "custom", path: [field, i], message: `${what} '${k}' is given twice` });
      seen.add(k);
    });
  };
  unique(price.serviceTiers, (t) => t.tier, "serviceTiers", "service tier");
  unique(price.regions, (r) => r.region, "regions", "region");
  unique(price.toolFees, (t) => t.tool, "toolFees", "tool");
  unique(price.tiers, (t) => t.aboveInputTokens, "tiers", "band threshold");
  if (price.batchDiscount != null && price.serviceTiers.some((t) => t.tier === "batch")) {
    ctx.addIssue({
      code: "custom",
      path: ["batchDiscount"],
      message: "give batchDiscount or a batch service tier, not both",
    });
  }
}

/** Whether a window's fields make sense beyond their formats. */
export function checkTimeWindow(
  window: StepShape & { from: string; to: string; days: string[] },
  ctx: z.RefinementCtx,
): void {
  checkStep(window, ctx);
  if (window.from === window.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "a window must not be empty (from = to)" });
  }
  if (window.from === "24:00") {
    ctx.addIssue({ code: "custom", path: ["from"], message: "a window starts before 24:00" });
  }
  if (new Set(window.days).size !== window.days.length) {
    ctx.addIssue({ code: "custom", path: ["days"], message: "each weekday at most once" });
  }
}

export const toolFee = z.object({ tool: slug, pricePer1K: decimalString }).strict();

/**
 * One model's price on a sheet (DESIGN §4 "Price entry"). Only `model`, `inputPerMillion` and
 * `outputPerMillion` are required; every other field is optional, so a v1 entry is valid as it is.
 */
export const priceEntry = z
  .object({
    /** Canonical model id (see models.json); the provider's own name is an alias there. */
    model: modelRef,
    inputPerMillion: decimalString,
    outputPerMillion: decimalString,
    cachedInputPerMillion: decimalString.nullable().default(null),
    /** 5-minute cache write. */
    cacheWritePerMillion: decimalString.nullable().default(null),
    /** 1-hour cache write; null: the 5-minute write rate. */
    cacheWrite1hPerMillion: decimalString.nullable().default(null),
    /** Reasoning output; null: the output rate. */
    reasoningOutputPerMillion: decimalString.nullable().default(null),
    requestFeePer1K: decimalString.nullable().default(null),
    toolFees: z.array(toolFee).default([]),
    /** Share off every rate for batch requests, e.g. "0.5" (shorthand for a batch service tier). */
    batchDiscount: decimalString.nullable().default(null),
    serviceTiers: z.array(serviceTier).default([]),
    regions: z.array(regionPrice).default([]),
    tiers: z.array(tier).default([]),
    timeWindows: z.array(timeWindow).default([]),
    /** What a user should know about this price (input-only, units not priced, a correction applied). */
    note: z.string().min(1).optional(),
  })
  .strict()
  .superRefine(checkPriceEntry);
export type PriceEntryFile = z.infer<typeof priceEntry>;

export const priceSheetFile = z
  .object({
    provider: providerId,
    effectiveFrom: isoDate,
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** May be empty when the sheet only withdraws models. */
    prices: z.array(priceEntry),
    /** Models whose pricing ends at this sheet's date. */
    withdrawn: z.array(modelRef).default([]),
    ...sourced,
  })
  .superRefine((sheet, ctx) => {
    if (sheet.prices.length === 0 && sheet.withdrawn.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["prices"],
        message: "a sheet prices or withdraws at least one model",
      });
    }
    const priced = new Set(sheet.prices.map((p) => p.model));
    sheet.withdrawn.forEach((model, i) => {
      if (priced.has(model)) {
        ctx.addIssue({
          code: "custom",
          path: ["withdrawn", i],
          message: `'${model}' is both priced and withdrawn`,
        });
      }
    });
  });
export type PriceSheetFile = z.infer<typeof priceSheetFile>;
/**
 * A model imported from genai-prices (`pricing-data/imported/genai-prices/models.json`, generated by
 * `npm run prices:import`): the id as its source writes it, what the source says, and the open-weight
 * model it is a hosted variant of (`baseModel`, from the reviewed rules) where one is known.
 */
export const importedModelEntry = z.object({
  id: modelRef,
  name: z.string().min(1),
  contextWindow: z.number().int().positive().nullable(),
  baseModel: slug.nullable(),
  deprecated: z.boolean(),
  source: z.string().min(1),
  checkedOn: isoDate,
  checked: z.boolean(),
  note: z.string().optional(),
});
export type ImportedModelEntry = z.infer<typeof importedModelEntry>;
export const importedModelFile = z.object({ models: z.array(importedModelEntry) });

const matchLogic: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.object({ equals: z.string().min(1) }).strict(),
    z.object({ starts_with: z.string().min(1) }).strict(),
    z.object({ ends_with: z.string().min(1) }).strict(),
    z.object({ contains: z.string().min(1) }).strict(),
    z
      .object({
        regex: z.string().refine((r) => {
          try {
            new RegExp(r);
            return true;
          } catch {
            return false;
          }
        }, "must be a valid regular expression"),
      })
      .strict(),
    z.object({ or: z.array(matchLogic).min(1) }).strict(),
    z.object({ and: z.array(matchLogic).min(1) }).strict(),
  ]),
);

/** The ids a provider's API accepts for a model, as genai-prices' match rules (first match wins). */
export const matchRulesFile = z.object({
  rules: z.array(z.object({ provider: providerId, model: modelRef, match: matchLogic })),
});
export type MatchRulesFile = z.infer<typeof matchRulesFile>;
