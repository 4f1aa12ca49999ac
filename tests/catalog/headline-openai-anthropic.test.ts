/**
 * The curated OpenAI and Anthropic headline sheets (facts-2026 §2 rows 1–23) priced by the engine on the
 * real seeded catalogue: one estimate per offering equal to a number worked by hand from the facts
 * table, history on both sides of each dated change, a priority tier, service tiers, bands with each
 * vendor's boundary rule, regional uplifts, and Haiku 5.5's band crossed only because cache reads count.
 *
 * The standard workload: 10M input tokens (3M of them cache reads, and for models with a cache-write
 * rate 1M cache writes), 2M output, 10K input tokens per request. So a price costs
 *   with a write rate:    6·input + 3·cached + 1·write + 2·output   (USD, rates per 1M)
 *   without (OpenAI):     7·input + 3·cached + 2·output             (no writes in the workload)
 *   without a cache rate: 10·input + 2·output
 */
import { beforeAll, describe, expect, it } from "vitest";
import { estimateApiFees } from "../../api/domain/pricing/api-fees.js";
import type { PriceCatalog } from "../../api/domain/pricing/price-catalog.js";
import { resolveWorkload, type WorkloadInput } from "../../api/domain/pricing/workload.js";
import { dec } from "../../api/domain/shared/decimal.js";
import { loadTestPriceCatalog } from "../support/domain-fixtures.js";

let catalog: PriceCatalog;
beforeAll(async () => {
  catalog = await loadTestPriceCatalog();
});

const AT = "2026-11-01";
/** The date of the imported OpenAI and Anthropic sheets (genai-prices 0.1.8's publication): curated wins. */
const IMPORTED_ON = "2026-09-23";

interface Case {
  writes?: boolean;
  perRequest?: number;
  cached?: string;
  tiers?: WorkloadInput["serviceTierMix"];
  region?: string;
}

function estimate(provider: string, model: string, at: string, c: Case = {}) {
  const { workload } = resolveWorkload({
    inputTokensPerMonth: dec(10_000_000),
    outputTokensPerMonth: dec(2_000_000),
    cachedInputShare: dec(c.cached ?? "0.3"),
    cacheWriteShare: dec(c.writes ? "0.1" : "0"),
    inputTokensPerRequest: dec(c.perRequest ?? 10_000),
    serviceTierMix: c.tiers ?? null,
  });
  return estimateApiFees(workload, catalog.resolveOffering(provider, model, at, "", c.region ?? null), model);
}
const cost = (provider: string, model: string, at: string, c: Case = {}) =>
  estimate(provider, model, at, c).monthlyCost.toString();

describe("OpenAI headline offerings (facts-2026 §2 rows 1–14)", () => {
  it.each([
    // [model, hand-worked cost, writes priced]
    ["gpt-5", "29.125", false], // 7·1.25 + 3·0.125 + 2·10
    ["gpt-5.1", "29.125", false],
    ["gpt-5-mini", "5.825", false], // 7·0.25 + 3·0.025 + 2·2
    ["gpt-5-nano", "1.165", false], // 7·0.05 + 3·0.005 + 2·0.40
    ["gpt-5.2", "40.775", false], // 7·1.75 + 3·0.175 + 2·14
    ["gpt-5.2-pro", "546", false], // 10·21 + 2·168 (no cached rate)
    ["gpt-5.4", "48.25", false], // 7·2.5 + 3·0.25 + 2·15
    ["gpt-5.4-mini", "14.475", false], // 7·0.75 + 3·0.075 + 2·4.5
    ["gpt-5.4-nano", "3.96", false], // 7·0.2 + 3·0.02 + 2·1.25
    ["gpt-5.5", "96.5", false], // 7·5 + 3·0.5 + 2·30
    ["gpt-5.5-pro", "660", false], // 10·30 + 2·180
    ["gpt-5.6-sol", "70.2", true], // 6·4 + 3·0.4 + 5 + 2·20
    ["gpt-5.6-terra", "39.1", true], // 6·2 + 3·0.2 + 2.5 + 2·12
    ["gpt-5.6-luna", "3.91", true], // 6·0.2 + 3·0.02 + 0.25 + 2·1.2
    ["gpt-6-astra", "175.5", true], // 6·10 + 3·1 + 12.5 + 2·50
    ["gpt-6-sol", "35.1", true], // 6·2 + 3·0.2 + 2.5 + 2·10
    ["gpt-6-luna", "1.755", true], // 6·0.1 + 3·0.01 + 0.125 + 2·0.5
    ["gpt-4.1", "31.5", false], // 7·2 + 3·0.5 + 2·8
    ["gpt-4.1-mini", "6.3", false], // 7·0.4 + 3·0.1 + 2·1.6
    ["gpt-4.1-nano", "1.575", false], // 7·0.1 + 3·0.025 + 2·0.4
    ["o3", "31.5", false], // 7·2 + 3·0.5 + 2·8
    ["o4-mini", "17.325", false], // 7·1.1 + 3·0.275 + 2·4.4
    ["gpt-4o-mini", "2.475", false], // 7·0.15 + 3·0.075 + 2·0.6
  ] as const)("%s costs $%s at 2026-11-01", (model, expected, writes) => {
    const e = estimate("openai", model, AT, { writes });
    expect(e.model).toBe(model);
    expect(e.effectiveFrom).not.toBe(IMPORTED_ON);
    expect(e.monthlyCost.toString()).toBe(expected);
  });

  it("o3 before and after its 2025-06-10 cut (10 / 2.5 / 40 → 2 / 0.5 / 8)", () => {
    expect(cost("openai", "o3", "2025-06-09")).toBe("157.5"); // 7·10 + 3·2.5 + 2·40
    expect(cost("openai", "o3", "2025-06-10")).toBe("31.5");
    expect(() => catalog.resolveOffering("openai", "o3", "2025-04-16")).toThrow(/openai-2025-04-17/);
  });

  it("gpt-5.6-sol before and after its 2026-08-21 cut, cache writes at 1.25x input", () => {
    expect(cost("openai", "gpt-5.6-sol", "2026-08-20", { writes: true })).toBe("97.75"); // 6·5 + 3·0.5 + 6.25 + 2·30
    expect(cost("openai", "gpt-5.6-sol", "2026-08-21", { writes: true })).toBe("70.2");
    expect(() => catalog.resolveOffering("openai", "gpt-5.6-sol", "2026-07-08")).toThrow();
  });

  it("gpt-5.6-terra is priced from its 2026-07-30 cut only (no sourced date for the earlier price)", () => {
    expect(() => catalog.resolveOffering("openai", "gpt-5.6-terra", "2026-07-29")).toThrow();
    expect(cost("openai", "gpt-5.6-terra", "2026-07-30", { writes: true })).toBe("39.1");
  });

  it("the 272K band: inclusive at 272K for GPT-5.4 (< 272K is standard), exclusive for GPT-6 Sol", () => {
    expect(cost("openai", "gpt-5.4", AT, { perRequest: 271_999 })).toBe("48.25");
    const band = estimate("openai", "gpt-5.4", AT, { perRequest: 272_000 });
    expect(band.tierAboveInputTokens).toBe(272_000);
    expect(band.monthlyCost.toString()).toBe("81.5"); // 7·5 + 3·0.5 + 2·22.5
    expect(cost("openai", "gpt-6-sol", AT, { writes: true, perRequest: 272_000 })).toBe("35.1");
    expect(cost("openai", "gpt-6-sol", AT, { writes: true, perRequest: 272_001 })).toBe("60.2"); // 6·4 + 3·0.4 + 5 + 2·15
  });

  it("service tiers: Priority at OpenAI's explicit rates, Batch and Flex at half, GPT-6 Fast at 2x", () => {
    // gpt-5.5 Priority 12.50 / 1.25 / 75: 7·12.5 + 3·1.25 + 2·75
    expect(cost("openai", "gpt-5.5", AT, { tiers: { priority: dec(1) } })).toBe("241.25");
    expect(cost("openai", "gpt-5", AT, { tiers: { batch: dec(1) } })).toBe("14.5625");
    expect(cost("openai", "o3", AT, { tiers: { flex: dec(1) } })).toBe("15.75");
    expect(cost("openai", "gpt-6-astra", AT, { writes: true, tiers: { fast: dec(1) } })).toBe("351");
  });

  it("regional data residency +10% from the 2026-05-04 source, not before", () => {
    expect(cost("openai", "gpt-5.5", AT, { region: "regional" })).toBe("106.15"); // 1.1 · 96.5
    expect(() => cost("openai", "gpt-5.5", "2026-05-03", { region: "regional" })).toThrow(/no region/);
  });

  it("the ids users send resolve to the curated models", () => {
    const id = (name: string, at = AT) => catalog.resolveModel("openai", name, at)?.model.id;
    expect(id("gpt-5-2025-08-07")).toBe("gpt-5");
    expect(id("gpt-5-1-2025-11-13")).toBe("gpt-5.1");
    expect(id("o3-2025-04-16", "2025-05-01")).toBe("o3");
    expect(id("gpt-5.6")).toBe("gpt-5.6-sol");
    expect(id("gpt-6-luna-2026-09-22")).toBe("gpt-6-luna");
    expect(id("gpt-4o-mini-2024-07-18")).toBe("gpt-4o-mini");
  });
});

describe("Anthropic headline offerings (facts-2026 §2 rows 15–23)", () => {
  it.each([
    ["claude-opus-4-0", "263.25"], // 6·15 + 3·1.5 + 18.75 + 2·75
    ["claude-opus-4-1", "263.25"],
    ["claude-opus-4-5", "87.75"], // 6·5 + 3·0.5 + 6.25 + 2·25
    ["claude-opus-4-6", "87.75"],
    ["claude-opus-4-7", "87.75"],
    ["claude-opus-4-8", "87.75"],
    ["claude-opus-5", "87.75"],
    ["claude-opus-5-5", "69.6"], // 6·4 + 3·0.2 + 5 + 2·20
    ["claude-fable-5", "175.5"], // 6·10 + 3·1 + 12.5 + 2·50
    ["claude-fable-5-1", "173.25"], // 6·10 + 3·0.25 + 12.5 + 2·50
    ["claude-sonnet-4-0", "52.65"], // 6·3 + 3·0.3 + 3.75 + 2·15
    ["claude-sonnet-4-5", "52.65"],
    ["claude-sonnet-4-6", "52.65"],
    ["claude-sonnet-5", "35.1"], // 6·2 + 3·0.2 + 2.5 + 2·10
    ["claude-sonnet-5-5", "34.8"], // 6·2 + 3·0.1 + 2.5 + 2·10
    ["claude-haiku-4-5", "17.55"], // 6·1 + 3·0.1 + 1.25 + 2·5
    ["claude-haiku-5-5", "1.755"], // 6·0.1 + 3·0.01 + 0.125 + 2·0.5 (10K prompts, under the band)
  ] as const)("%s costs $%s at 2026-11-01", (model, expected) => {
    const e = estimate("anthropic", model, AT, { writes: true });
    expect(e.model).toBe(model);
    expect(e.effectiveFrom).not.toBe(IMPORTED_ON);
    expect(e.monthlyCost.toString()).toBe(expected);
  });

  it("the 1-hour cache write is priced apart (2x input): Opus 4.5 with all writes to the 1-hour cache", () => {
    const { workload } = resolveWorkload({
      inputTokensPerMonth: dec(10_000_000),
      outputTokensPerMonth: dec(2_000_000),
      cacheWrite1hShare: dec("0.1"),
      inputTokensPerRequest: dec(10_000),
    });
    const e = estimateApiFees(workload, catalog.resolveOffering("anthropic", "claude-opus-4-5", AT), "x");
    expect(e.monthlyCost.toString()).toBe("105"); // 9·5 + 1·10 + 2·25
  });

  it("Sonnet 5.5 is priced from its 2026-10-07 cache cut only", () => {
    expect(() => catalog.resolveOffering("anthropic", "claude-sonnet-5-5", "2026-10-06")).toThrow();
    expect(cost("anthropic", "claude-sonnet-5-5", "2026-10-07", { writes: true })).toBe("34.8");
  });

  it("Opus 4.6's >200K band until 2026-03-13, flat across 1M from then", () => {
    const before = estimate("anthropic", "claude-opus-4-6", "2026-03-12", {
      writes: true,
      perRequest: 300_000,
    });
    expect(before.tierAboveInputTokens).toBe(200_000);
    expect(before.monthlyCost.toString()).toBe("150.5"); // 6·10 + 3·1 + 12.5 + 2·37.5
    expect(cost("anthropic", "claude-opus-4-6", "2026-03-13", { writes: true, perRequest: 300_000 })).toBe(
      "87.75",
    );
    expect(cost("anthropic", "claude-opus-4-6", "2026-03-12", { writes: true, perRequest: 200_000 })).toBe(
      "87.75",
    );
  });

  it("Sonnet 4.5's >200K band until its 1M beta was retired on 2026-04-30", () => {
    expect(cost("anthropic", "claude-sonnet-4-5", "2026-04-29", { writes: true, perRequest: 300_000 })).toBe(
      "90.3", // 6·6 + 3·0.6 + 7.5 + 2·22.5
    );
    expect(cost("anthropic", "claude-sonnet-4-5", "2026-04-30", { writes: true, perRequest: 300_000 })).toBe(
      "52.65",
    );
  });

  it("Haiku 5.5's 100K band is crossed only because cache reads count toward the prompt", () => {
    // 120K prompts, half of them read from cache: 60K uncached, 120K counted → the higher rates on all tokens.
    const e = estimate("anthropic", "claude-haiku-5-5", AT, { cached: "0.5", perRequest: 120_000 });
    expect(e.tierAboveInputTokens).toBe(100_000);
    expect(e.monthlyCost.toString()).toBe("7.75"); // 5·0.5 + 5·0.05 + 2·2.5
    expect(cost("anthropic", "claude-haiku-5-5", AT, { cached: "0.5", perRequest: 90_000 })).toBe("1.55");
  });

  it("inference_geo us is 1.1x on every token class for 4.6 and later, and not offered for Haiku 4.5", () => {
    expect(cost("anthropic", "claude-sonnet-5", AT, { writes: true, region: "us" })).toBe("38.61"); // 1.1 · 35.1
    expect(cost("anthropic", "claude-opus-5-5", AT, { writes: true, region: "us" })).toBe("76.56"); // 1.1 · 69.6
    expect(() => cost("anthropic", "claude-haiku-4-5", AT, { region: "us" })).toThrow(/no region/);
  });

  it("fast mode (6x Opus 4.6, 2x Opus 4.8) from its sourced date, and Batch at half price", () => {
    expect(cost("anthropic", "claude-opus-4-6", AT, { writes: true, tiers: { fast: dec(1) } })).toBe("526.5");
    expect(cost("anthropic", "claude-opus-4-8", AT, { writes: true, tiers: { fast: dec(1) } })).toBe("175.5");
    expect(() =>
      cost("anthropic", "claude-opus-4-6", "2026-06-26", { writes: true, tiers: { fast: dec(1) } }),
    ).toThrow();
    expect(cost("anthropic", "claude-opus-4-0", AT, { writes: true, tiers: { batch: dec(1) } })).toBe(
      "131.625",
    );
  });

  it("the ids users send resolve to the curated models", () => {
    const id = (name: string) => catalog.resolveModel("anthropic", name, AT)?.model.id;
    expect(id("claude-opus-4-5-20251101")).toBe("claude-opus-4-5");
    expect(id("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(id("claude-haiku-4-5-20251001")).toBe("claude-haiku-4-5");
    expect(id("claude-opus-4-20250514")).toBe("claude-opus-4-0");
  });
});
