/**
 * One model's price on a sheet (DESIGN §4 "Price entry", v2): token rates per 1M tokens, per-request and
 * per-tool-call fees, and the steps that change the token rates — prompt-length band → service tier →
 * time window → region (DESIGN §5.1). Plain data with exact Decimals; every v1 field keeps its meaning
 * and every new field is optional on the wire.
 */
import { type Decimal, dec } from "../shared/decimal.js";

/** The token rates a price (or one step of it) can name, per 1M tokens. */
export const TOKEN_RATES = [
  "inputPerMillion",
  "outputPerMillion",
  "cachedInputPerMillion",
  "cacheWritePerMillion",
  "cacheWrite1hPerMillion",
  "reasoningOutputPerMillion",
] as const;
export type TokenRate = (typeof TOKEN_RATES)[number];

/** Rates a step names explicitly; a rate not named keeps the previous step's value. */
export type RateOverrides = Partial<Record<TokenRate, Decimal>>;

/**
 * One step of the stacking order: either a multiplier of every token rate of the step before it
 * (request and tool-call fees are never multiplied) or explicit rates replacing those they name.
 * Exactly one of the two is given.
 */
export interface RateStep {
  multiplier: Decimal | null;
  rates: RateOverrides;
}

/**
 * A prompt-length ("cliff") band: a request whose input is `>` the threshold (`>=` when `inclusive`)
 * pays the band's rates on all its tokens. With `countsCachedTokens: false` the request's input less
 * its cache-read share is compared. A band with explicit rates names input and output; a rate it does
 * not name keeps the base entry's value where the entry gives that rate (DESIGN §4), and follows its
 * parent within the band where the entry gives it nowhere (cache read and 5-minute write → the band's
 * input rate, 1-hour write → its 5-minute write, reasoning → its output). A v1 entry
 * ({@link isV1Entry}) keeps v1's rule: every rate a band does not name follows its parent in the band.
 */
export interface PromptLengthBand extends RateStep {
  aboveInputTokens: number;
  inclusive: boolean;
  countsCachedTokens: boolean;
}

export const SERVICE_TIERS = ["batch", "flex", "priority", "fast"] as const;
export type ServiceTierName = (typeof SERVICE_TIERS)[number];

/** A service tier's price: `batchDiscount` d is shorthand for `{ tier: "batch", multiplier: 1 − d }`. */
export interface ServiceTierPrice extends RateStep {
  tier: ServiceTierName;
}

/** A regional (data-residency) uplift, chosen by the offering's `region`. */
export interface RegionPrice extends RateStep {
  region: string;
}

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A time-of-day window: on its weekdays, from `from` to `to` (`HH:MM`, minutes of the day in
 * `timeZone`; `to` < `from` wraps midnight, the window belonging to its start day), except the days
 * of the holiday calendar `excludeHolidays` (null: none). The first window of a price that covers an
 * instant applies to it.
 */
export interface TimeWindow extends RateStep {
  name: string;
  days: Weekday[];
  from: string;
  to: string;
  timeZone: string;
  excludeHolidays: string | null;
}

/** A fee per 1,000 calls of a server-side tool (`web-search`, `file-search`, …). */
export interface ToolFee {
  tool: string;
  pricePer1K: Decimal;
}

/** The base token rates of a price, per 1M tokens; null = not priced apart (falls back to its parent). */
export interface BaseRates {
  inputPerMillion: Decimal;
  outputPerMillion: Decimal;
  /** Prompt-cache read; null: read tokens pay the input rate. */
  cachedInputPerMillion: Decimal | null;
  /** 5-minute cache write; null: written tokens pay the input rate. */
  cacheWritePerMillion: Decimal | null;
  /** 1-hour cache write; null: the 5-minute write rate. */
  cacheWrite1hPerMillion: Decimal | null;
  /** Reasoning output; null: the output rate. */
  reasoningOutputPerMillion: Decimal | null;
}

/** One model's complete price on one sheet. */
export interface PriceEntry extends BaseRates {
  model: string;
  /** Fee per 1,000 requests; null: none. */
  requestFeePer1K: Decimal | null;
  toolFees: ToolFee[];
  /** v1 shorthand for a batch service tier with multiplier 1 − discount; null: none given. */
  batchDiscount: Decimal | null;
  serviceTiers: ServiceTierPrice[];
  regions: RegionPrice[];
  /** Prompt-length bands, ascending by threshold. */
  tiers: PromptLengthBand[];
  timeWindows: TimeWindow[];
}

/**
 * Whether an entry uses only the fields of a v1 price (no 1-hour write, reasoning, request or tool fee,
 * service tier, region or window; bands with explicit rates, `>` and cached tokens counted, naming no
 * v2 rate). Such an entry prices exactly as v1 did: its bands' unnamed cache rates are the band's input.
 */
export function isV1Entry(entry: PriceEntry): boolean {
  return (
    entry.cacheWrite1hPerMillion == null &&
    entry.reasoningOutputPerMillion == null &&
    entry.requestFeePer1K == null &&
    entry.toolFees.length === 0 &&
    entry.serviceTiers.length === 0 &&
    entry.regions.length === 0 &&
    entry.timeWindows.length === 0 &&
    entry.tiers.every(
      (b) =>
        b.multiplier == null &&
        !b.inclusive &&
        b.countsCachedTokens &&
        b.rates.cacheWrite1hPerMillion == null &&
        b.rates.reasoningOutputPerMillion == null,
    )
  );
}

/** A step as stored and sent: a multiplier or explicit rates, decimals as strings, null = not named. */
export type RateStepRow = { multiplier: string | null } & Record<TokenRate, string | null>;

/**
 * A price entry in its plain form — decimal strings, every field present: what a pricing-data file
 * parses to, what the import endpoint takes, what the database stores and what `GET /v1/prices` shows.
 * {@link priceEntryFromRow} and {@link priceEntryToRow} are the one conversion to and from the domain.
 */
export interface PriceEntryRow {
  model: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion: string | null;
  cacheWritePerMillion: string | null;
  cacheWrite1hPerMillion: string | null;
  reasoningOutputPerMillion: string | null;
  requestFeePer1K: string | null;
  toolFees: { tool: string; pricePer1K: string }[];
  batchDiscount: string | null;
  serviceTiers: (RateStepRow & { tier: ServiceTierName })[];
  regions: (RateStepRow & { region: string })[];
  tiers: (RateStepRow & { aboveInputTokens: number; inclusive: boolean; countsCachedTokens: boolean })[];
  timeWindows: (RateStepRow & {
    name: string;
    days: Weekday[];
    from: string;
    to: string;
    timeZone: string;
    excludeHolidays: string | null;
  })[];
}

const decOrNull = (v: string | null | undefined): Decimal | null => (v == null ? null : dec(v));
const strOrNull = (v: Decimal | null): string | null => (v == null ? null : v.toString());

function stepFromRow(row: RateStepRow): RateStep {
  const rates: RateOverrides = {};
  for (const key of TOKEN_RATES) {
    const value = row[key];
    if (value != null) rates[key] = dec(value);
  }
  return { multiplier: decOrNull(row.multiplier), rates };
}

function stepToRow(step: RateStep): RateStepRow {
  const row = { multiplier: strOrNull(step.multiplier) } as RateStepRow;
  for (const key of TOKEN_RATES) row[key] = strOrNull(step.rates[key] ?? null);
  return row;
}

/** The one conversion of a stored (or sent) price entry into the domain's exact form. */
export function priceEntryFromRow(row: PriceEntryRow): PriceEntry {
  return {
    model: row.model,
    inputPerMillion: dec(row.inputPerMillion),
    outputPerMillion: dec(row.outputPerMillion),
    cachedInputPerMillion: decOrNull(row.cachedInputPerMillion),
    cacheWritePerMillion: decOrNull(row.cacheWritePerMillion),
    cacheWrite1hPerMillion: decOrNull(row.cacheWrite1hPerMillion),
    reasoningOutputPerMillion: decOrNull(row.reasoningOutputPerMillion),
    requestFeePer1K: decOrNull(row.requestFeePer1K),
    toolFees: row.toolFees.map((f) => ({ tool: f.tool, pricePer1K: dec(f.pricePer1K) })),
    batchDiscount: decOrNull(row.batchDiscount),
    serviceTiers: row.serviceTiers.map((t) => ({ tier: t.tier, ...stepFromRow(t) })),
    regions: row.regions.map((r) => ({ region: r.region, ...stepFromRow(r) })),
    tiers: row.tiers
      .map((b) => ({
        aboveInputTokens: b.aboveInputTokens,
        inclusive: b.inclusive,
        countsCachedTokens: b.countsCachedTokens,
        ...stepFromRow(b),
      }))
      .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens),
    timeWindows: row.timeWindows.map((w) => ({
      name: w.name,
      days: [...w.days],
      from: w.from,
      to: w.to,
      timeZone: w.timeZone,
      excludeHolidays: w.excludeHolidays,
      ...stepFromRow(w),
    })),
  };
}

/** The inverse of {@link priceEntryFromRow}: decimals as canonical strings ("2.50" → "2.5"). */
export function priceEntryToRow(entry: PriceEntry): PriceEntryRow {
  return {
    model: entry.model,
    inputPerMillion: entry.inputPerMillion.toString(),
    outputPerMillion: entry.outputPerMillion.toString(),
    cachedInputPerMillion: strOrNull(entry.cachedInputPerMillion),
    cacheWritePerMillion: strOrNull(entry.cacheWritePerMillion),
    cacheWrite1hPerMillion: strOrNull(entry.cacheWrite1hPerMillion),
    reasoningOutputPerMillion: strOrNull(entry.reasoningOutputPerMillion),
    requestFeePer1K: strOrNull(entry.requestFeePer1K),
    toolFees: entry.toolFees.map((f) => ({ tool: f.tool, pricePer1K: f.pricePer1K.toString() })),
    batchDiscount: strOrNull(entry.batchDiscount),
    serviceTiers: entry.serviceTiers.map((t) => ({ tier: t.tier, ...stepToRow(t) })),
    regions: entry.regions.map((r) => ({ region: r.region, ...stepToRow(r) })),
    tiers: entry.tiers.map((b) => ({
      aboveInputTokens: b.aboveInputTokens,
      inclusive: b.inclusive,
      countsCachedTokens: b.countsCachedTokens,
      ...stepToRow(b),
    })),
    timeWindows: entry.timeWindows.map((w) => ({
      name: w.name,
      days: [...w.days],
      from: w.from,
      to: w.to,
      timeZone: w.timeZone,
      excludeHolidays: w.excludeHolidays,
      ...stepToRow(w),
    })),
  };
}

/** An entry with only the v1 fields given; every v2 field at its "not priced" default. */
export function priceEntryWithDefaults(
  fields: Pick<PriceEntry, "model" | "inputPerMillion" | "outputPerMillion"> & Partial<PriceEntry>,
): PriceEntry {
  return {
    cachedInputPerMillion: null,
    cacheWritePerMillion: null,
    cacheWrite1hPerMillion: null,
    reasoningOutputPerMillion: null,
    requestFeePer1K: null,
    toolFees: [],
    batchDiscount: null,
    serviceTiers: [],
    regions: [],
    tiers: [],
    timeWindows: [],
    ...fields,
  };
}

function scaleStep<T extends RateStep>(step: T, factor: Decimal): T {
  if (step.multiplier != null) return step;
  const rates: RateOverrides = {};
  for (const [key, value] of Object.entries(step.rates) as [TokenRate, Decimal][])
    rates[key] = value.times(factor);
  return { ...step, rates };
}

/**
 * The entry with every token rate × `factor` — base rates and the explicit rates of every step;
 * multipliers, request and tool-call fees unchanged (sensitivity of the token price).
 */
export function scaleTokenRates<T extends PriceEntry>(entry: T, factor: Decimal): T {
  const scale = (d: Decimal | null) => (d == null ? null : d.times(factor));
  return {
    ...entry,
    inputPerMillion: entry.inputPerMillion.times(factor),
    outputPerMillion: entry.outputPerMillion.times(factor),
    cachedInputPerMillion: scale(entry.cachedInputPerMillion),
    cacheWritePerMillion: scale(entry.cacheWritePerMillion),
    cacheWrite1hPerMillion: scale(entry.cacheWrite1hPerMillion),
    reasoningOutputPerMillion: scale(entry.reasoningOutputPerMillion),
    serviceTiers: entry.serviceTiers.map((s) => scaleStep(s, factor)),
    regions: entry.regions.map((s) => scaleStep(s, factor)),
    tiers: entry.tiers.map((s) => scaleStep(s, factor)),
    timeWindows: entry.timeWindows.map((s) => scaleStep(s, factor)),
  };
}
