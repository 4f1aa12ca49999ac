import { describe, expect, it } from "vitest";
import {
  acmeOffering as offering,
  breakEvenPair as pair,
  breakEvenTerms as terms,
  breakEvenWorkload as workload,
} from "../../tests/support/domain-fixtures.js";
import { breakEven } from "../domain/comparison/break-even.js";
import { dec } from "../domain/shared/decimal.js";
import { breakEvenReason, breakEvenSummary, breakEvenUtilizationNote } from "./break-even-text.js";
import { formatTokens, formatUsd, formatUsdRate } from "./format.js";

// The pairs worked by hand in api/domain/comparison/break-even.test.ts, in words.
const gpt = offering({ inputPerMillion: dec("2.5"), outputPerMillion: dec(10) });

describe("break-even in words", () => {
  it("a crossing: the volume, the replicas and their cost, and that it stays cheaper", () => {
    const b = breakEven(pair(terms(), gpt));
    expect(breakEvenReason(b)).toBeNull();
    expect(breakEvenSummary(b)).toBe(
      "own-gpus is cheaper than acme/acme-large from 299M tokens/month, where 1 replica at $1,309.50 a month first undercuts the API, and stays cheaper at every larger volume.",
    );
    expect(breakEvenUtilizationNote(b)).toBe(
      "11.4 %: one replica busy this share of the time on average costs the same as acme/acme-large for the same tokens; busier, it is cheaper.",
    );
  });

  it("a crossing that loses again at later replica steps says from where it wins for good", () => {
    const b = breakEven(
      pair(
        terms({ counts: "output", operations: { fte: dec(1), costPerFteMonth: dec(20000) } }),
        gpt,
        workload({ peakToAverage: dec(2) }),
      ),
    );
    expect(breakEvenSummary(b)).toContain("2 replicas at $22,619.00 a month first undercut the API");
    expect(breakEvenSummary(b)).toContain(
      "but loses again at the start of some later replica steps; it is cheaper at every volume from 5.47B tokens/month.",
    );
  });

  it("never: both $/1M figures, the replica's cost and load, and the planning ceiling", () => {
    const cheapApi = offering({ inputPerMillion: dec("0.5"), outputPerMillion: dec("1.5") });
    const b = breakEven(pair(terms(), cheapApi));
    const reason = breakEvenReason(b);
    expect(reason).toBe(
      "own-gpus never becomes cheaper than acme/acme-large: at full use a replica costs at least as much per token as the API. " +
        "Each replica costs $1,309.50/month and carries at most 1.31B tokens/month at this workload's mix " +
        "(maxUtilization 0.5, peak-to-average 1), i.e. $0.9966 per 1M tokens at full use, against acme/acme-large's $0.75 per 1M tokens.",
    );
    expect(breakEvenSummary(b)).toBe(reason);
    expect(breakEvenUtilizationNote(b)).toBe(
      "66.4 %: above the planning ceiling maxUtilization / peak-to-average = 50 %, so one replica sized for this workload's peaks does not get there.",
    );
  });

  it("a free API and a workload without tokens", () => {
    const free = breakEven(pair(terms(), offering({ inputPerMillion: dec(0), outputPerMillion: dec(0) })));
    expect(breakEvenReason(free)).toBe(
      "acme/acme-large charges nothing at this workload's mix, so self-hosting can never be cheaper.",
    );
    expect(breakEvenUtilizationNote(free)).toBe("The API is free at this mix: no utilisation breaks even.");
    const empty = breakEven(
      pair(terms(), gpt, workload({ inputTokensPerMonth: dec(0), outputTokensPerMonth: dec(0) })),
    );
    expect(breakEvenReason(empty)).toContain("The workload has no tokens");
    expect(breakEvenUtilizationNote(empty)).toBe("No mix to price: the workload has no tokens.");
  });
});

describe("formatting for people", () => {
  it("money, rates and token counts", () => {
    expect(formatUsd(dec("1234.567"))).toBe("$1,234.57");
    expect(formatUsd(dec("0.0432123"))).toBe("$0.04321");
    expect(formatUsdRate(dec(2))).toBe("$2.00");
    expect(formatUsdRate(dec("6.17283"))).toBe("$6.173");
    expect(formatTokens(dec("1500000000"))).toBe("1.5B");
    expect(formatTokens(dec(730_000_000))).toBe("730M");
    expect(formatTokens(dec(12_345))).toBe("12.3k");
    expect(formatTokens(dec(999))).toBe("999");
  });
});
