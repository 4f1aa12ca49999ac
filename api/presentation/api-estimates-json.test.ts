import { beforeAll, describe, expect, it } from "vitest";
import { loadFileCatalog } from "../../bench/engine.js";
import { estimateApiFees } from "../domain/pricing/api-fees.js";
import type { PriceCatalog } from "../domain/pricing/price-catalog.js";
import { resolveWorkload } from "../domain/pricing/workload.js";
import { type Decimal, dec } from "../domain/shared/decimal.js";
import { DomainError } from "../domain/shared/errors.js";
import { apiEstimatesJson } from "./api-estimates-json.js";
import { presentApiEstimate } from "./present.js";

let catalog: PriceCatalog;
beforeAll(async () => {
  catalog = await loadFileCatalog();
}, 60_000);

/** What the route used to send, and what the writer must equal byte for byte. */
const presented = (at: string, estimates: ReturnType<typeof estimateApiFees>[]) =>
  JSON.stringify({ at, data: estimates.map(presentApiEstimate) });

/** Every offering in force at `at` priced for `workload`; offerings that refuse it (422) are skipped. */
function estimatesAt(at: string, workload: Parameters<typeof resolveWorkload>[0]) {
  const { workload: resolved, assumptions } = resolveWorkload(workload);
  const out: ReturnType<typeof estimateApiFees>[] = [];
  for (const provider of catalog.providers.keys()) {
    for (const { price } of catalog.pricesInForce(provider, at)) {
      try {
        const estimate = estimateApiFees(
          resolved,
          catalog.resolveOffering(provider, price.modelId, at, "/offerings/0"),
          price.modelId,
        );
        estimate.assumptions.unshift(...assumptions);
        out.push(estimate);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
  }
  return out;
}

const d = (v: string | number): Decimal => dec(v);

describe("apiEstimatesJson", () => {
  it("writes the presenter's bytes for every offering in force in 2024 and 2026, plain and v2 workloads", () => {
    const plain = {
      inputTokensPerMonth: d(2_000_000_000),
      outputTokensPerMonth: d(500_000_000),
      cachedInputShare: d("0.25"),
      cacheWriteShare: d("0.05"),
      batchShare: d("0.2"),
      inputTokensPerRequest: d(1500),
    };
    const v2 = {
      inputTokensPerMonth: d(123_456_789),
      outputTokensPerMonth: d(98_765),
      cachedInputShare: d("0.3"),
      reasoningOutputShare: d("0.4"),
      requestSizeMix: [
        { share: d("0.9"), inputTokensPerRequest: d(2000) },
        { share: d("0.1"), inputTokensPerRequest: d(300_000) },
      ],
      hourlyShareUtc: Array.from({ length: 24 }, (_, h) => d(h < 8 ? 2 : 1)),
    };
    let compared = 0;
    for (const [at, workload] of [
      ["2024-11-01", plain],
      ["2026-11-30", plain],
      ["2026-10-15", v2],
    ] as const) {
      const estimates = estimatesAt(at, workload);
      expect(estimates.length).toBeGreaterThan(at < "2025" ? 10 : 1000);
      expect(apiEstimatesJson(at, estimates)).toBe(presented(at, estimates));
      // One at a time too: each estimate's own body.
      for (const e of estimates.slice(0, 200)) expect(apiEstimatesJson(at, [e])).toBe(presented(at, [e]));
      compared += estimates.length;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it("escapes what JSON escapes: quotes, backslashes, control characters, non-ASCII, a region and empty lists", () => {
    const [estimate] = estimatesAt("2024-11-01", {
      inputTokensPerMonth: d(1000),
      outputTokensPerMonth: d(0),
    });
    const odd = {
      ...(estimate as ReturnType<typeof estimateApiFees>),
      requestedModel: 'gpt "4o" \\ \n\t\u0001 ≥ 5 × 2 — 模型',
      region: "us",
      costPerMillionTokens: null,
      tierAboveInputTokens: 128_000,
      lineItems: [],
      assumptions: [{ field: "/workload/x", value: "null", source: "\u2028 line separator" }],
      warnings: ['a "quoted" warning', "\ud83d\ude00 emoji"],
    };
    expect(apiEstimatesJson("2024-11-01", [odd])).toBe(presented("2024-11-01", [odd]));
    expect(apiEstimatesJson("2024-11-01", [])).toBe(presented("2024-11-01", []));
  });
});
