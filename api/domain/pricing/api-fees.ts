/**
 * API fees for a workload on one offering, per request-size class, per month:
 *   uncached = input − cachedRead − cacheWrite5m − cacheWrite1h
 *   tokens   = Σ token class × its rate ÷ 1e6   (output less reasoning at the output rate, reasoning apart)
 *   rates    : base → prompt-length band → service tier → time window → region
 *   fees     = requests × requestFeePer1K ÷ 1000 + Σ tool calls × pricePer1K ÷ 1000
 * Each token class is split by request-size class, then by service tier (the standard tier takes the
 * remainder), then by time window (the share of the month's traffic inside it; outside takes the
 * rest): one line item per non-empty segment, e.g. "Output tokens, priority tier, peak hours".
 */
import { type Decimal, ONE, PER_MILLION, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { type Assumption, type LineItem, lineItem } from "../shared/line-item.js";
import type { PriceRecord, ResolvedOffering } from "./price-catalog.js";
import type { PromptLengthBand, ServiceTierName, TokenRate } from "./price-entry.js";
import { SERVICE_TIERS } from "./price-entry.js";
import {
  type BandPlan,
  bandFor,
  monthOf,
  type PricePlan,
  pricePlanFor,
  segmentPlan,
  type TierKey,
  TOKEN_CLASSES,
} from "./rate-plan.js";
import { windowShares } from "./time-windows.js";
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
  /** The highest prompt-length band applied (its threshold), or null for base rates. */
  tierAboveInputTokens: number | null;
  /** The offering's region (uplift applied), or null. */
  region: string | null;
  monthlyCost: Decimal;
  /** Blended over input + output tokens (fees included); null when the workload has no tokens. */
  costPerMillionTokens: Decimal | null;
  lineItems: LineItem[];
  assumptions: Assumption[];
  warnings: string[];
}

const times = (a: Decimal, b: Decimal): Decimal => (b.isZero() ? ZERO : b === ONE ? a : a.times(b));
const minus = (a: Decimal, b: Decimal): Decimal => (b.isZero() ? a : a.minus(b));
const positive = (a: Decimal): boolean => a.isPositive() && !a.isZero();
const TOKEN_UNIT = "1M tokens";
const PER_THOUSAND = PER_MILLION.times(1000);

/** The v1 look-up kept for callers: the band a request size pays on a price, or null for base rates. */
export function tierFor(
  price: PriceRecord,
  inputTokensPerRequest: Decimal | null,
  cachedInputShare: Decimal = ZERO,
): PromptLengthBand | null {
  return bandFor(pricePlanFor("", price), inputTokensPerRequest, cachedInputShare).band;
}

/** Token volumes per workload: a request's offerings share one workload, so they share its volumes. */
const tokenMillionsByWorkload = new WeakMap<Workload, Record<TokenRate, Decimal>>();

/** Token volumes of the workload per token class, in millions, worked out once per workload object. */
function tokenMillionsOf(w: Workload): Record<TokenRate, Decimal> {
  let m = tokenMillionsByWorkload.get(w);
  if (!m) {
    m = tokenMillions(w);
    tokenMillionsByWorkload.set(w, m);
  }
  return m;
}

/** Token volumes of the workload per token class, in millions (× 1e-6 only moves the decimal point). */
function tokenMillions(w: Workload): Record<TokenRate, Decimal> {
  const input = w.inputTokensPerMonth.times(PER_MILLION);
  const output = w.outputTokensPerMonth.times(PER_MILLION);
  const cachedRead = times(input, w.cachedInputShare);
  const write5m = times(input, w.cacheWriteShare);
  const write1h = times(input, w.cacheWrite1hShare);
  const reasoning = times(output, w.reasoningOutputShare);
  return {
    inputPerMillion: minus(minus(minus(input, cachedRead), write5m), write1h),
    cachedInputPerMillion: cachedRead,
    cacheWritePerMillion: write5m,
    cacheWrite1hPerMillion: write1h,
    outputPerMillion: minus(output, reasoning),
    reasoningOutputPerMillion: reasoning,
  };
}

/**
 * The service tiers with traffic, checked against the price: a tier the price lacks → 422 at its share
 * (`/workload/serviceTierMix/<tier>`), never a silent standard price. One exception kept from v1: a
 * batch share given only as `batchShare` on a price without a batch rate is priced at full rates with
 * a warning, so v1 answers do not change.
 */
function activeTiers(
  plan: PricePlan,
  w: Workload,
  warnings: string[],
): { tier: ServiceTierName; share: Decimal }[] {
  const out: { tier: ServiceTierName; share: Decimal }[] = [];
  for (const tier of SERVICE_TIERS) {
    const share = w.serviceTierMix[tier];
    if (!positive(share)) continue;
    if (!plan.tiers.has(tier)) {
      // v1: a batchShare on a price without a batch discount is priced at full rates, with a warning.
      if (tier === "batch" && w.batchGivenAsBatchShare && plan.batchWarning) warnings.push(plan.batchWarning);
      else {
        throw new DomainError(
          "invalid",
          `/workload/serviceTierMix/${tier}`,
          `${plan.sheetId} has no ${tier} tier for this model (tiers: ${[...plan.tiers.keys()].join(", ") || "none"}).`,
        );
      }
    }
    out.push({ tier, share });
  }
  return out;
}

/** How an assumption names a rate an explicit band keeps from the base entry. */
const KEPT_RATE_NOTES = {
  cachedInputPerMillion: {
    field: "/workload/cachedInputShare",
    share: "cachedInputShare",
    what: "cache-read",
  },
  cacheWritePerMillion: { field: "/workload/cacheWriteShare", share: "cacheWriteShare", what: "cache-write" },
  cacheWrite1hPerMillion: {
    field: "/workload/cacheWrite1hShare",
    share: "cacheWrite1hShare",
    what: "1-hour cache-write",
  },
  reasoningOutputPerMillion: {
    field: "/workload/reasoningOutputShare",
    share: "reasoningOutputShare",
    what: "reasoning",
  },
} as const satisfies Partial<Record<TokenRate, { field: string; share: keyof Workload; what: string }>>;

/** The sentences a band's parent-rate fallbacks are reported with, written once per (plan, band). */
interface FallbackTexts {
  cacheRead: string;
  cacheWrite: string;
  cacheWrite1h: string;
  reasoning: string;
  /** Per rate an explicit band keeps from the base entry. */
  kept: Partial<Record<keyof typeof KEPT_RATE_NOTES, string>>;
}

const fallbackTextsByBand = new WeakMap<BandPlan, FallbackTexts>();

function fallbackTexts(plan: PricePlan, price: PriceRecord, band: BandPlan): FallbackTexts {
  const cached = fallbackTextsByBand.get(band);
  if (cached) return cached;
  const id = plan.sheetId;
  const model = price.modelId;
  const texts: FallbackTexts = {
    cacheRead: `${id} has no prompt-cache read price for ${model}${band.band ? " in this tier" : ""}: cached input is priced as ordinary input.`,
    cacheWrite: `${id} has no separate cache-write price for ${model}: writes are charged at the input rate`,
    cacheWrite1h: `${id} has no 1-hour cache-write price for ${model}: 1-hour writes are charged at the 5-minute write rate`,
    reasoning: `${id} has no separate reasoning price for ${model}: reasoning tokens are charged at the output rate`,
    kept: {},
  };
  for (const rate of band.keptFromBase) {
    texts.kept[rate] =
      `${id} names no ${KEPT_RATE_NOTES[rate].what} rate for ${model} in its band for requests ${band.band?.inclusive ? "at or above" : "above"} ${band.band?.aboveInputTokens} input tokens: the band keeps the base rate, ${band.rates[rate]} per 1M tokens`;
  }
  fallbackTextsByBand.set(band, texts);
  return texts;
}

/** An assumption noted once per source sentence. */
function assumeOnce(
  assumptions: Map<string, Assumption>,
  field: string,
  value: Decimal,
  source: string,
): void {
  if (!assumptions.has(source)) assumptions.set(source, { field, value: value.toString(), source });
}

/** Assumptions and warnings for rates a band used had to take from a parent rate or the base entry. */
function fallbackNotes(
  plan: PricePlan,
  price: PriceRecord,
  band: BandPlan,
  m: Record<TokenRate, Decimal>,
  w: Workload,
  notes: { warnings: Set<string>; assumptions: Map<string, Assumption> },
): void {
  if (
    !(band.noCacheRead || band.noCacheWrite || band.noCacheWrite1h || band.noReasoning) &&
    band.keptFromBase.length === 0
  )
    return;
  const texts = fallbackTexts(plan, price, band);
  if (band.noCacheRead && positive(m.cachedInputPerMillion)) notes.warnings.add(texts.cacheRead);
  if (band.noCacheWrite && positive(m.cacheWritePerMillion)) {
    assumeOnce(notes.assumptions, "/workload/cacheWriteShare", w.cacheWriteShare, texts.cacheWrite);
  }
  if (band.noCacheWrite1h && positive(m.cacheWrite1hPerMillion)) {
    assumeOnce(notes.assumptions, "/workload/cacheWrite1hShare", w.cacheWrite1hShare, texts.cacheWrite1h);
  }
  for (const rate of band.keptFromBase) {
    const kept = KEPT_RATE_NOTES[rate];
    if (positive(m[rate]))
      assumeOnce(notes.assumptions, kept.field, w[kept.share], texts.kept[rate] as string);
  }
  if (band.noReasoning && positive(m.reasoningOutputPerMillion)) {
    assumeOnce(notes.assumptions, "/workload/reasoningOutputShare", w.reasoningOutputShare, texts.reasoning);
  }
}

/** Request and tool-call fees (never multiplied by tier, window or region). */
function feeLineItems(
  plan: PricePlan,
  price: PriceRecord,
  w: Workload,
  lineItems: LineItem[],
  warnings: string[],
) {
  if (price.requestFeePer1K != null) {
    if (w.requestsPerMonth == null) {
      warnings.push(
        `${plan.sheetId} charges ${price.requestFeePer1K} per 1K requests for ${price.modelId}, but the workload gives no way to count requests (requestsPerMonth or inputTokensPerRequest): priced without the request fee.`,
      );
    } else {
      lineItems.push(
        lineItem(
          "requests",
          "Requests",
          "1K requests",
          w.requestsPerMonth.times(PER_THOUSAND),
          price.requestFeePer1K,
        ),
      );
    }
  }
  for (const [tool, calls] of Object.entries(w.toolCallsPerMonth)) {
    const fee = plan.toolFees.get(tool);
    if (fee == null) {
      throw new DomainError(
        "invalid",
        `/workload/toolCallsPerMonth/${tool}`,
        `${plan.sheetId} has no fee for tool '${tool}' on ${price.modelId} (tools: ${[...plan.toolFees.keys()].join(", ") || "none"}).`,
      );
    }
    lineItems.push(
      lineItem(`tool-${tool}`, `Calls of the ${tool} tool`, "1K calls", calls.times(PER_THOUSAND), fee),
    );
  }
}

/** Line item of one segment of a token class, unless it is empty and not always listed. */
function pushSegment(
  lineItems: LineItem[],
  plan: PricePlan,
  band: BandPlan,
  classIndex: number,
  tier: TierKey,
  windowIndex: number,
  region: string | null,
  quantity: Decimal,
  always: boolean,
): void {
  if (!always && quantity.isZero()) return;
  const seg = segmentPlan(plan, band, tier, windowIndex, region);
  const cls = TOKEN_CLASSES[classIndex] as (typeof TOKEN_CLASSES)[number];
  lineItems.push(
    lineItem(
      seg.components[classIndex] as string,
      seg.descriptions[classIndex] as string,
      TOKEN_UNIT,
      quantity,
      seg.rates[cls.rate],
    ),
  );
}

/** One tier's quantity of a token class split by time window: outside every window first, then each window. */
function pushWindows(
  lineItems: LineItem[],
  plan: PricePlan,
  band: BandPlan,
  classIndex: number,
  tier: TierKey,
  quantity: Decimal,
  windowShare: readonly Decimal[],
  region: string | null,
  always: boolean,
): void {
  if (windowShare.length === 0) {
    pushSegment(lineItems, plan, band, classIndex, tier, -1, region, quantity, always);
    return;
  }
  const inWindows: Decimal[] = [];
  let outside = quantity;
  for (const share of windowShare) {
    const q = times(quantity, share);
    outside = minus(outside, q);
    inWindows.push(q);
  }
  pushSegment(lineItems, plan, band, classIndex, tier, -1, region, outside, always);
  for (let j = 0; j < inWindows.length; j++) {
    pushSegment(lineItems, plan, band, classIndex, tier, j, region, inWindows[j] as Decimal, false);
  }
}

/**
 * One line item per non-empty segment of each token class: request-size class → service tier (the
 * standard tier takes the remainder) → time window (outside takes the rest). Standard input and output
 * outside every window are always listed (v1 listed them at zero too). Plain loops, no closures: this
 * is the per-request path.
 */
function tokenLineItems(
  plan: PricePlan,
  m: Record<TokenRate, Decimal>,
  sizes: readonly { share: Decimal | null }[],
  bands: readonly BandPlan[],
  tiers: readonly { tier: ServiceTierName; share: Decimal }[],
  windowShare: readonly Decimal[],
  region: string | null,
): LineItem[] {
  const lineItems: LineItem[] = [];
  const tierQuantities: Decimal[] = new Array(tiers.length);
  for (let c = 0; c < TOKEN_CLASSES.length; c++) {
    const cls = TOKEN_CLASSES[c] as (typeof TOKEN_CLASSES)[number];
    const millions = m[cls.rate];
    if (!cls.always && millions.isZero()) continue;
    for (let k = 0; k < sizes.length; k++) {
      const sizeShare = (sizes[k] as { share: Decimal | null }).share;
      const classMillions = sizeShare == null ? millions : times(millions, sizeShare);
      const band = bands[k] as BandPlan;
      let standard = classMillions;
      for (let t = 0; t < tiers.length; t++) {
        const quantity = times(classMillions, (tiers[t] as { share: Decimal }).share);
        standard = minus(standard, quantity);
        tierQuantities[t] = quantity;
      }
      pushWindows(lineItems, plan, band, c, "standard", standard, windowShare, region, cls.always);
      for (let t = 0; t < tiers.length; t++) {
        const tier = (tiers[t] as { tier: ServiceTierName }).tier;
        pushWindows(lineItems, plan, band, c, tier, tierQuantities[t] as Decimal, windowShare, region, false);
      }
    }
  }
  return lineItems;
}

/** Price a workload on a resolved offering. Pure: same inputs, same exact result. */
export function estimateApiFees(
  workload: Workload,
  offering: ResolvedOffering,
  requestedModel: string,
): ApiEstimate {
  const { sheet, price } = offering;
  const plan = pricePlanFor(sheet.id, price);
  const region = offering.region ?? null;
  if (region != null && !plan.regions.has(region)) {
    throw new DomainError(
      "invalid",
      `${offering.pointer ?? ""}/region`,
      `${sheet.id} has no region '${region}' for ${price.modelId} (regions: ${[...plan.regions.keys()].join(", ") || "none"}).`,
    );
  }
  const warnings: string[] = [];
  const notes = { warnings: new Set<string>(), assumptions: new Map<string, Assumption>() };
  const m = tokenMillionsOf(workload);
  const sizes = workload.requestSizeMix ?? [
    { share: null, inputTokensPerRequest: workload.inputTokensPerRequest },
  ];
  const bands = sizes.map((c) => bandFor(plan, c.inputTokensPerRequest, workload.cachedInputShare));
  for (const band of new Set(bands)) fallbackNotes(plan, price, band, m, workload, notes);
  warnings.push(...notes.warnings);
  const tiers = activeTiers(plan, workload, warnings);
  let windowShare: Decimal[] = [];
  if (plan.windows.length > 0) {
    if (!offering.at) throw new Error("a price with time windows needs the estimate's date");
    const month = monthOf(plan, offering.at.slice(0, 7));
    windowShare = windowShares(month, workload.hourlyShareUtc);
    warnings.push(...month.warnings);
  }

  const lineItems = tokenLineItems(plan, m, sizes, bands, tiers, windowShare, region);
  feeLineItems(plan, price, workload, lineItems, warnings);

  // Input and output are always itemised, so the sum starts from a real cost (0 + x = x).
  let monthlyCost = (lineItems[0] as LineItem).cost;
  for (let i = 1; i < lineItems.length; i++) monthlyCost = monthlyCost.plus((lineItems[i] as LineItem).cost);
  const totalMillions = workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth).times(PER_MILLION);
  let highest: number | null = null;
  for (const b of bands) {
    const t = b.band?.aboveInputTokens;
    if (t != null && (highest == null || t > highest)) highest = t;
  }
  return {
    provider: offering.provider.id,
    model: offering.model.id,
    requestedModel,
    priceSheetId: sheet.id,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    tierAboveInputTokens: highest,
    region,
    monthlyCost,
    costPerMillionTokens: totalMillions.isZero() ? null : monthlyCost.div(totalMillions),
    lineItems,
    assumptions: [...notes.assumptions.values()],
    warnings,
  };
}
