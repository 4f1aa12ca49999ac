/**
 * API fees for a workload on one offering (DESIGN §5.1):
 *   uncached = input − cachedRead − cacheWrite
 *   fee = (uncached·inputRate + cachedRead·cacheReadRate + cacheWrite·cacheWriteRate + output·outputRate) / 1e6
 * A context tier whose threshold the request's input exceeds replaces the base rates for all tokens
 * ("cliff" tiers); the batch share of every token class pays (1 − batchDiscount) of its rate.
 */
import { type Decimal, ONE, PER_MILLION, ZERO } from "./decimal.js";
import { type Assumption, type LineItem, lineItem } from "./line-item.js";
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

interface TokenClass {
  component: string;
  description: string;
  /** Millions of tokens per month. */
  millions: Decimal;
  rate: Decimal;
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

/** Price a workload on a resolved offering. Pure: same inputs, same exact result. */
export function estimateApiFees(
  workload: Workload,
  offering: ResolvedOffering,
  requestedModel: string,
): ApiEstimate {
  const { price, sheet } = offering;
  const warnings: string[] = [];
  const assumptions: Assumption[] = [];
  const tier = tierFor(price, workload.inputTokensPerRequest);
  const rates: RateSet = tier ?? price;

  // Token classes in millions (the line items' unit): × 1e-6 only moves the decimal point, so every
  // value below equals the token count ÷ 1,000,000 exactly, without decimal.js's long division.
  const input = workload.inputTokensPerMonth.times(PER_MILLION);
  const output = workload.outputTokensPerMonth.times(PER_MILLION);
  const cachedRead = times(input, workload.cachedInputShare);
  const cacheWrite = times(input, workload.cacheWriteShare);
  const uncached = minus(minus(input, cachedRead), cacheWrite);

  let cacheReadRate = rates.cachedInputPerMillion;
  if (cacheReadRate == null) {
    cacheReadRate = rates.inputPerMillion;
    if (positive(cachedRead)) {
      warnings.push(
        `${sheet.id} has no prompt-cache read price for ${price.modelId}${tier ? " in this tier" : ""}: cached input is priced as ordinary input.`,
      );
    }
  }
  let cacheWriteRate = rates.cacheWritePerMillion;
  if (cacheWriteRate == null) {
    cacheWriteRate = rates.inputPerMillion;
    if (positive(cacheWrite)) {
      assumptions.push({
        field: "/workload/cacheWriteShare",
        value: workload.cacheWriteShare.toString(),
        source: `${sheet.id} has no separate cache-write price for ${price.modelId}: writes are charged at the input rate`,
      });
    }
  }

  const classes: TokenClass[] = [
    {
      component: "input",
      description: "Uncached input tokens",
      millions: uncached,
      rate: rates.inputPerMillion,
    },
    {
      component: "cached-input",
      description: "Input tokens read from the prompt cache",
      millions: cachedRead,
      rate: cacheReadRate,
    },
    {
      component: "cache-write",
      description: "Input tokens written to the prompt cache",
      millions: cacheWrite,
      rate: cacheWriteRate,
    },
    {
      component: "output",
      description: "Output tokens",
      millions: output,
      rate: rates.outputPerMillion,
    },
  ];

  const batchShare = workload.batchShare;
  let batchMultiplier = ONE;
  if (positive(batchShare)) {
    if (price.batchDiscount == null) {
      warnings.push(
        `${sheet.id} offers no batch discount for ${price.modelId}: the batch share is priced at full rates.`,
      );
    } else {
      batchMultiplier = ONE.minus(price.batchDiscount);
    }
  }
  const tierNote = tier ? ` (tier: requests above ${tier.aboveInputTokens} input tokens)` : "";

  const lineItems: LineItem[] = [];
  for (const cls of classes) {
    const always = cls.component === "input" || cls.component === "output";
    if (!always && cls.millions.isZero()) continue;
    const batch = times(cls.millions, batchShare);
    const standard = minus(cls.millions, batch);
    if (always || !standard.isZero()) {
      lineItems.push(lineItem(cls.component, cls.description + tierNote, "1M tokens", standard, cls.rate));
    }
    if (!batch.isZero()) {
      lineItems.push(
        lineItem(
          `${cls.component}-batch`,
          `${cls.description} via the batch API${tierNote}`,
          "1M tokens",
          batch,
          times(cls.rate, batchMultiplier),
        ),
      );
    }
  }

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
    tierAboveInputTokens: tier?.aboveInputTokens ?? null,
    monthlyCost,
    costPerMillionTokens: totalMillions.isZero() ? null : monthlyCost.div(totalMillions),
    lineItems,
    assumptions,
    warnings,
  };
}
