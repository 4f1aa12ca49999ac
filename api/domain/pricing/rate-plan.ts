/**
 * A price prepared for estimating: its base and band rate vectors with the parent fallbacks applied,
 * its steps by name, and memoised rate vectors per (band, service tier, window, region) segment with
 * their line-item strings. Built once per price record (catalogue records are immutable) and kept
 * weakly, so the per-request path does no rate arithmetic, string building or calendar work twice.
 */
import { Decimal, ONE } from "../shared/decimal.js";
import {
  isV1Entry,
  type PriceEntry,
  type PromptLengthBand,
  type RateStep,
  type ServiceTierName,
  type TimeWindow,
  type TokenRate,
} from "./price-entry.js";
import { type WindowMonth, windowMonth } from "./time-windows.js";

/** Token classes in line-item order; `rate` is the entry field that prices it. */
export const TOKEN_CLASSES = [
  { rate: "inputPerMillion", component: "input", description: "Uncached input tokens", always: true },
  {
    rate: "cachedInputPerMillion",
    component: "cached-input",
    description: "Input tokens read from the prompt cache",
    always: false,
  },
  {
    rate: "cacheWritePerMillion",
    component: "cache-write",
    description: "Input tokens written to the prompt cache",
    always: false,
  },
  {
    rate: "cacheWrite1hPerMillion",
    component: "cache-write-1h",
    description: "Input tokens written to the 1-hour prompt cache",
    always: false,
  },
  { rate: "outputPerMillion", component: "output", description: "Output tokens", always: true },
  {
    rate: "reasoningOutputPerMillion",
    component: "reasoning-output",
    description: "Reasoning output tokens",
    always: false,
  },
] as const satisfies readonly { rate: TokenRate; component: string; description: string; always: boolean }[];

/** Every token rate resolved (no nulls). */
export type RateVector = Record<TokenRate, Decimal>;

const times = (a: Decimal, b: Decimal): Decimal => (b.isZero() ? new Decimal(0) : b === ONE ? a : a.times(b));

/**
 * The parent of each rate a price may leave out (DESIGN §5.1), parents first: cache read and 5-minute
 * write → input, 1-hour write → 5-minute write, reasoning → output.
 */
const RATE_PARENTS = [
  ["cachedInputPerMillion", "inputPerMillion"],
  ["cacheWritePerMillion", "inputPerMillion"],
  ["cacheWrite1hPerMillion", "cacheWritePerMillion"],
  ["reasoningOutputPerMillion", "outputPerMillion"],
] as const;

/**
 * A step applied to the previous step's rates: × multiplier, or the named rates replaced, the others
 * keeping the previous step's value — except a rate in `unpriced` (given by neither the entry nor an
 * earlier step, so priced as its parent token class), which follows its parent's new value.
 */
export function applyStep(
  rates: RateVector,
  step: RateStep,
  unpriced: readonly TokenRate[] = [],
): RateVector {
  const out = { ...rates };
  if (step.multiplier != null) {
    for (const key of Object.keys(out) as TokenRate[]) out[key] = times(out[key], step.multiplier);
    return out;
  }
  for (const [key, value] of Object.entries(step.rates) as [TokenRate, Decimal][]) out[key] = value;
  if (unpriced.length > 0) {
    for (const [rate, parent] of RATE_PARENTS) {
      if (step.rates[rate] == null && unpriced.includes(rate)) out[rate] = out[parent];
    }
  }
  return out;
}

/** A base or band rate set and what it had to fill in from parent rates. */
export interface BandPlan {
  band: PromptLengthBand | null;
  threshold: Decimal | null;
  rates: RateVector;
  /** " (tier: requests above N input tokens)" for a band, "" for base rates (v1's wording). */
  note: string;
  noCacheRead: boolean;
  noCacheWrite: boolean;
  noCacheWrite1h: boolean;
  noReasoning: boolean;
  /** Rates an explicit v2 band does not name and keeps from the base entry (said in assumptions[]). */
  keptFromBase: BandKeptRate[];
}

/**
 * The full rate vector of a rate set that names input and output: cache read and 5-minute write fall
 * back to its input rate, 1-hour write to its 5-minute write, reasoning to its output (DESIGN §5.1).
 */
function resolveRateSet(named: Partial<Record<TokenRate, Decimal | null>>, input: Decimal, output: Decimal) {
  const cacheWrite = named.cacheWritePerMillion ?? input;
  return {
    inputPerMillion: input,
    outputPerMillion: output,
    cachedInputPerMillion: named.cachedInputPerMillion ?? input,
    cacheWritePerMillion: cacheWrite,
    cacheWrite1hPerMillion: named.cacheWrite1hPerMillion ?? cacheWrite,
    reasoningOutputPerMillion: named.reasoningOutputPerMillion ?? output,
  };
}

function basePlan(price: PriceEntry): BandPlan {
  return {
    band: null,
    threshold: null,
    rates: resolveRateSet(price, price.inputPerMillion, price.outputPerMillion),
    note: "",
    noCacheRead: price.cachedInputPerMillion == null,
    noCacheWrite: price.cacheWritePerMillion == null,
    noCacheWrite1h: price.cacheWrite1hPerMillion == null,
    noReasoning: price.reasoningOutputPerMillion == null,
    keptFromBase: [],
  };
}

/** The rates a band may leave unnamed, with the base plan's flag saying the entry gives none. */
const BAND_KEPT_RATES = [
  ["cachedInputPerMillion", "noCacheRead"],
  ["cacheWritePerMillion", "noCacheWrite"],
  ["cacheWrite1hPerMillion", "noCacheWrite1h"],
  ["reasoningOutputPerMillion", "noReasoning"],
] as const;
export type BandKeptRate = (typeof BAND_KEPT_RATES)[number][0];

/**
 * A multiplier band scales the base vector (so inherits its fallbacks). An explicit band names input
 * and output; a rate it does not name keeps the base entry's value where the entry gives it (DESIGN
 * §4, said in assumptions[]) and follows its parent within the band where the entry gives it nowhere.
 * On a v1 entry every unnamed rate follows its parent within the band, as v1 priced it.
 */
function bandPlan(base: BandPlan, band: PromptLengthBand, v1: boolean): BandPlan {
  const note = ` (tier: requests ${band.inclusive ? "at or above" : "above"} ${band.aboveInputTokens} input tokens)`;
  const threshold = new Decimal(band.aboveInputTokens);
  if (band.multiplier != null) return { ...base, band, threshold, note, rates: applyStep(base.rates, band) };
  const r = band.rates;
  const input = r.inputPerMillion ?? base.rates.inputPerMillion;
  const output = r.outputPerMillion ?? base.rates.outputPerMillion;
  const named: Partial<Record<TokenRate, Decimal>> = { ...r };
  const keptFromBase: BandKeptRate[] = [];
  if (!v1) {
    for (const [rate, missing] of BAND_KEPT_RATES) {
      if (r[rate] == null && !base[missing]) {
        named[rate] = base.rates[rate];
        keptFromBase.push(rate);
      }
    }
  }
  return {
    band,
    threshold,
    note,
    rates: resolveRateSet(named, input, output),
    noCacheRead: named.cachedInputPerMillion == null,
    noCacheWrite: named.cacheWritePerMillion == null,
    noCacheWrite1h: named.cacheWrite1hPerMillion == null,
    noReasoning: named.reasoningOutputPerMillion == null,
    keptFromBase,
  };
}

/** One priced segment: its rates after every step and its line items' names. */
export interface SegmentPlan {
  rates: RateVector;
  components: string[];
  descriptions: string[];
}

export interface PricePlan {
  sheetId: string;
  base: BandPlan;
  bands: BandPlan[];
  tiers: Map<ServiceTierName, RateStep>;
  regions: Map<string, RateStep>;
  windows: TimeWindow[];
  toolFees: Map<string, Decimal>;
  /** Warning when a batch share is priced at full rates (no batch price); null when there is one. */
  batchWarning: string | null;
  /** Segments without a region, by a numeric key (band, tier, window); with a region, by text. */
  segments: Map<number, SegmentPlan>;
  regionSegments: Map<string, SegmentPlan>;
  months: Map<string, WindowMonth>;
}

const plans = new WeakMap<PriceEntry, PricePlan>();

/** The plan of a price record, made on first use. The sheet id is checked, since the strings name it. */
export function pricePlanFor(sheetId: string, price: PriceEntry): PricePlan {
  const cached = plans.get(price);
  if (cached && cached.sheetId === sheetId) return cached;
  const base = basePlan(price);
  const v1 = isV1Entry(price);
  const tiers = new Map<ServiceTierName, RateStep>(price.serviceTiers.map((t) => [t.tier, t]));
  if (price.batchDiscount != null)
    tiers.set("batch", { multiplier: ONE.minus(price.batchDiscount), rates: {} });
  const plan: PricePlan = {
    sheetId,
    base,
    bands: price.tiers.map((band) => bandPlan(base, band, v1)),
    tiers,
    regions: new Map(price.regions.map((r) => [r.region, r])),
    windows: price.timeWindows,
    toolFees: new Map(price.toolFees.map((f) => [f.tool, f.pricePer1K])),
    batchWarning: tiers.has("batch")
      ? null
      : `${sheetId} offers no batch discount for ${price.model}: the batch share is priced at full rates.`,
    segments: new Map(),
    regionSegments: new Map(),
    months: new Map(),
  };
  plans.set(price, plan);
  return plan;
}

/** The window minutes of a plan's windows for a UTC month, worked out once. */
export function monthOf(plan: PricePlan, month: string): WindowMonth {
  let cached = plan.months.get(month);
  if (!cached) {
    cached = windowMonth(plan.windows, month);
    plan.months.set(month, cached);
  }
  return cached;
}

/** "standard" or a service tier; window index −1 = outside every window. */
export type TierKey = ServiceTierName | "standard";

const TIER_KEYS: Record<TierKey, number> = { standard: 0, batch: 1, flex: 2, priority: 3, fast: 4 };

/**
 * The rates and line-item names of one segment: band → service tier → time window → region. A tier
 * without a step (batch on a price with no batch price) keeps the band's rates. A rate an explicit
 * step does not name keeps the previous step's value, unless no earlier step nor the entry gives it
 * (no reasoning price: reasoning is output): then it follows its parent, so priority reasoning pays
 * the priority output rate.
 */
export function segmentPlan(
  plan: PricePlan,
  band: BandPlan,
  tier: TierKey,
  windowIndex: number,
  region: string | null,
): SegmentPlan {
  // A number, not a string built per line item: bands < 2^16, windows < 2^10.
  const key = ((plan.bands.indexOf(band) + 1) * 8 + TIER_KEYS[tier]) * 1024 + windowIndex + 1;
  const cached = region == null ? plan.segments.get(key) : plan.regionSegments.get(`${key}|${region}`);
  if (cached) return cached;
  let rates = band.rates;
  // Rates neither the entry nor the band gives follow their parent through explicit-rate steps.
  let unpriced = BAND_KEPT_RATES.filter(([, missing]) => band[missing]).map(([rate]) => rate as TokenRate);
  for (const step of [
    tier === "standard" ? undefined : plan.tiers.get(tier),
    windowIndex >= 0 ? plan.windows[windowIndex] : undefined,
    region == null ? undefined : plan.regions.get(region),
  ]) {
    if (!step) continue;
    rates = applyStep(rates, step, unpriced);
    if (step.multiplier == null) unpriced = unpriced.filter((rate) => step.rates[rate] == null);
  }
  const window = windowIndex >= 0 ? plan.windows[windowIndex] : undefined;
  const tierText = tier === "standard" ? "" : tier === "batch" ? " via the batch API" : `, ${tier} tier`;
  const windowText = window
    ? `, ${window.name} hours`
    : plan.windows.length > 0
      ? `, outside ${plan.windows.map((w) => w.name).join("/")} hours`
      : "";
  const regionText = region == null ? "" : `, region ${region}`;
  const suffix = (tier === "standard" ? "" : `-${tier}`) + (window ? `-${window.name}` : "");
  const segment: SegmentPlan = {
    rates,
    components: TOKEN_CLASSES.map((c) => c.component + suffix),
    descriptions: TOKEN_CLASSES.map((c) => c.description + tierText + windowText + regionText + band.note),
  };
  if (region == null) plan.segments.set(key, segment);
  else plan.regionSegments.set(`${key}|${region}`, segment);
  return segment;
}

/**
 * The band a request of `inputTokensPerRequest` pays: the highest threshold it crosses (`>`, or `>=`
 * when inclusive), comparing its input less its cache reads for a band that does not count them.
 */
export function bandFor(
  plan: PricePlan,
  inputTokensPerRequest: Decimal | null,
  cachedInputShare: Decimal,
): BandPlan {
  let applied = plan.base;
  if (inputTokensPerRequest == null) return applied;
  for (const b of plan.bands) {
    const band = b.band as PromptLengthBand;
    const size = band.countsCachedTokens
      ? inputTokensPerRequest
      : inputTokensPerRequest.minus(inputTokensPerRequest.times(cachedInputShare));
    const crosses = band.inclusive ? size.gte(b.threshold as Decimal) : size.gt(b.threshold as Decimal);
    if (crosses) applied = b;
  }
  return applied;
}
