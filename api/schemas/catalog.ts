/** Wire schemas of the catalogue: providers, models, price sheets and prices. */
import { z } from "@hono/zod-openapi";
import { checkPriceEntry, checkStep, checkTimeWindow, TIME_OF_DAY } from "../catalog/schema.js";
import {
  HOLIDAY_CALENDAR_IDS,
  holidayCalendar,
  isKnownTimeZone,
} from "../domain/pricing/holiday-calendars.js";
import {
  type PriceEntryRow,
  type RateStepRow,
  SERVICE_TIERS,
  type ServiceTierName,
  TOKEN_RATES,
  type TokenRate,
  WEEKDAYS,
} from "../domain/pricing/price-entry.js";
import { ArchitectureSchema } from "./architecture.js";
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

/** A rate as sent: decimal string or number ≥ 0, kept as its canonical decimal string. */
const rateInput = (description: string, example: string) =>
  moneyInput(description, example).transform((d) => d.toString());
const optionalRate = (description: string, example: string | null = null) =>
  rateInput(description, example ?? "1.25")
    .nullable()
    .optional()
    .openapi({ example });

const RATE_DOCS = {
  inputPerMillion: "Uncached input, per 1M tokens",
  outputPerMillion: "Output, per 1M tokens",
  cachedInputPerMillion: "Prompt-cache read, per 1M tokens",
  cacheWritePerMillion: "5-minute prompt-cache write, per 1M tokens",
  cacheWrite1hPerMillion: "1-hour prompt-cache write, per 1M tokens",
  reasoningOutputPerMillion: "Reasoning output, per 1M tokens",
} as const;

/** A step's multiplier, or explicit rates (each null = keep the previous step's value). */
const stepInputFields = {
  multiplier: decimalInput({
    min: "0",
    max: "1000",
    description: "Multiplies every token rate of the previous step (fees are never multiplied)",
    example: "2",
  })
    .transform((d) => d.toString())
    .nullable()
    .optional(),
  inputPerMillion: optionalRate(RATE_DOCS.inputPerMillion),
  outputPerMillion: optionalRate(RATE_DOCS.outputPerMillion),
  cachedInputPerMillion: optionalRate(RATE_DOCS.cachedInputPerMillion),
  cacheWritePerMillion: optionalRate(RATE_DOCS.cacheWritePerMillion),
  cacheWrite1hPerMillion: optionalRate(RATE_DOCS.cacheWrite1hPerMillion),
  reasoningOutputPerMillion: optionalRate(RATE_DOCS.reasoningOutputPerMillion),
};

const timeOfDay = () => z.string().regex(TIME_OF_DAY.pattern, TIME_OF_DAY.message);

type StepInput = { multiplier?: string | null | undefined } & Partial<
  Record<TokenRate, string | null | undefined>
>;

/** A step as sent, with every rate it does not name as null. */
function stepWithDefaults(step: StepInput): RateStepRow {
  const row = { multiplier: step.multiplier ?? null } as RateStepRow;
  for (const key of TOKEN_RATES) row[key] = step[key] ?? null;
  return row;
}

/** An entry as sent, with every optional field at its default: the plain row the converter reads. */
function priceRowWithDefaults(p: {
  model: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion?: string | null | undefined;
  cacheWritePerMillion?: string | null | undefined;
  cacheWrite1hPerMillion?: string | null | undefined;
  reasoningOutputPerMillion?: string | null | undefined;
  requestFeePer1K?: string | null | undefined;
  toolFees?: { tool: string; pricePer1K: string }[] | undefined;
  batchDiscount?: string | null | undefined;
  serviceTiers?: (StepInput & { tier: ServiceTierName })[] | undefined;
  regions?: (StepInput & { region: string })[] | undefined;
  tiers?:
    | (StepInput & {
        aboveInputTokens: number;
        inclusive?: boolean | undefined;
        countsCachedTokens?: boolean | undefined;
      })[]
    | undefined;
  timeWindows?:
    | (StepInput & {
        name: string;
        days: PriceEntryRow["timeWindows"][number]["days"];
        from: string;
        to: string;
        timeZone: string;
        excludeHolidays?: string | null | undefined;
      })[]
    | undefined;
}): PriceEntryRow {
  return {
    model: p.model,
    inputPerMillion: p.inputPerMillion,
    outputPerMillion: p.outputPerMillion,
    cachedInputPerMillion: p.cachedInputPerMillion ?? null,
    cacheWritePerMillion: p.cacheWritePerMillion ?? null,
    cacheWrite1hPerMillion: p.cacheWrite1hPerMillion ?? null,
    reasoningOutputPerMillion: p.reasoningOutputPerMillion ?? null,
    requestFeePer1K: p.requestFeePer1K ?? null,
    toolFees: p.toolFees ?? [],
    batchDiscount: p.batchDiscount ?? null,
    serviceTiers: (p.serviceTiers ?? []).map((t) => ({ tier: t.tier, ...stepWithDefaults(t) })),
    regions: (p.regions ?? []).map((r) => ({ region: r.region, ...stepWithDefaults(r) })),
    tiers: (p.tiers ?? []).map((b) => ({
      aboveInputTokens: b.aboveInputTokens,
      inclusive: b.inclusive ?? false,
      countsCachedTokens: b.countsCachedTokens ?? true,
      ...stepWithDefaults(b),
    })),
    timeWindows: (p.timeWindows ?? []).map((w) => ({
      name: w.name,
      days: w.days,
      from: w.from,
      to: w.to,
      timeZone: w.timeZone,
      excludeHolidays: w.excludeHolidays ?? null,
      ...stepWithDefaults(w),
    })),
  };
}

/** How a service tier, region or time window prices (the schemas of the import body and of the responses). */
const STEP_DESCRIPTION =
  "A `multiplier` of every token rate of the previous step (request and tool fees are never multiplied), or explicit rates replacing those they name. An unnamed rate keeps the previous step's value, except a rate that neither the entry nor an earlier step gives (e.g. no reasoning price), which follows its parent: reasoning → output, cache read and 5-minute write → input, 1-hour write → 5-minute write (so with no reasoning price, priority reasoning pays the priority output rate).";

/** How a band prices, for the band schemas of the import body and of the price responses. */
const BAND_DESCRIPTION =
  "A prompt-length band: a `multiplier` of the base rates, or explicit rates naming at least input and output. A rate an explicit band does not name keeps the base entry's value where the entry gives that rate (stated in `assumptions[]`); a rate the entry gives nowhere follows its parent within the band (cache read and 5-minute write → the band's input rate, 1-hour write → its 5-minute write, reasoning → its output). An entry with no v2 field (a v1 entry) prices as v1 did: a band's unnamed cache-read and cache-write rates are the band's input rate, with a warning or assumption.";

export const PriceTierInputSchema = z
  .object({
    aboveInputTokens: z.number().int().positive().max(100_000_000).openapi({
      description:
        "A request whose input is above this many tokens (`>`, or `>=` with `inclusive`) pays this band's rates on all its tokens",
      example: 128000,
    }),
    inclusive: z
      .boolean()
      .default(false)
      .openapi({ description: "true: the band applies at the threshold (>=)" }),
    countsCachedTokens: z.boolean().optional().openapi({
      description: "false: the request's input less its cache reads is compared with the threshold",
    }),
    ...stepInputFields,
  })
  .strict()
  .superRefine((band, ctx) => checkStep(band, ctx, true))
  .openapi("PriceTierInput", {
    description: BAND_DESCRIPTION,
  });

export const ServiceTierInputSchema = z
  .object({
    tier: z.enum(SERVICE_TIERS).openapi({ example: "priority" }),
    ...stepInputFields,
  })
  .strict()
  .superRefine((step, ctx) => checkStep(step, ctx))
  .openapi("ServiceTierInput", { description: STEP_DESCRIPTION });

export const RegionInputSchema = z
  .object({
    region: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be a lowercase region id such as us")
      .max(100)
      .openapi({ example: "us" }),
    ...stepInputFields,
  })
  .strict()
  .superRefine((step, ctx) => checkStep(step, ctx))
  .openapi("RegionInput", { description: STEP_DESCRIPTION });

export const TimeWindowInputSchema = z
  .object({
    name: z.string().min(1).max(100).openapi({ example: "peak" }),
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .max(7)
      .openapi({ example: ["mon", "tue", "wed", "thu", "fri"] }),
    from: timeOfDay().openapi({ description: "Start, HH:MM in the window's time zone", example: "01:00" }),
    to: timeOfDay().openapi({
      description:
        "End (exclusive), HH:MM; before `from` wraps midnight (the window belongs to its start day)",
      example: "04:00",
    }),
    timeZone: z
      .string()
      .max(100)
      .refine(isKnownTimeZone, "must be an IANA time zone this runtime knows, such as Asia/Shanghai")
      .openapi({ example: "Asia/Shanghai" }),
    excludeHolidays: z
      .string()
      .refine(
        (id) => holidayCalendar(id) !== undefined,
        `must be a known holiday calendar (${HOLIDAY_CALENDAR_IDS.join(", ")})`,
      )
      .nullable()
      .default(null)
      .openapi({
        description: "Holiday calendar whose days the window skips (cn: China's official schedule)",
        example: "cn",
      }),
    ...stepInputFields,
  })
  .strict()
  .superRefine(checkTimeWindow)
  .openapi("TimeWindowInput", { description: STEP_DESCRIPTION });

export const ToolFeeInputSchema = z
  .object({
    tool: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/, "must be a lowercase slug such as web-search")
      .max(100),
    pricePer1K: rateInput("Fee per 1,000 calls", "10"),
  })
  .strict()
  .openapi("ToolFeeInput");

export const PriceInputSchema = z
  .object({
    model: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "Model id, or the provider's alias for it", example: "gemini-1.5-pro" }),
    inputPerMillion: rateInput(RATE_DOCS.inputPerMillion, "1.25"),
    outputPerMillion: rateInput(RATE_DOCS.outputPerMillion, "5"),
    cachedInputPerMillion: optionalRate(`${RATE_DOCS.cachedInputPerMillion} (null: read as input)`),
    cacheWritePerMillion: optionalRate(`${RATE_DOCS.cacheWritePerMillion} (null: charged as input)`),
    cacheWrite1hPerMillion: optionalRate(`${RATE_DOCS.cacheWrite1hPerMillion} (null: the 5-minute rate)`),
    reasoningOutputPerMillion: optionalRate(`${RATE_DOCS.reasoningOutputPerMillion} (null: the output rate)`),
    requestFeePer1K: optionalRate("Fee per 1,000 requests (null: none)"),
    toolFees: z.array(ToolFeeInputSchema).max(50).optional(),
    batchDiscount: decimalInput({
      min: "0",
      max: "1",
      description: "Share off every token rate for batch requests (shorthand for a batch service tier)",
      example: "0.5",
    })
      .transform((d) => d.toString())
      .nullable()
      .optional(),
    serviceTiers: z.array(ServiceTierInputSchema).max(10).optional(),
    regions: z.array(RegionInputSchema).max(50).optional(),
    tiers: z.array(PriceTierInputSchema).max(20).optional(),
    timeWindows: z.array(TimeWindowInputSchema).max(20).optional(),
  })
  .strict()
  .transform(priceRowWithDefaults)
  .superRefine(checkPriceEntry)
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
    prices: z.array(PriceInputSchema).max(20_000),
    withdrawn: z
      .array(z.string().min(1).max(200))
      .max(20_000)
      .optional()
      .openapi({ description: "Models (ids or aliases) whose pricing ends at effectiveFrom" }),
  })
  .strict()
  .superRefine((sheet, ctx) => {
    if (sheet.prices.length === 0 && (sheet.withdrawn ?? []).length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["prices"],
        message: "a sheet prices or withdraws at least one model",
      });
    }
  })
  .openapi("PriceSheetInput", {
    description:
      "Prices of a provider from `effectiveFrom` on. A model's price runs from the sheet that lists it until a later sheet of the provider lists it again or withdraws it, so a sheet may list only what changed.",
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
      withdrawn: [],
    },
  });

const stepFields = {
  multiplier: DecimalString.nullable(),
  inputPerMillion: DecimalString.nullable(),
  outputPerMillion: DecimalString.nullable(),
  cachedInputPerMillion: DecimalString.nullable(),
  cacheWritePerMillion: DecimalString.nullable(),
  cacheWrite1hPerMillion: DecimalString.nullable(),
  reasoningOutputPerMillion: DecimalString.nullable(),
};

export const PriceTierSchema = z
  .object({
    aboveInputTokens: z.number().int(),
    inclusive: z.boolean(),
    countsCachedTokens: z.boolean(),
    ...stepFields,
  })
  .openapi("PriceTier", { description: BAND_DESCRIPTION });

const priceFields = {
  model: z.string().openapi({ example: "gpt-4o-2024-08-06" }),
  inputPerMillion: DecimalString.openapi({ example: "2.5" }),
  outputPerMillion: DecimalString.openapi({ example: "10" }),
  cachedInputPerMillion: DecimalString.nullable().openapi({ example: "1.25" }),
  cacheWritePerMillion: DecimalString.nullable().openapi({ example: null }),
  cacheWrite1hPerMillion: DecimalString.nullable().openapi({ example: null }),
  reasoningOutputPerMillion: DecimalString.nullable().openapi({ example: null }),
  requestFeePer1K: DecimalString.nullable().openapi({ example: null }),
  toolFees: z.array(z.object({ tool: z.string(), pricePer1K: DecimalString }).openapi("ToolFee")),
  batchDiscount: DecimalString.nullable().openapi({ example: "0.5" }),
  serviceTiers: z.array(
    z
      .object({ tier: z.enum(SERVICE_TIERS), ...stepFields })
      .openapi("ServiceTier", { description: STEP_DESCRIPTION }),
  ),
  regions: z.array(
    z
      .object({ region: z.string(), ...stepFields })
      .openapi("RegionUplift", { description: STEP_DESCRIPTION }),
  ),
  tiers: z.array(PriceTierSchema),
  timeWindows: z.array(
    z
      .object({
        name: z.string(),
        days: z.array(z.enum(WEEKDAYS)),
        from: z.string(),
        to: z.string(),
        timeZone: z.string(),
        excludeHolidays: z.string().nullable(),
        ...stepFields,
      })
      .openapi("TimeWindow", { description: STEP_DESCRIPTION }),
  ),
};

export const SheetPriceSchema = z
  .object(priceFields)
  .openapi("SheetPrice", { description: "One model's price (DESIGN §4 Price entry); rates per 1M tokens" });

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

export const PriceSheetSchema = PriceSheetSummarySchema.extend({
  prices: z.array(SheetPriceSchema),
  withdrawn: z.array(z.string()).openapi({ description: "Models whose pricing ends at this sheet's date" }),
}).openapi("PriceSheet");

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
  offerings: z.array(PriceInForceSchema).openapi({
    description:
      "Prices in force today, per provider: this model's own and, for a vendor-neutral open-weight model, those of every provider's variant of it (`variants`); each row's `model` is the id to price",
  }),
  variants: z.array(z.string()).openapi({
    description:
      "Ids of the providers' variants of this open-weight model (the models whose `baseModel` is this one), in id order; empty for other models",
    example: ["meta.llama3-3-70b-instruct-v1:0", "llama-3.3-70b-versatile"],
  }),
}).openapi("ModelDetail");
