/**
 * Hand-worked tests of each 2025–26 billing mechanism (DESIGN §4 "Price entry", §5.1), on their own
 * and stacked: band → service tier → time window → region. Every expected figure is worked by hand in
 * the comment above it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogRowsFromFiles } from "../../catalog/catalog-rows.js";
import { priceSheetFile } from "../../catalog/schema.js";
import { apiCostCurve, apiCostOfScaledWorkload } from "../comparison/volume-cost.js";
import { dec, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { estimateApiFees } from "./api-fees.js";
import { PriceCatalog } from "./price-catalog.js";
import { resolveWorkload, type WorkloadInput } from "./workload.js";

const M = 1_000_000;

/** A one-provider catalogue from sheet files as the pricing-data loader reads them. */
function catalogOf(sheets: unknown[]): PriceCatalog {
  const files = sheets.map((s) => priceSheetFile.parse(s));
  const models = [...new Set(files.flatMap((f) => [...f.prices.map((p) => p.model), ...f.withdrawn]))];
  return new PriceCatalog(
    catalogRowsFromFiles({
      providers: [{ id: "acme", name: "Acme", url: "https://acme.example" }],
      models: models.map((id) => ({
        id,
        name: id,
        creator: "acme",
        family: id,
        openWeights: false,
        license: null,
        releaseDate: null,
        contextWindow: 1_000_000,
        mmlu: null,
        architecture: null,
        aliases: [],
        source: "test",
        checkedOn: "2026-01-01",
        checked: true,
      })),
      importedModels: [],
      matchRules: [],
      priceSheets: files,
    }),
  );
}

const sheet = (effectiveFrom: string, prices: unknown[], withdrawn: string[] = []) => ({
  provider: "acme",
  effectiveFrom,
  currency: "USD",
  source: "hand-worked test sheet",
  checkedOn: "2026-01-01",
  checked: true,
  prices,
  withdrawn,
});

function estimate(
  price: Record<string, unknown>,
  w: Partial<WorkloadInput>,
  at = "2026-06-15",
  region: string | null = null,
) {
  const catalog = catalogOf([sheet("2026-01-01", [{ model: "m", ...price }])]);
  const offering = catalog.resolveOffering("acme", "m", at, "/offerings/0", region);
  const { workload } = resolveWorkload({ inputTokensPerMonth: dec(M), outputTokensPerMonth: dec(0), ...w });
  return estimateApiFees(workload, offering, "m");
}
const items = (e: ReturnType<typeof estimate>) =>
  e.lineItems
    .filter((l) => !l.cost.isZero())
    .map((l) => [l.description, l.quantity.toString(), l.unitPrice.toString(), l.cost.toString()]);

describe("prompt-length bands", () => {
  const band = (inclusive: boolean, countsCachedTokens = true) => ({
    inputPerMillion: "1",
    outputPerMillion: "2",
    cachedInputPerMillion: "0.1",
    tiers: [
      {
        aboveInputTokens: 200000,
        inclusive,
        countsCachedTokens,
        inputPerMillion: "2",
        outputPerMillion: "3",
        cachedInputPerMillion: "0.2",
      },
    ],
  });
  it("a request exactly at the threshold: '>' stays on base rates ($1), '>=' pays the band ($2)", () => {
    // 1M input tokens × $1/M = $1 below the band; × $2/M = $2 in it.
    const at = { inputTokensPerRequest: dec(200000) };
    expect(estimate(band(false), at).monthlyCost.toString()).toBe("1");
    expect(estimate(band(true), at).monthlyCost.toString()).toBe("2");
    expect(estimate(band(false), { inputTokensPerRequest: dec(200001) }).monthlyCost.toString()).toBe("2");
  });
  it("cached tokens not counted: 250K with half from cache compares 125K < 200K → base rates", () => {
    // counted: 250K > 200K → band: 0.5M × $2 + 0.5M × $0.2 = $1.10
    // not counted: 125K → base: 0.5M × $1 + 0.5M × $0.1 = $0.55
    const w = { inputTokensPerRequest: dec(250000), cachedInputShare: dec("0.5") };
    expect(estimate(band(false, true), w).monthlyCost.toString()).toBe("1.1");
    expect(estimate(band(false, false), w).monthlyCost.toString()).toBe("0.55");
  });
  it("a request-size mix straddling the band: each class on its own rates", () => {
    // 90% at 2K tokens: 0.9M × $1 = $0.90; 10% at 300K: 0.1M × $2 = $0.20 → $1.10
    const e = estimate(band(false), {
      requestSizeMix: [
        { share: dec("0.9"), inputTokensPerRequest: dec(2000) },
        { share: dec("0.1"), inputTokensPerRequest: dec(300000) },
      ],
    });
    expect(e.monthlyCost.toString()).toBe("1.1");
    expect(e.tierAboveInputTokens).toBe(200000);
  });
  it("an explicit band keeps the base's cache rates it does not name (v2); a v1 entry keeps v1's rule", () => {
    // Anthropic-style base $3 in / $0.30 cache read / $3.75 5-min write / $6 1-hour write; the band
    // above 200K names only input $6 and output $22.5. 1M input in 300K-token requests: 50% read from
    // cache, 10% 5-minute writes, 10% 1-hour writes, 30% uncached.
    // v2: 0.3M × $6 + 0.5M × $0.30 + 0.1M × $3.75 + 0.1M × $6 = 1.8 + 0.15 + 0.375 + 0.6 = $2.925
    const anthropic = {
      inputPerMillion: "3",
      outputPerMillion: "15",
      cachedInputPerMillion: "0.30",
      cacheWritePerMillion: "3.75",
      tiers: [{ aboveInputTokens: 200000, inputPerMillion: "6", outputPerMillion: "22.5" }],
    };
    const w = {
      inputTokensPerRequest: dec(300000),
      cachedInputShare: dec("0.5"),
      cacheWriteShare: dec("0.1"),
      cacheWrite1hShare: dec("0.1"),
    };
    const v2 = estimate({ ...anthropic, cacheWrite1hPerMillion: "6" }, w);
    expect(v2.monthlyCost.toString()).toBe("2.925");
    expect(items(v2).map((i) => i.slice(1))).toEqual([
      ["0.3", "6", "1.8"],
      ["0.5", "0.3", "0.15"],
      ["0.1", "3.75", "0.375"],
      ["0.1", "6", "0.6"],
    ]);
    expect(v2.warnings).toEqual([]);
    expect(v2.assumptions.map((a) => a.source)).toContain(
      "acme-2026-01-01 names no cache-read rate for m in its band for requests above 200000 input tokens: the band keeps the base rate, 0.3 per 1M tokens",
    );
    // v1 entry (no v2 field): v1's rule, every unnamed band rate is the band's input rate, with a warning.
    // 0.4M × $6 + 0.5M × $6 + 0.1M × $6 = $6 (no 1-hour share: a v1 workload).
    const v1 = estimate(anthropic, { ...w, cacheWrite1hShare: dec(0), cacheWriteShare: dec("0.1") });
    expect(v1.monthlyCost.toString()).toBe("6");
    expect(v1.warnings.join(" ")).toMatch(/no prompt-cache read price for m in this tier/);
  });
  it("reasoning in an explicit band: a base reasoning rate is kept; without one, the band's output rate", () => {
    // 1M output in 150K-token requests (band ≥ 100K: $15 output), 50% reasoning.
    // base reasoning $12: 0.5M × $15 + 0.5M × $12 = $13.5; no reasoning rate: 1M × $15 = $15, stated.
    const price = (reasoning: string | null) => ({
      inputPerMillion: "1",
      outputPerMillion: "10",
      reasoningOutputPerMillion: reasoning,
      tiers: [{ aboveInputTokens: 100000, inclusive: true, inputPerMillion: "2", outputPerMillion: "15" }],
    });
    const w = {
      inputTokensPerMonth: dec(0),
      outputTokensPerMonth: dec(M),
      reasoningOutputShare: dec("0.5"),
      inputTokensPerRequest: dec(150000),
    };
    expect(estimate(price("12"), w).monthlyCost.toString()).toBe("13.5");
    const fallback = estimate(price(null), w);
    expect(fallback.monthlyCost.toString()).toBe("15");
    expect(fallback.assumptions.map((a) => a.field)).toContain("/workload/reasoningOutputShare");
  });
  it("a multiplier band multiplies every base rate", () => {
    // 1M × ($1 × 2) = $2
    const e = estimate(
      {
        inputPerMillion: "1",
        outputPerMillion: "2",
        tiers: [{ aboveInputTokens: 100000, inclusive: true, multiplier: "2" }],
      },
      { inputTokensPerRequest: dec(100000) },
    );
    expect(e.monthlyCost.toString()).toBe("2");
  });
});

describe("service tiers", () => {
  const price = {
    inputPerMillion: "2",
    outputPerMillion: "8",
    serviceTiers: [
      { tier: "flex", inputPerMillion: "1", outputPerMillion: "4" },
      { tier: "priority", multiplier: "2" },
    ],
  };
  it("flex by explicit rates, priority by multiplier, the rest standard", () => {
    // 1M input + 1M output; 30% flex, 20% priority, 50% standard
    // standard 0.5 × ($2 + $8) = $5; flex 0.3 × ($1 + $4) = $1.5; priority 0.2 × ($4 + $16) = $4 → $10.5
    const e = estimate(price, {
      outputTokensPerMonth: dec(M),
      serviceTierMix: { flex: dec("0.3"), priority: dec("0.2") },
    });
    expect(e.monthlyCost.toString()).toBe("10.5");
    expect(items(e)).toContainEqual(["Output tokens, priority tier", "0.2", "16", "3.2"]);
    expect(items(e)).toContainEqual(["Uncached input tokens, flex tier", "0.3", "1", "0.3"]);
  });
  it("a tier the price does not offer → 422 naming the mix's field", () => {
    expect(() => estimate(price, { serviceTierMix: { fast: dec("0.1") } })).toThrow(
      expect.objectContaining({ pointer: "/workload/serviceTierMix/fast" }),
    );
  });
  it("every tier, by multiplier or by explicit rates, prices the same hand-worked mix", () => {
    // 1M input + 1M output, base $2 + $8 = $10 per unit of the mix:
    // standard 0.3 × $10 = $3; batch 0.1 × $5 = $0.5; flex 0.2 × $5 = $1; priority 0.3 × $20 = $6;
    // fast 0.1 × $60 = $6 → $16.5, whether each tier is a multiplier (×0.5, ×0.5, ×2, ×6) or the
    // explicit rates those multipliers give ($1/$4, $1/$4, $4/$16, $12/$48).
    const mix = {
      outputTokensPerMonth: dec(M),
      serviceTierMix: { batch: dec("0.1"), flex: dec("0.2"), priority: dec("0.3"), fast: dec("0.1") },
    };
    const byMultiplier = estimate(
      {
        inputPerMillion: "2",
        outputPerMillion: "8",
        serviceTiers: [
          { tier: "batch", multiplier: "0.5" },
          { tier: "flex", multiplier: "0.5" },
          { tier: "priority", multiplier: "2" },
          { tier: "fast", multiplier: "6" },
        ],
      },
      mix,
    );
    const byRates = estimate(
      {
        inputPerMillion: "2",
        outputPerMillion: "8",
        serviceTiers: [
          { tier: "batch", inputPerMillion: "1", outputPerMillion: "4" },
          { tier: "flex", inputPerMillion: "1", outputPerMillion: "4" },
          { tier: "priority", inputPerMillion: "4", outputPerMillion: "16" },
          { tier: "fast", inputPerMillion: "12", outputPerMillion: "48" },
        ],
      },
      mix,
    );
    expect(byMultiplier.monthlyCost.toString()).toBe("16.5");
    expect(byRates.monthlyCost.toString()).toBe("16.5");
    expect(items(byRates)).toContainEqual(["Output tokens, fast tier", "0.1", "48", "4.8"]);
    expect(items(byMultiplier)).toContainEqual([
      "Uncached input tokens via the batch API",
      "0.1",
      "1",
      "0.1",
    ]);
  });
  it("an explicit-rate tier: a reasoning rate the entry gives is kept; without one, reasoning pays the tier's output", () => {
    // gpt-5-style priority by explicit rates ($2.5 / $20); 1M output, all priority, 50% reasoning.
    // No reasoning rate: reasoning is output → 0.5M × $20 + 0.5M × $20 = $20.
    // A $12 reasoning rate the tier does not name keeps its value: 0.5M × $20 + 0.5M × $12 = $16.
    const price = (reasoning: string | null) => ({
      inputPerMillion: "1.25",
      outputPerMillion: "10",
      reasoningOutputPerMillion: reasoning,
      serviceTiers: [{ tier: "priority", inputPerMillion: "2.5", outputPerMillion: "20" }],
    });
    const w = {
      inputTokensPerMonth: dec(0),
      outputTokensPerMonth: dec(M),
      reasoningOutputShare: dec("0.5"),
      serviceTierMix: { priority: ONE },
    };
    const plain = estimate(price(null), w);
    expect(plain.monthlyCost.toString()).toBe("20");
    expect(items(plain)).toContainEqual(["Reasoning output tokens, priority tier", "0.5", "20", "10"]);
    expect(estimate(price("12"), w).monthlyCost.toString()).toBe("16");
  });
  it.each(["batch", "flex", "priority", "fast"] as const)(
    "a %s share on a price without that tier → 422 at /workload/serviceTierMix/<tier>, never a standard price",
    (missing) => {
      const others = (["batch", "flex", "priority", "fast"] as const).filter((t) => t !== missing);
      const withoutIt = {
        inputPerMillion: "2",
        outputPerMillion: "8",
        serviceTiers: others.map((tier) => ({ tier, multiplier: "2" })),
      };
      for (const p of [withoutIt, { inputPerMillion: "2", outputPerMillion: "8" }]) {
        let error: unknown;
        try {
          estimate(p, { serviceTierMix: { [missing]: dec("0.1") } });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ kind: "invalid", pointer: `/workload/serviceTierMix/${missing}` });
        expect((error as DomainError).detail).toMatch(new RegExp(`no ${missing} tier for this model`));
      }
    },
  );
  it("v1's batchShare on a price without a batch rate keeps v1's answer: full rates, with a warning", () => {
    // 1M input at $2, 30% of it "batch" with no batch price: 0.7 × $2 + 0.3 × $2 = $2, and a warning.
    // The same share given as serviceTierMix.batch is a 422 (above); so is batchShare with an equal
    // serviceTierMix.batch, which is the v2 field.
    const e = estimate({ inputPerMillion: "2", outputPerMillion: "8" }, { batchShare: dec("0.3") });
    expect(e.monthlyCost.toString()).toBe("2");
    expect(e.warnings).toEqual([
      "acme-2026-01-01 offers no batch discount for m: the batch share is priced at full rates.",
    ]);
    expect(() =>
      estimate(
        { inputPerMillion: "2", outputPerMillion: "8" },
        { batchShare: dec("0.3"), serviceTierMix: { batch: dec("0.3") } },
      ),
    ).toThrow(expect.objectContaining({ pointer: "/workload/serviceTierMix/batch" }));
  });
});

describe("reasoning, 1-hour cache writes, request and tool fees", () => {
  it("reasoning without a reasoning rate is priced as output, and says so", () => {
    // 1M output, 60% reasoning, no reasoning rate: 0.4M × $10 + 0.6M × $10 = $10
    const e = estimate(
      { inputPerMillion: "1", outputPerMillion: "10" },
      {
        inputTokensPerMonth: dec(0),
        outputTokensPerMonth: dec(M),
        reasoningOutputShare: dec("0.6"),
      },
    );
    expect(e.monthlyCost.toString()).toBe("10");
    expect(items(e)).toContainEqual(["Reasoning output tokens", "0.6", "10", "6"]);
    expect(e.assumptions.map((a) => a.field)).toContain("/workload/reasoningOutputShare");
  });
  it("reasoning at its own rate where the price gives one", () => {
    // 1M output, 60% reasoning at $12, the rest at $10: 0.4M × $10 + 0.6M × $12 = 4 + 7.2 = $11.2
    const e = estimate(
      { inputPerMillion: "1", outputPerMillion: "10", reasoningOutputPerMillion: "12" },
      { inputTokensPerMonth: dec(0), outputTokensPerMonth: dec(M), reasoningOutputShare: dec("0.6") },
    );
    expect(e.monthlyCost.toString()).toBe("11.2");
    expect(e.assumptions.map((a) => a.field)).not.toContain("/workload/reasoningOutputShare");
  });
  it("1-hour writes at their rate, or at the 5-minute rate when none is given", () => {
    // 1M input, 10% 1-hour writes: 0.9M × $3 + 0.1M × $6 = $3.30; without a 1h rate 0.1M × $3.75 → $3.075
    const w = { cacheWrite1hShare: dec("0.1") };
    expect(
      estimate(
        {
          inputPerMillion: "3",
          outputPerMillion: "15",
          cacheWritePerMillion: "3.75",
          cacheWrite1hPerMillion: "6",
        },
        w,
      ).monthlyCost.toString(),
    ).toBe("3.3");
    const fallback = estimate(
      { inputPerMillion: "3", outputPerMillion: "15", cacheWritePerMillion: "3.75" },
      w,
    );
    expect(fallback.monthlyCost.toString()).toBe("3.075");
    expect(fallback.assumptions.map((a) => a.field)).toContain("/workload/cacheWrite1hShare");
  });
  it("request and tool fees per 1K, never multiplied by tier or region", () => {
    // 1M input at $1 = $1; 2,000 requests × $0.5/1K = $1; 20,000 web searches × $10/1K = $200
    // region us ×1.1 on tokens only: $1.1 + $1 + $200 = $202.1
    const e = estimate(
      {
        inputPerMillion: "1",
        outputPerMillion: "1",
        requestFeePer1K: "0.5",
        toolFees: [{ tool: "web-search", pricePer1K: "10" }],
        regions: [{ region: "us", multiplier: "1.1" }],
      },
      { inputTokensPerRequest: dec(500), toolCallsPerMonth: { "web-search": dec(20000) } },
      "2026-06-15",
      "us",
    );
    expect(e.monthlyCost.toString()).toBe("202.1");
    expect(() =>
      estimate(
        { inputPerMillion: "1", outputPerMillion: "1" },
        { toolCallsPerMonth: { "file-search": dec(1) } },
      ),
    ).toThrow(expect.objectContaining({ pointer: "/workload/toolCallsPerMonth/file-search" }));
    expect(() => estimate({ inputPerMillion: "1", outputPerMillion: "1" }, {}, "2026-06-15", "eu")).toThrow(
      expect.objectContaining({ pointer: "/offerings/0/region" }),
    );
  });
  it("a request fee with no way to count requests is left out with a warning", () => {
    const e = estimate({ inputPerMillion: "1", outputPerMillion: "1", requestFeePer1K: "0.5" }, {});
    expect(e.monthlyCost.toString()).toBe("1");
    expect(e.warnings.join(" ")).toMatch(/no way to count requests/);
  });
});

describe("time-of-day windows", () => {
  // DeepSeek-style peak: Mon–Fri 09:00–12:00 Beijing time (01:00–04:00 UTC), ×2, excluding China's holidays.
  const peak = {
    inputPerMillion: "1",
    outputPerMillion: "1",
    timeWindows: [
      {
        name: "peak",
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "09:00",
        to: "12:00",
        timeZone: "Asia/Shanghai",
        excludeHolidays: "cn",
        multiplier: "2",
      },
    ],
  };
  it("October 2026 (National Day holidays Oct 1–7): 17 peak weekdays of 3 h in a 31-day month", () => {
    // Weekdays in Oct 2026: 22; Oct 1 (Thu), 2 (Fri), 5 (Mon), 6 (Tue) and 7 (Wed) are holidays →
    // 22 − 5 = 17 peak days. chinese-days lists Oct 1–7 (Oct 10, Saturday, is
    // a make-up working day, not counted: the window is Mon–Fri). Flat profile: share = 17 × 3 h ÷ (31 × 24 h)
    // = 51/744. Cost of 1M input = 1 + 51/744 (the peak share pays twice).
    const e = estimate(peak, {}, "2026-10-20");
    const share = dec(17 * 180).div(31 * 1440);
    expect(e.monthlyCost.toString()).toBe(ONE.minus(share).plus(share.times(2)).toString());
    expect(items(e).map((i) => i[0])).toEqual([
      "Uncached input tokens, outside peak hours",
      "Uncached input tokens, peak hours",
    ]);
  });
  it("an hourly profile with all traffic in 02:00–03:00 UTC on a holiday-free month", () => {
    // June 2026: 22 weekdays, no Chinese holiday on a weekday except Dragon Boat (Fri Jun 19) → 21 days.
    // All traffic in hour 2 UTC (10:00 Beijing, inside the window): share = 21 days × 60 min ÷ (30 × 60).
    const hourly = Array.from({ length: 24 }, (_, h) => dec(h === 2 ? 1 : 0));
    const e = estimate(peak, { hourlyShareUtc: hourly }, "2026-06-10");
    const share = dec(21).div(30);
    expect(e.monthlyCost.toString()).toBe(ONE.minus(share).plus(share.times(2)).toString());
  });
  it("beyond the calendar's years no holidays are excluded, and the estimate says so", () => {
    // January 2027: 21 weekdays, all peak (chinese-days 1.5.7 covers 2004–2026).
    const e = estimate(peak, {}, "2027-01-15");
    const share = dec(21 * 180).div(31 * 1440);
    expect(e.monthlyCost.toString()).toBe(ONE.minus(share).plus(share.times(2)).toString());
    expect(e.warnings.join(" ")).toMatch(/covers 2004–2026: no holidays are excluded .* in 2027/);
  });
});

describe("the stacking order: band → service tier → time window → region", () => {
  it("one segment through every step", () => {
    // base $1 → band (>100K) explicit $2 → priority ×2 = $4 → window 00:00–24:00 every day ×1.5 = $6
    // → region ×1.1 = $6.6. All traffic priority and in the window: 1M × $6.6 = $6.6.
    const e = estimate(
      {
        inputPerMillion: "1",
        outputPerMillion: "1",
        tiers: [{ aboveInputTokens: 100000, inputPerMillion: "2", outputPerMillion: "2" }],
        serviceTiers: [{ tier: "priority", multiplier: "2" }],
        timeWindows: [
          {
            name: "all-day",
            days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            from: "00:00",
            to: "24:00",
            timeZone: "UTC",
            multiplier: "1.5",
          },
        ],
        regions: [{ region: "us", multiplier: "1.1" }],
      },
      { inputTokensPerRequest: dec(150000), serviceTierMix: { priority: ONE } },
      "2026-06-15",
      "us",
    );
    expect(e.monthlyCost.toString()).toBe("6.6");
    expect(items(e)).toEqual([
      [
        "Uncached input tokens, priority tier, all-day hours, region us (tier: requests above 100000 input tokens)",
        "1",
        "6.6",
        "6.6",
      ],
    ]);
  });
});

describe("per-model price history", () => {
  const catalog = catalogOf([
    sheet("2026-01-01", [
      { model: "a", inputPerMillion: "1", outputPerMillion: "1" },
      { model: "b", inputPerMillion: "5", outputPerMillion: "5" },
    ]),
    // A later sheet carrying one change: a price cut for b. a keeps its January price.
    sheet("2026-03-01", [{ model: "b", inputPerMillion: "4", outputPerMillion: "4" }]),
    sheet("2026-06-01", [], ["a"]),
  ]);
  it("a sheet that lists only a change leaves the other models' prices in force", () => {
    expect(catalog.resolveOffering("acme", "a", "2026-04-01").sheet.id).toBe("acme-2026-01-01");
    expect(catalog.resolveOffering("acme", "b", "2026-04-01").price.inputPerMillion.toString()).toBe("4");
  });
  it("a withdrawn model is priced before its withdrawal and 422 after it", () => {
    expect(catalog.resolveOffering("acme", "a", "2026-05-31").price.inputPerMillion.toString()).toBe("1");
    const error = (() => {
      try {
        catalog.resolveOffering("acme", "a", "2026-06-01", "/offerings/0");
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: "no-price", pointer: "/offerings/0/model" });
    expect(error?.detail).toMatch(/withdrew 'a' on 2026-06-01/);
    expect(catalog.pricesInForce("acme", "2026-06-01").map((p) => p.price.modelId)).toEqual(["b"]);
  });
});

describe("other volumes (sweeps, break-even)", () => {
  it("request and tool fees scale with the volume as requests do: the curve equals a full estimate at 3×", () => {
    // At 1M input: $1 tokens + 2,000 requests × $0.5/1K + 20,000 searches × $10/1K = $202.
    // At 3M: requests and searches ×3 → $3 + $3 + $600 = $606.
    const catalog = catalogOf([
      sheet("2026-01-01", [
        {
          model: "m",
          inputPerMillion: "1",
          outputPerMillion: "1",
          requestFeePer1K: "0.5",
          toolFees: [{ tool: "web-search", pricePer1K: "10" }],
        },
      ]),
    ]);
    const offering = catalog.resolveOffering("acme", "m", "2026-06-15");
    const { workload } = resolveWorkload({
      inputTokensPerMonth: dec(M),
      outputTokensPerMonth: dec(0),
      inputTokensPerRequest: dec(500),
      toolCallsPerMonth: { "web-search": dec(20000) },
    });
    const curve = apiCostCurve(offering, workload);
    expect(curve(dec(M)).toString()).toBe("202");
    expect(curve(dec(3 * M)).toString()).toBe("606");
    expect(apiCostOfScaledWorkload(offering, workload, dec(3 * M)).toString()).toBe("606");
  });
});

describe("properties", () => {
  const rate = fc.integer({ min: 0, max: 10_000 }).map((n) => dec(n).div(100).toString());
  const mult = fc.integer({ min: 100, max: 400 }).map((n) => dec(n).div(100).toString());
  const share = fc.integer({ min: 0, max: 100 }).map((n) => dec(n).div(100));
  const priceArb = fc.record({
    inputPerMillion: rate,
    outputPerMillion: rate,
    cachedInputPerMillion: rate,
    requestFeePer1K: rate,
    serviceTiers: fc.constant([{ tier: "priority", multiplier: "2" }]),
    priority: mult,
    window: mult,
    region: mult,
  });
  const build = (
    p: { priority: string; window: string; region: string } & Record<string, unknown>,
    withSteps: boolean,
  ) => {
    const { priority, window, region, ...rest } = p;
    return withSteps
      ? {
          ...rest,
          serviceTiers: [{ tier: "priority", multiplier: priority }],
          timeWindows: [
            {
              name: "peak",
              days: ["mon", "tue", "wed"],
              from: "01:00",
              to: "04:00",
              timeZone: "Asia/Shanghai",
              excludeHolidays: "cn",
              multiplier: window,
            },
          ],
          regions: [{ region: "us", multiplier: region }],
        }
      : {
          ...rest,
          serviceTiers: [{ tier: "priority", multiplier: "1" }],
          regions: [{ region: "us", multiplier: "1" }],
        };
  };
  it("the total equals the sum of the line items, and multipliers ≥ 1 never lower the price", () => {
    fc.assert(
      fc.property(
        priceArb,
        share,
        share,
        fc.integer({ min: 1, max: 400_000 }),
        (p, cached, priority, size) => {
          const w = {
            outputTokensPerMonth: dec(3 * M),
            cachedInputShare: cached,
            serviceTierMix: { priority },
            inputTokensPerRequest: dec(size),
          };
          const stacked = estimate(build(p, true), w, "2026-10-09", "us");
          const plain = estimate(build(p, false), w, "2026-10-09", "us");
          const sum = stacked.lineItems.reduce((s, l) => s.plus(l.cost), ZERO);
          expect(sum.eq(stacked.monthlyCost)).toBe(true);
          expect(stacked.monthlyCost.gte(plain.monthlyCost)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
