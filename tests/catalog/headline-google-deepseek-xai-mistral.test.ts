/**
 * The curated 2025–26 headline offerings of Google, DeepSeek, xAI and Mistral (facts-2026 §2 rows
 * 25–37) on the real seeded catalogue, through `POST /v1/estimates/api`: every row priced at a 2026
 * date equals a number worked by hand from the facts table, and the vendor rules around them — DeepSeek's
 * peak hours on the Beijing calendar without China's public holidays, Gemini 3.8 Flash's announced
 * doubling, xAI's inclusive 200K band against Google's exclusive one, and mistral-medium-latest moving.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dec } from "../../api/domain/shared/decimal.js";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

/**
 * 2M input tokens of which half are cache reads, 1M output tokens, 10K-token requests (below every
 * band): the monthly cost is simply input rate + cached rate + output rate, in dollars.
 */
const W = {
  inputTokensPerMonth: 2_000_000,
  outputTokensPerMonth: 1_000_000,
  cachedInputShare: "0.5",
  inputTokensPerRequest: 10_000,
};
/** All traffic in one UTC hour (for DeepSeek's windows). */
const atHour = (h: number) => Array.from({ length: 24 }, (_, i) => (i === h ? "1" : "0"));

interface Offering {
  provider: string;
  model: string;
}

async function estimate(offerings: Offering[], at: string, workload: Record<string, unknown> = W) {
  const res = await postJson(ctx.app, "/v1/estimates/api", { workload, offerings, at });
  const body = (await res.json()) as any;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.data as { monthlyCost: string; priceSheetId: string; model: string }[];
}

async function cost(provider: string, model: string, at: string, workload: Record<string, unknown> = W) {
  return (await estimate([{ provider, model }], at, workload))[0]!.monthlyCost;
}

/** [provider, model id as users send it, in + cached + out worked by hand, the sheet it comes from]. */
const ROWS: [string, string, string, string][] = [
  // Row 25: 1.25 + 0.125 + 10.
  ["google", "gemini-2.5-pro", "11.375", "google-2026-10-07"],
  ["google", "models/gemini-2.5-pro", "11.375", "google-2026-10-07"],
  ["google", "gemini-2.5-pro-preview-06-05", "11.375", "google-2026-10-07"],
  // Row 26: 0.30 + 0.03 + 2.50; 0.10 + 0.01 + 0.40.
  ["google", "gemini-2.5-flash", "2.83", "google-2026-10-07"],
  ["google", "gemini-2.5-flash-lite", "0.51", "google-2026-10-07"],
  // Row 27: 2 + 0.20 + 12.
  ["google", "gemini-3-pro-preview", "14.2", "google-2026-10-07"],
  ["google", "gemini-3.1-pro-preview", "14.2", "google-2026-10-07"],
  // Row 28: 0.50 + 0.05 + 3; 0.25 + 0.025 + 1.50.
  ["google", "gemini-3-flash-preview", "3.55", "google-2026-10-07"],
  ["google", "gemini-3.1-flash-lite", "1.775", "google-2026-10-07"],
  // Row 29: 1.50 + 0.15 + 9; 0.30 + 0.03 + 2.50.
  ["google", "gemini-3.5-flash", "10.65", "google-2026-10-07"],
  ["google", "gemini-3.5-flash-lite", "2.83", "google-2026-10-07"],
  // Row 30 (introductory rate): 0.75 + 0.075 + 3.75.
  ["google", "gemini-3.6-flash", "4.575", "google-2026-10-07"],
  ["google", "gemini-3.7-flash", "4.575", "google-2026-10-07"],
  ["google", "gemini-3.8-flash", "4.575", "google-2026-10-07"],
  // Row 31 (2026: the 2025 off-peak window has ended): 0.27 + 0.07 + 1.10; 0.55 + 0.14 + 2.19.
  ["deepseek", "deepseek-chat", "1.44", "deepseek-2026-08-17"],
  ["deepseek", "deepseek-reasoner", "2.88", "deepseek-2026-08-17"],
  // Rows 34–36: 3 + 0.75 + 15; 0.20 + 0.05 + 0.50; 1.25 + 0.20 + 2.50; 2 + 0.30|0.50 + 6.
  ["x-ai", "grok-4-0709", "18.75", "x-ai-2025-07-12"],
  ["x-ai", "grok-4", "18.75", "x-ai-2025-07-12"],
  ["x-ai", "grok-4-fast", "0.75", "x-ai-2026-01-19"],
  ["x-ai", "grok-4.20", "3.95", "x-ai-2026-06-09"],
  ["x-ai", "grok-4.3", "3.95", "x-ai-2026-05-12"],
  ["x-ai", "grok-4.5", "8.3", "x-ai-2026-07-08"],
  ["x-ai", "grok-4.6", "8.5", "x-ai-2026-08-07"],
  ["x-ai", "grok-4.7", "8.5", "x-ai-2026-09-21"],
  // Row 37: 0.50 + 0.05 + 1.50; 1.50 + 0.15 + 7.50; 0.15 + 0.015 + 0.60.
  ["mistral", "mistral-large-2512", "2.05", "mistral-2026-06-09"],
  ["mistral", "mistral-medium-3-5", "9.15", "mistral-2026-04-28"],
  ["mistral", "mistral-small-2603", "0.765", "mistral-2026-06-09"],
];

describe("headline offerings of Google, DeepSeek, xAI and Mistral in 2026", () => {
  it("price every row at 2026-11-15 as worked by hand from facts-2026 §2", async () => {
    const data = await estimate(
      ROWS.map(([provider, model]) => ({ provider, model })),
      "2026-11-15",
    );
    expect(data.map((e, i) => [ROWS[i]![1], e.monthlyCost, e.priceSheetId])).toEqual(
      ROWS.map(([, model, want, sheet]) => [model, want, sheet]),
    );
  });

  it("DeepSeek V4 Pro and Flash off-peak: the base rates outside the Beijing peak hours", async () => {
    const offPeak = { ...W, hourlyShareUtc: atHour(12) };
    // Row 32: 0.66 + 0.022 + 1.98. Row 33 (V4.1-Flash from 2026-09-10): 0.15 + 0.003 + 0.60.
    expect(await cost("deepseek", "deepseek-v4-pro", "2026-11-16", offPeak)).toBe("2.662");
    expect(await cost("deepseek", "deepseek-flash", "2026-11-16", offPeak)).toBe("0.753");
    // The legacy id resolves to the Flash line: V4-Flash's 0.22 + 0.007 + 0.66 before V4.1, 0.753 after.
    expect(await cost("deepseek", "deepseek-v4-flash", "2026-09-01", offPeak)).toBe("0.887");
    expect(await cost("deepseek", "deepseek-v4-flash", "2026-09-10", offPeak)).toBe("0.753");
    // Before the 2026-08-17 scheme V4 Pro was flat all day: 0.435 + 0.003625 + 0.87, peak hour or not.
    expect(await cost("deepseek", "deepseek-v4-pro", "2026-07-01", { ...W, hourlyShareUtc: atHour(2) })).toBe(
      "1.308625",
    );
  });

  it("DeepSeek V4 Pro over October 2026 (Golden Week) with an hourly profile, worked by hand", async () => {
    // Weights: 1 at 02 UTC (10:00 Beijing, peak), 1 at 08 UTC (16:00 Beijing, peak), 2 at 12 UTC
    // (20:00 Beijing, off-peak) → 1/4, 1/4, 1/2 of the traffic. October 2026 has 22 weekdays; Oct 1, 2,
    // 5, 6 and 7 are public holidays (chinese-days), so 17 days have peak hours: peak share =
    // (1/4 + 1/4) × 17/31 = 17/62, off-peak 45/62. The make-up working day Sat 10 Oct stays off-peak
    // (weekdays only; whether DeepSeek follows make-up days is UNCONFIRMED).
    // Off-peak cost (row 32): 8M uncached × 0.66 + 2M cached × 0.022 + 2M out × 1.98 = 9.284; peak = 2×.
    // Monthly = 9.284 × (45/62 + 2 × 17/62) = 9.284 × 79/62.
    const hourly = Array.from({ length: 24 }, (_, h) => (h === 2 || h === 8 ? "1" : h === 12 ? "2" : "0"));
    const workload = {
      inputTokensPerMonth: 10_000_000,
      outputTokensPerMonth: 2_000_000,
      cachedInputShare: "0.2",
      hourlyShareUtc: hourly,
    };
    const got = dec(await cost("deepseek", "deepseek-v4-pro", "2026-10-15", workload));
    const byHand = dec("9.284").times(79).div(62);
    expect(got.minus(byHand).abs().lt("1e-20"), `${got} vs ${byHand}`).toBe(true);
    // Ignoring the holidays (22 peak days) would give 9.284 × (1 + 22/62): the calendar matters.
    expect(got.minus(dec("9.284").times(84).div(62)).abs().gt("0.5")).toBe(true);
    // November has no holiday: 21 weekdays of 30 days → 9.284 × (1 + (1/2) × 21/30).
    const nov = dec(await cost("deepseek", "deepseek-v4-pro", "2026-11-15", workload));
    expect(
      nov
        .minus(dec("9.284").times(dec(1).plus(dec(21).div(60))))
        .abs()
        .lt("1e-20"),
    ).toBe(true);
  });

  it("DeepSeek's 2025 V3 ids: off-peak 16:30–00:30 UTC, standard otherwise", async () => {
    // Row 31 off-peak 0.135 + 0.035 + 0.55 at 20:00 UTC; standard 0.27 + 0.07 + 1.10 at 12:00 UTC.
    expect(await cost("deepseek", "deepseek-chat", "2025-08-01", { ...W, hourlyShareUtc: atHour(20) })).toBe(
      "0.72",
    );
    expect(await cost("deepseek", "deepseek-chat", "2025-08-01", { ...W, hourlyShareUtc: atHour(12) })).toBe(
      "1.44",
    );
    // deepseek-reasoner: off-peak 0.135 + 0.035 + 0.55 (a quarter, as published); in hour 00 UTC the
    // window ends at 00:30, so half the hour is off-peak: (0.72 + 2.88) / 2.
    expect(
      await cost("deepseek", "deepseek-reasoner", "2025-08-01", { ...W, hourlyShareUtc: atHour(20) }),
    ).toBe("0.72");
    expect(
      await cost("deepseek", "deepseek-reasoner", "2025-08-01", { ...W, hourlyShareUtc: atHour(0) }),
    ).toBe("1.8");
  });

  it("Gemini 3.8 Flash doubles on 2027-01-01, as announced", async () => {
    for (const model of ["gemini-3.8-flash", "gemini-3.6-flash", "gemini-3.7-flash"]) {
      expect(await cost("google", model, "2026-12-31")).toBe("4.575");
      const after = await estimate([{ provider: "google", model }], "2027-01-01");
      // 1.50 + 0.15 + 7.50.
      expect([after[0]!.monthlyCost, after[0]!.priceSheetId]).toEqual(["9.15", "google-2027-01-01"]);
    }
    // Priority 1.8x (3.8 Flash only where sourced): 4.575 × 1.8; Batch and Flex half price.
    expect(
      await cost("google", "gemini-3.8-flash", "2026-11-15", { ...W, serviceTierMix: { priority: "1" } }),
    ).toBe("8.235");
    expect(
      await cost("google", "gemini-2.5-flash", "2026-11-15", { ...W, serviceTierMix: { batch: "1" } }),
    ).toBe("1.415");
    expect(
      await cost("google", "gemini-2.5-flash", "2026-11-15", { ...W, serviceTierMix: { flex: "1" } }),
    ).toBe("1.415");
  });

  it("xAI's band includes a 200K prompt; Google's starts above it", async () => {
    const at = (tokens: number) => ({ ...W, inputTokensPerRequest: tokens });
    // grok-4.3: below 200K 1.25 + 0.20 + 2.50; at exactly 200,000 the band 2.5 + 0.4 + 5.
    expect(await cost("x-ai", "grok-4.3", "2026-11-15", at(199_999))).toBe("3.95");
    expect(await cost("x-ai", "grok-4.3", "2026-11-15", at(200_000))).toBe("7.9");
    // grok-4.6: 2× every rate from 200,000: (2 + 0.5 + 6) × 2.
    expect(await cost("x-ai", "grok-4.6", "2026-11-15", at(200_000))).toBe("17");
    // gemini-2.5-pro: 200,000 is still the base; 200,001 pays 2.50 + 0.25 + 15.
    expect(await cost("google", "gemini-2.5-pro", "2026-11-15", at(200_000))).toBe("11.375");
    expect(await cost("google", "gemini-2.5-pro", "2026-11-15", at(200_001))).toBe("17.75");
  });

  it("mistral-medium-latest moves from Medium 3/3.1 (0.40/2) to Medium 3.5 (1.50/7.50) on 2026-06-16", async () => {
    // Before: 0.40 + 0.40 (no cache-read rate sourced then: reads pay input) + 2; after: 9.15.
    const before = await estimate([{ provider: "mistral", model: "mistral-medium-latest" }], "2026-06-15");
    const after = await estimate([{ provider: "mistral", model: "mistral-medium-latest" }], "2026-06-16");
    expect([before[0]!.monthlyCost, before[0]!.priceSheetId]).toEqual(["2.8", "mistral-2025-05-14"]);
    expect([after[0]!.monthlyCost, after[0]!.priceSheetId]).toEqual(["9.15", "mistral-2026-04-28"]);
    // The pinned ids keep their own price: Medium 3.1 with its cache-read rate from 2026-08-24.
    expect(await cost("mistral", "mistral-medium-2508", "2026-11-15")).toBe("2.44");
  });
});
