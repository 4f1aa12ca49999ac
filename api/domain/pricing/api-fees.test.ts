import { beforeAll, describe, expect, it } from "vitest";
import { loadTestPriceCatalog } from "../../../tests/support/domain-fixtures.js";
import { Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { estimateApiFees } from "./api-fees.js";
import type { PriceCatalog } from "./price-catalog.js";
import { resolveWorkload, type WorkloadInput } from "./workload.js";

let catalog: PriceCatalog;
beforeAll(async () => {
  catalog = await loadTestPriceCatalog();
});

function estimate(
  provider: string,
  model: string,
  at: string,
  input: Partial<WorkloadInput> & { input: number | string; output: number | string },
) {
  const { input: inTokens, output: outTokens, ...rest } = input;
  const { workload } = resolveWorkload({
    inputTokensPerMonth: dec(inTokens),
    outputTokensPerMonth: dec(outTokens),
    ...rest,
  });
  return estimateApiFees(workload, catalog.resolveOffering(provider, model, at), model);
}

describe("API fees on the sourced price sheets", () => {
  it("GPT-4o 2024-08-06: 1M input + 1M output = $12.50 exactly", () => {
    const e = estimate("openai", "gpt-4o-2024-08-06", "2024-11-01", { input: 1_000_000, output: 1_000_000 });
    expect(e.monthlyCost.eq("12.50")).toBe(true);
    expect(e.costPerMillionTokens?.toString()).toBe("6.25");
    expect(
      e.lineItems.map((l) => [l.component, l.quantity.toString(), l.unitPrice.toString(), l.cost.toString()]),
    ).toEqual([
      ["input", "1", "2.5", "2.5"],
      ["output", "1", "10", "10"],
    ]);
    expect(e.priceSheetId).toBe("openai-2024-10-01");
  });

  it("every line item's cost is exactly quantity × unitPrice and they sum to the monthly cost", () => {
    const e = estimate("anthropic", "claude-3-5-sonnet-20241022", "2024-12-01", {
      input: 123_456_789,
      output: 9_876_543,
      cachedInputShare: dec("0.37"),
      cacheWriteShare: dec("0.05"),
      batchShare: dec("0.3"),
    });
    let sum = new Decimal(0);
    for (const item of e.lineItems) {
      expect(item.cost.eq(item.quantity.times(item.unitPrice))).toBe(true);
      sum = sum.plus(item.cost);
    }
    expect(sum.eq(e.monthlyCost)).toBe(true);
  });

  it("prices cache reads and writes at their own rates, as parts of the input (Claude 3.5 Sonnet)", () => {
    // 10M input of which 60% cache reads, 10% cache writes; 1M output.
    // uncached 3M × 3 = 9; reads 6M × 0.30 = 1.8; writes 1M × 3.75 = 3.75; output 1M × 15 = 15 → 29.55
    const e = estimate("anthropic", "claude-3-5-sonnet-20240620", "2024-09-01", {
      input: 10_000_000,
      output: 1_000_000,
      cachedInputShare: dec("0.6"),
      cacheWriteShare: dec("0.1"),
    });
    expect(e.monthlyCost.toString()).toBe("29.55");
    expect(e.lineItems.map((l) => l.component)).toEqual(["input", "cached-input", "cache-write", "output"]);
  });

  it("charges cached input at the input rate, with a warning, where the sheet has no cache price", () => {
    const e = estimate("openai", "gpt-4o-2024-05-13", "2024-11-01", {
      input: 2_000_000,
      output: 0,
      cachedInputShare: dec("0.5"),
    });
    expect(e.monthlyCost.toString()).toBe("10");
    expect(e.warnings.join(" ")).toMatch(/no prompt-cache read price/);
  });

  it("Gemini 1.5 Pro: a request above 128K input pays the tier rate on all its tokens (cliff)", () => {
    const below = estimate("google", "gemini-1.5-pro", "2024-11-01", {
      input: 1_000_000,
      output: 1_000_000,
      inputTokensPerRequest: dec(128_000),
    });
    const above = estimate("google", "gemini-1.5-pro", "2024-11-01", {
      input: 1_000_000,
      output: 1_000_000,
      inputTokensPerRequest: dec(128_001),
    });
    expect(below.monthlyCost.toString()).toBe("6.25"); // 1.25 + 5
    expect(below.tierAboveInputTokens).toBeNull();
    expect(above.monthlyCost.toString()).toBe("12.5"); // 2.50 + 10: input and output both at the tier rate
    expect(above.tierAboveInputTokens).toBe(128_000);
  });

  it("Gemini 1.5 Pro before and after the October 2024 price cut", () => {
    const before = estimate("google", "gemini-1.5-pro", "2024-09-30", {
      input: 1_000_000,
      output: 1_000_000,
    });
    const after = estimate("google", "gemini-1.5-pro", "2024-10-01", { input: 1_000_000, output: 1_000_000 });
    expect(before.monthlyCost.toString()).toBe("14"); // 3.50 + 10.50
    expect(before.priceSheetId).toBe("google-2024-05-30");
    expect(after.monthlyCost.toString()).toBe("6.25");
    expect(after.priceSheetId).toBe("google-2024-10-01");
    const beforeTier = estimate("google", "gemini-1.5-pro", "2024-09-30", {
      input: 1_000_000,
      output: 1_000_000,
      inputTokensPerRequest: dec(200_000),
    });
    expect(beforeTier.monthlyCost.toString()).toBe("28"); // 7 + 21
  });

  it("batch share pays half price where the batch discount is 50%", () => {
    const all = estimate("openai", "gpt-4o-2024-08-06", "2024-11-01", {
      input: 1_000_000,
      output: 1_000_000,
      batchShare: dec(1),
    });
    expect(all.monthlyCost.toString()).toBe("6.25");
    const half = estimate("openai", "gpt-4o-2024-08-06", "2024-11-01", {
      input: 1_000_000,
      output: 1_000_000,
      batchShare: dec("0.5"),
    });
    expect(half.monthlyCost.toString()).toBe("9.375");
    expect(half.lineItems.map((l) => l.component)).toEqual([
      "input",
      "input-batch",
      "output",
      "output-batch",
    ]);
  });

  it("warns and charges full rates for a batch share where the sheet has no batch discount", () => {
    const e = estimate("groq", "llama-3-70b", "2024-07-01", {
      input: 1_000_000,
      output: 1_000_000,
      batchShare: dec(1),
    });
    expect(e.monthlyCost.toString()).toBe("1.38");
    expect(e.warnings.join(" ")).toMatch(/no batch discount/);
  });

  it("the gpt-4o alias resolves to the 2024-05-13 snapshot before its move and to 2024-08-06 after", () => {
    const before = estimate("openai", "gpt-4o", "2024-09-01", { input: 1_000_000, output: 1_000_000 });
    expect(before.model).toBe("gpt-4o-2024-05-13");
    expect(before.requestedModel).toBe("gpt-4o");
    expect(before.monthlyCost.toString()).toBe("20");
    const after = estimate("openai", "gpt-4o", "2024-10-02", { input: 1_000_000, output: 1_000_000 });
    expect(after.model).toBe("gpt-4o-2024-08-06");
    expect(after.monthlyCost.toString()).toBe("12.5");
  });

  it("resolves a provider's own model name within that provider only", () => {
    const e = estimate("groq", "llama3-70b-8192", "2024-07-01", { input: 1_000_000, output: 1_000_000 });
    expect(e.model).toBe("llama-3-70b");
    expect(() => catalog.resolveOffering("together", "llama3-70b-8192", "2024-07-01")).toThrow(DomainError);
  });

  it("stays exact where binary floats are not: 0.1 + 0.2 style rates and huge volumes", () => {
    const e = estimate("groq", "llama-3-8b", "2024-07-01", { input: "900719925474099312", output: 3 });
    // 900719925474.099312 M × 0.05 + 0.000003 M × 0.08
    expect(e.monthlyCost.toString()).toBe("45035996273.70496584");
  });

  it("a zero workload costs 0 and has no cost per token", () => {
    const e = estimate("openai", "gpt-4o-2024-08-06", "2024-11-01", { input: 0, output: 0 });
    expect(e.monthlyCost.isZero()).toBe(true);
    expect(e.costPerMillionTokens).toBeNull();
  });

  it("refuses dates before any sheet, unknown models and unpriced models with precise errors", () => {
    expect(() => catalog.resolveOffering("openai", "gpt-4o-2024-08-06", "2024-01-01")).toThrow(
      /earliest starts 2024-05-13/,
    );
    expect(() => catalog.resolveOffering("openai", "gpt-4o-2024-08-06", "2024-07-01")).toThrow(
      /first priced in openai-2024-08-06/,
    );
    expect(() => catalog.resolveOffering("openai", "gpt-99", "2024-11-01")).toThrow(/Unknown model 'gpt-99'/);
    expect(() => catalog.resolveOffering("openai", "gpt-5", "2024-11-01")).toThrow(/first priced in openai-/);
    expect(() => catalog.resolveOffering("nope", "gpt-4o", "2024-11-01")).toThrow(/Unknown provider 'nope'/);
  });

  it("refuses cache reads and writes that add up to more than the input", () => {
    expect(() =>
      resolveWorkload({
        inputTokensPerMonth: dec(1),
        outputTokensPerMonth: dec(1),
        cachedInputShare: dec("0.8"),
        cacheWriteShare: dec("0.3"),
      }),
    ).toThrow(/must not exceed 1/);
  });
});
