/**
 * The API-fee engine is written for speed (token classes kept in millions by × 1e-6, exact shortcuts
 * for × 0, × 1 and − 0, one division fewer). This property test pins it to the plain formula of
 * api-fees.ts's module comment — token counts, then ÷ 1,000,000 per line item, sums from zero — on random sheets and
 * workloads: every figure, warning and assumption must be identical, digit for digit, including
 * inputs with more digits than the 40 the Decimal configuration keeps.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, MILLION, ONE, ZERO } from "../shared/decimal.js";
import { type Assumption, type LineItem, lineItem } from "../shared/line-item.js";
import { estimateApiFees, tierFor } from "./api-fees.js";
import type { PriceRecord, ResolvedOffering } from "./price-catalog.js";
import { priceEntryWithDefaults } from "./price-entry.js";
import { type Workload, withV2Defaults } from "./workload.js";

/** The formula as first written (before the performance work), kept as the reference. */
function referenceFees(workload: Workload, offering: ResolvedOffering) {
  const { price, sheet } = offering;
  const warnings: string[] = [];
  const assumptions: Assumption[] = [];
  const tier = tierFor(price, workload.inputTokensPerRequest);
  // v1 bands name their rates explicitly: the band's rate set replaces the base rates.
  const rates = tier ? (tier.rates as Required<typeof tier.rates>) : price;
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
  const classes = [
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
    tierAboveInputTokens: tier?.aboveInputTokens ?? null,
    monthlyCost,
    costPerMillionTokens: totalTokens.isZero() ? null : monthlyCost.div(totalTokens.div(MILLION)),
    lineItems,
    assumptions,
    warnings,
  };
}

/** Everything an estimate says, as strings: equal means digit-for-digit equal. */
function wire(e: ReturnType<typeof referenceFees>) {
  return {
    tier: e.tierAboveInputTokens,
    monthlyCost: e.monthlyCost.toString(),
    costPerMillionTokens: e.costPerMillionTokens?.toString() ?? null,
    lineItems: e.lineItems.map((l) => [
      l.component,
      l.description,
      l.quantity.toString(),
      l.unitPrice.toString(),
      l.cost.toString(),
    ]),
    assumptions: e.assumptions,
    warnings: e.warnings,
  };
}

/** Decimal strings: short prices, long ones, and more digits than the precision keeps. */
const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{1,${max}}$`));
const rate = fc.oneof(
  fc.constantFrom("0", "0.30", "2.50", "15", "0.075", "3.75"),
  fc.tuple(digits(6), digits(12)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(digits(20), digits(30)).map(([a, b]) => `${a}.${b}`),
);
const share = fc.oneof(
  fc.constantFrom("0", "1", "0.5", "0.25", "0.05", "0.2", "0.000"),
  digits(35).map((d) => `0.${d}`),
  fc.stringMatching(/^[1-9][0-9]{30,40}$/).map((d) => `0.${d}`),
);
const tokens = fc.oneof(
  fc.constantFrom("0", "1", "2000", "200000", "1000000", "2000000000"),
  digits(19),
  fc.stringMatching(/^[1-9][0-9]{15,18}$/),
);
const rateSet = fc.record({
  inputPerMillion: rate,
  outputPerMillion: rate,
  cachedInputPerMillion: fc.option(rate),
  cacheWritePerMillion: fc.option(rate),
});
const dec = (s: string) => new Decimal(s);
const decOrNull = (s: string | null) => (s == null ? null : dec(s));

const offeringArb = fc
  .record({
    base: rateSet,
    batchDiscount: fc.option(share),
    tiers: fc.uniqueArray(fc.record({ above: fc.integer({ min: 1, max: 2_000_000 }), rates: rateSet }), {
      maxLength: 2,
      selector: (t) => t.above,
    }),
  })
  .map(({ base, batchDiscount, tiers }): ResolvedOffering => {
    const price: PriceRecord = {
      ...priceEntryWithDefaults({ model: "m", inputPerMillion: ZERO, outputPerMillion: ZERO }),
      modelId: "m",
      inputPerMillion: dec(base.inputPerMillion),
      outputPerMillion: dec(base.outputPerMillion),
      cachedInputPerMillion: decOrNull(base.cachedInputPerMillion),
      cacheWritePerMillion: decOrNull(base.cacheWritePerMillion),
      batchDiscount: decOrNull(batchDiscount),
      tiers: tiers
        .map((t) => ({
          aboveInputTokens: t.above,
          inclusive: false,
          countsCachedTokens: true,
          multiplier: null,
          rates: {
            inputPerMillion: dec(t.rates.inputPerMillion),
            outputPerMillion: dec(t.rates.outputPerMillion),
            ...(t.rates.cachedInputPerMillion == null
              ? {}
              : { cachedInputPerMillion: dec(t.rates.cachedInputPerMillion) }),
            ...(t.rates.cacheWritePerMillion == null
              ? {}
              : { cacheWritePerMillion: dec(t.rates.cacheWritePerMillion) }),
          },
        }))
        .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens),
    };
    return {
      provider: { id: "p", name: "P", url: "https://example.com" },
      model: { id: "m" } as ResolvedOffering["model"],
      viaAlias: null,
      sheet: {
        id: "p-2024-01-01",
        effectiveFrom: "2024-01-01",
        currency: "USD",
      } as ResolvedOffering["sheet"],
      price,
    };
  });

const workloadArb = fc
  .record({
    input: tokens,
    output: tokens,
    cached: share,
    write: share,
    batch: share,
    perRequest: fc.option(tokens),
  })
  .filter((w) => dec(w.cached).plus(dec(w.write)).lte(1))
  .map(
    (w): Workload =>
      withV2Defaults({
        inputTokensPerMonth: dec(w.input),
        outputTokensPerMonth: dec(w.output),
        cachedInputShare: dec(w.cached),
        cacheWriteShare: dec(w.write),
        batchShare: dec(w.batch),
        inputTokensPerRequest: decOrNull(w.perRequest),
        peakToAverage: ONE,
      }),
  );

describe("estimateApiFees equals the plain formula", () => {
  it("digit for digit on random sheets and workloads", () => {
    fc.assert(
      fc.property(offeringArb, workloadArb, (offering, workload) => {
        const fast = estimateApiFees(workload, offering, "m");
        expect(wire(fast)).toEqual(wire(referenceFees(workload, offering)));
      }),
      { numRuns: 3000 },
    );
  });

  it("when one price is estimated again: other workloads, another sheet naming it", () => {
    // The engine prepares each price record once (rates, tier thresholds, strings); later estimates
    // on the same record, including through a differently named sheet, must still match.
    fc.assert(
      fc.property(
        offeringArb,
        fc.array(workloadArb, { minLength: 2, maxLength: 4 }),
        (offering, workloads) => {
          const renamed: ResolvedOffering = { ...offering, sheet: { ...offering.sheet, id: "q-2024-02-01" } };
          for (const o of [offering, renamed, offering]) {
            for (const workload of workloads) {
              expect(wire(estimateApiFees(workload, o, "m"))).toEqual(wire(referenceFees(workload, o)));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with the defaults resolveWorkload fills in (shares of exactly 0)", () => {
    fc.assert(
      fc.property(offeringArb, tokens, tokens, (offering, input, output) => {
        const workload: Workload = withV2Defaults({
          inputTokensPerMonth: dec(input),
          outputTokensPerMonth: dec(output),
          cachedInputShare: ZERO,
          cacheWriteShare: ZERO,
          batchShare: ZERO,
          inputTokensPerRequest: null,
          peakToAverage: ONE,
        });
        expect(wire(estimateApiFees(workload, offering, "m"))).toEqual(
          wire(referenceFees(workload, offering)),
        );
      }),
      { numRuns: 500 },
    );
  });
});
