/**
 * API fees for a workload on one offering (DESIGN §5.1):
 *   uncached = input − cachedRead − cacheWrite
 *   fee = (uncached·inputRate + cachedRead·cacheReadRate + cacheWrite·cacheWriteRate + output·outputRate) / 1e6
 * A context tier whose threshold the request's input exceeds replaces the base rates for all tokens
 * ("cliff" tiers); the batch share of every token class pays (1 − batchDiscount) of its rate.
 */
import { type Decimal, MILLION, ONE, ZERO } from "./decimal.js";
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
  tokens: Decimal;
  rate: Decimal;
}

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

  const cachedRead = workload.inputTokensPerMonth.times(workload.cachedInputShare);
  const cacheWrite = workload.inputTokensPerMonth.times(workload.cacheWriteShare);
  const uncached = workload.inputTokensPerMonth.minus(cachedRead).minus(cacheWrite);

  let cacheReadRate = rates.cachedInputPerMillion;
  if (cacheReadRate == null) {
    cacheReadRate = rates.inputPerMillion;
    if (cachedRead.gt(0)) {
      warnings.push(
        `${sheet.id} has no prompt-cache read price for ${price.modelId}${tier ? " in this tier" : ""}: cached input is priced as ordinary input.`,
      );
    }
  }
  let cacheWriteRate = rates.cacheWritePerMillion;
  if (cacheWriteRate == null) {
    cacheWriteRate = rates.inputPerMillion;
    if (cacheWrite.gt(0)) {
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
      tokens: uncached,
      rate: rates.inputPerMillion,
    },
    {
      component: "cached-input",
      description: "Input tokens read from the prompt cache",
      tokens: cachedRead,
      rate: cacheReadRate,
    },
    {
      component: "cache-write",
      description: "Input tokens written to the prompt cache",
      tokens: cacheWrite,
      rate: cacheWriteRate,
    },
    {
      component: "output",
      description: "Output tokens",
      tokens: workload.outputTokensPerMonth,
      rate: rates.outputPerMillion,
    },
  ];

  const batchShare = workload.batchShare;
  let batchMultiplier = ONE;
  if (batchShare.gt(0)) {
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
    if (!always && cls.tokens.isZero()) continue;
    const batchTokens = cls.tokens.times(batchShare);
    const standardTokens = cls.tokens.minus(batchTokens);
    if (always || !standardTokens.isZero()) {
      lineItems.push(
        lineItem(
          cls.component,
          cls.description + tierNote,
          "1M tokens",
          standardTokens.div(MILLION),
          cls.rate,
        ),
      );
    }
    if (!batchTokens.isZero()) {
      lineItems.push(
        lineItem(
          `${cls.component}-batch`,
          `${cls.description} via the batch API${tierNote}`,
          "1M tokens",
          batchTokens.div(MILLION),
          cls.rate.times(batchMultiplier),
        ),
      );
    }
  }

  const monthlyCost = lineItems.reduce((sum, item) => sum.plus(item.cost), ZERO);
  const totalTokens = workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth);
  return {
    provider: offering.provider.id,
    model: offering.model.id,
    requestedModel,
    priceSheetId: sheet.id,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    tierAboveInputTokens: tier?.aboveInputTokens ?? null,
    monthlyCost,
    costPerMillionTokens: totalTokens.isZero() ? null : monthlyCost.div(totalTokens.div(MILLION)),
    lineItems,
    assumptions,
    warnings,
  };
}
