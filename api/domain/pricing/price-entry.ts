/**
 * One model's price on a sheet (DESIGN §4 "Price entry", v2): token rates per 1M tokens, per-request and
 * per-tool-call fees, and the steps that change the token rates — prompt-length band → service tier →
 * time window → region (DESIGN §5.1). Plain data with exact Decimals; every v1 field keeps its meaning
 * and every new field is optional on the wire.
 */
import type { Decimal } from "../shared/decimal.js";

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
 * its cache-read share is compared. A band with explicit rates is a whole rate set, as in v1: it names
 * input and output, and its unnamed rates fall back within the band (cache read and 5-minute write →
 * the band's input rate, 1-hour write → its 5-minute write, reasoning → its output).
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
