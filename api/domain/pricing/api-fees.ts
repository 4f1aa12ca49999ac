/**
 * API fees for a workload on one offering:
 *   uncached = input − cachedRead − cacheWrite
 *   fee = (uncached·inputRate + cachedRead·cacheReadRate + cacheWrite·cacheWriteRate + output·outputRate) / 1e6
 * A context tier whose threshold the request's input exceeds replaces the base rates for all tokens
 * ("cliff" tiers); the batch share of every token class pays (1 − batchDiscount) of its rate.
 */
import { Decimal, ONE, PER_MILLION, ZERO } from "../shared/decimal.js";
import { type Assumption, type LineItem, lineItem } from "../shared/line-item.js";
import type { PriceRecord, RateSet, ResolvedOffering, TierRecord } from "./price-catalog.js";
import type { Workload } from "./workload.js";

export interface ApiEstimate {
  provider: string;
  /** The dated model the request resolved to. */
  model: string;
  /** The alias the request named, when it named one. */
  requestedModel: string;
  priceSheetId: string;
  effectiveFrom: string;
  currency: string;
  /** The context tier applied (its threshold), or null for base rates. */
  tierAboveInputTokens: number | null;
  monthlyCost: Decimal;
  /** Blended over input + output tokens; null when the workload has no tokens. */
  costPerMillionTokens: Decimal | null;
  lineItems: LineItem[];
  assumptions: Assumption[];
  warnings: string[];
}

/** The cliff tier for a request size: the highest threshold the request's input exceeds. */
export function tierFor(price: PriceRecord, inputTokensPerRequest: Decimal | null): TierRecord | null {
  if (inputTokensPerRequest == null) return null;
  let applied: TierRecord | null = null;
  for (const tier of price.tiers) if (inputTokensPerRequest.gt(tier.aboveInputTokens)) applied = tier;
  return applied;
}

/*
 * Exact shortcuts: a × 0 = 0, a × ONE = a, a − 0 = a, and "> 0" read off the sign and zero flags.
 * decimal.js copies its operand and runs a rounding pass on every operation and comparison; these
 * skip that work without changing any result. The engine runs per offering per request and per
 * point of a sweep.
 */
const times = (a: Decimal, b: Decimal): Decimal => (b.isZero() ? ZERO : b === ONE ? a : a.times(b));
const minus = (a: Decimal, b: Decimal): Decimal => (b.isZero() ? a : a.minus(b));
const positive = (a: Decimal): boolean => a.isPositive() && !a.isZero();

const TOKEN_UNIT = "1M tokens";

/** One token class under one rate set: its line items' names, descriptions and unit prices. */
interface TokenClassPlan {
  component: string;
  description: string;
  batchComponent: string;
  batchDescription: string;
  rate: Decimal;
  /** rate × (1 − batchDiscount), or the rate itself when the sheet records no batch discount. */
  discountedRate: Decimal;
}

/** What an estimate needs from one rate set (the base rates or one tier), worked out once. */
interface RateSetPlan {
  tier: TierRecord | null;
  input: TokenClassPlan;
  cachedInput: TokenClassPlan;
  cacheWrite: TokenClassPlan;
  output: TokenClassPlan;
  /** Warning when cached reads are priced as input (no cache-read price); null when there is one. */
  cacheReadWarning: string | null;
  /** Assumption source when cache writes are priced as input (no cache-write price); else null. */
  cacheWriteSource: string | null;
}

/** A price on a sheet, prepared for estimating: every figure and string that depends only on it. */
interface PricePlan {
  sheetId: string;
  base: RateSetPlan;
  /** The price's tiers in its order (ascending), thresholds as Decimals for exact comparisons. */
  tiers: { aboveInputTokens: Decimal; rates: RateSetPlan }[];
  /** Warning when a batch share is priced at full rates (no batch discount); null when there is one. */
  batchWarning: string | null;
}

function tokenClassPlan(
  component: string,
  description: string,
  tierNote: string,
  rate: Decimal,
  batchMultiplier: Decimal,
): TokenClassPlan {
  return {
    component,
    description: description + tierNote,
    batchComponent: `${component}-batch`,
    batchDescription: `${description} via the batch API${tierNote}`,
    rate,
    discountedRate: times(rate, batchMultiplier),
  };
}

function rateSetPlan(
  sheetId: string,
  price: PriceRecord,
  tier: TierRecord | null,
  batchMultiplier: Decimal,
): RateSetPlan {
  const rates: RateSet = tier ?? price;
  const tierNote = tier ? ` (tier: requests above ${tier.aboveInputTokens} input tokens)` : "";
  const cacheReadRate = rates.cachedInputPerMillion ?? rates.inputPerMillion;
  const cacheWriteRate = rates.cacheWritePerMillion ?? rates.inputPerMillion;
  return {
    tier,
    input: tokenClassPlan("input", "Uncached input tokens", tierNote, rates.inputPerMillion, batchMultiplier),
    cachedInput: tokenClassPlan(
      "cached-input",
      "Input tokens read from the prompt cache",
      tierNote,
      cacheReadRate,
      batchMultiplier,
    ),
    cacheWrite: tokenClassPlan(
      "cache-write",
      "Input tokens written to the prompt cache",
      tierNote,
      cacheWriteRate,
      batchMultiplier,
    ),
    output: tokenClassPlan("output", "Output tokens", tierNote, rates.outputPerMillion, batchMultiplier),
    cacheReadWarning:
      rates.cachedInputPerMillion == null
        ? `${sheetId} has no prompt-cache read price for ${price.modelId}${tier ? " in this tier" : ""}: cached input is priced as ordinary input.`
        : null,
    cacheWriteSource:
      rates.cacheWritePerMillion == null
        ? `${sheetId} has no separate cache-write price for ${price.modelId}: writes are charged at the input rate`
        : null,
  };
}

/**
 * Plans per price record. Catalogue records are immutable once built and every estimate on an
 * offering repeats the same batch-rate products, tier thresholds and strings, so they are made on
 * first use. Keyed weakly: a replaced catalogue takes its plans with it. A price record belongs to
 * one sheet; the sheet id is checked anyway, since the strings name it.
 */
const pricePlans = new WeakMap<PriceRecord, PricePlan>();

function pricePlanFor(sheetId: string, price: PriceRecord): PricePlan {
  const cached = pricePlans.get(price);
  if (cached && cached.sheetId === sheetId) return cached;
  const batchMultiplier = price.batchDiscount == null ? ONE : ONE.minus(price.batchDiscount);
  const plan: PricePlan = {
    sheetId,
    base: rateSetPlan(sheetId, price, null, batchMultiplier),
    tiers: price.tiers.map((tier) => ({
      aboveInputTokens: new Decimal(tier.aboveInputTokens),
      rates: rateSetPlan(sheetId, price, tier, batchMultiplier),
    })),
    batchWarning:
      price.batchDiscount == null
        ? `${sheetId} offers no batch discount for ${price.modelId}: the batch share is priced at full rates.`
        : null,
  };
  pricePlans.set(price, plan);
  return plan;
}

/** The rate set for a request size: as {@link tierFor}, on the plan's Decimal thresholds. */
function rateSetFor(plan: PricePlan, inputTokensPerRequest: Decimal | null): RateSetPlan {
  let applied = plan.base;
  if (inputTokensPerRequest == null) return applied;
  for (const tier of plan.tiers) if (inputTokensPerRequest.gt(tier.aboveInputTokens)) applied = tier.rates;
  return applied;
}

/**
 * The line items of one token class: the standard share at the class rate, the batch share at the
 * discounted rate when `discounted` (a positive batch share), else at the class rate. Input and
 * output are always itemised (the standard line even when zero); the other classes only when they
 * have tokens, and no line is listed for a zero share.
 */
function pushLineItems(
  lineItems: LineItem[],
  cls: TokenClassPlan,
  millions: Decimal,
  batchShare: Decimal,
  discounted: boolean,
  always: boolean,
): void {
  if (!always && millions.isZero()) return;
  const batch = times(millions, batchShare);
  const standard = minus(millions, batch);
  if (always || !standard.isZero()) {
    lineItems.push(lineItem(cls.component, cls.description, TOKEN_UNIT, standard, cls.rate));
  }
  if (!batch.isZero()) {
    const rate = discounted ? cls.discountedRate : cls.rate;
    lineItems.push(lineItem(cls.batchComponent, cls.batchDescription, TOKEN_UNIT, batch, rate));
  }
}

/** Price a workload on a resolved offering. Pure: same inputs, same exact result. */
export function estimateApiFees(
  workload: Workload,
  offering: ResolvedOffering,
  requestedModel: string,
): ApiEstimate {
  const { sheet } = offering;
  const plan = pricePlanFor(sheet.id, offering.price);
  const rates = rateSetFor(plan, workload.inputTokensPerRequest);
  const warnings: string[] = [];
  const assumptions: Assumption[] = [];

  // Token classes in millions (the line items' unit): × 1e-6 only moves the decimal point, so every
  // value below equals the token count ÷ 1,000,000 exactly, without decimal.js's long division.
  const input = workload.inputTokensPerMonth.times(PER_MILLION);
  const output = workload.outputTokensPerMonth.times(PER_MILLION);
  const cachedRead = times(input, workload.cachedInputShare);
  const cacheWrite = times(input, workload.cacheWriteShare);
  const uncached = minus(minus(input, cachedRead), cacheWrite);

  if (rates.cacheReadWarning != null && positive(cachedRead)) warnings.push(rates.cacheReadWarning);
  if (rates.cacheWriteSource != null && positive(cacheWrite)) {
    assumptions.push({
      field: "/workload/cacheWriteShare",
      value: workload.cacheWriteShare.toString(),
      source: rates.cacheWriteSource,
    });
  }
  const batchShare = workload.batchShare;
  const batched = positive(batchShare);
  if (batched && plan.batchWarning != null) warnings.push(plan.batchWarning);

  const lineItems: LineItem[] = [];
  pushLineItems(lineItems, rates.input, uncached, batchShare, batched, true);
  pushLineItems(lineItems, rates.cachedInput, cachedRead, batchShare, batched, false);
  pushLineItems(lineItems, rates.cacheWrite, cacheWrite, batchShare, batched, false);
  pushLineItems(lineItems, rates.output, output, batchShare, batched, true);

  // Input and output are always itemised, so the sum starts from a real cost (0 + x = x).
  let monthlyCost = (lineItems[0] as LineItem).cost;
  for (let i = 1; i < lineItems.length; i++) monthlyCost = monthlyCost.plus((lineItems[i] as LineItem).cost);
  const totalMillions = input.plus(output);
  return {
    provider: offering.provider.id,
    model: offering.model.id,
    requestedModel,
    priceSheetId: sheet.id,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    tierAboveInputTokens: rates.tier?.aboveInputTokens ?? null,
    monthlyCost,
    costPerMillionTokens: totalMillions.isZero() ? null : monthlyCost.div(totalMillions),
    lineItems,
    assumptions,
    warnings,
  };
}
