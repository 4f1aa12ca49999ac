import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, dec, ONE } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { resolveWorkload, scaleWorkload, totalTokens, type WorkloadInput } from "./workload.js";

const tokens = { inputTokensPerMonth: dec(3000000), outputTokensPerMonth: dec(10) };

describe("resolveWorkload", () => {
  it("lists each default it fills in as an assumption, with its decimal string", () => {
    const { workload, assumptions } = resolveWorkload(tokens);
    expect(workload.cachedInputShare.isZero() && workload.batchShare.isZero()).toBe(true);
    expect(assumptions.map((a) => [a.field, a.value])).toEqual([
      ["/workload/cachedInputShare", "0"],
      ["/workload/cacheWriteShare", "0"],
      ["/workload/batchShare", "0"],
      ["/workload/serviceTierMix", "standard"],
      ["/workload/cacheWrite1hShare", "0"],
      ["/workload/reasoningOutputShare", "0"],
      ["/workload/requestsPerMonth", "null"],
      ["/workload/hourlyShareUtc", "flat"],
      ["/workload/peakToAverage", "1"],
      ["/workload/inputTokensPerRequest", "null"],
    ]);
  });

  it("takes batchShare as shorthand for serviceTierMix.batch; both given and different → 422 naming both", () => {
    const mix = { batch: dec("0.2"), priority: dec("0.1") };
    expect(
      resolveWorkload({ ...tokens, batchShare: dec("0.2") }).workload.serviceTierMix.batch.toString(),
    ).toBe("0.2");
    expect(
      resolveWorkload({
        ...tokens,
        batchShare: dec("0.2"),
        serviceTierMix: mix,
      }).workload.batchShare.toString(),
    ).toBe("0.2");
    const err = (() => {
      try {
        resolveWorkload({ ...tokens, batchShare: dec("0.3"), serviceTierMix: mix });
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(err?.pointer).toBe("/workload/batchShare");
    expect(err?.detail).toMatch(/serviceTierMix\/batch/);
  });

  it("refuses a tier mix above 1, request-size shares not summing to 1, and a bad hourly profile, at the field", () => {
    const pointerOf = (input: Parameters<typeof resolveWorkload>[0]) => {
      try {
        resolveWorkload(input);
      } catch (e) {
        return (e as DomainError).pointer;
      }
      return null;
    };
    expect(pointerOf({ ...tokens, serviceTierMix: { batch: dec("0.6"), priority: dec("0.5") } })).toBe(
      "/workload/serviceTierMix",
    );
    expect(
      pointerOf({ ...tokens, requestSizeMix: [{ share: dec("0.5"), inputTokensPerRequest: dec(1000) }] }),
    ).toBe("/workload/requestSizeMix");
    expect(pointerOf({ ...tokens, hourlyShareUtc: Array(24).fill(dec(0)) })).toBe("/workload/hourlyShareUtc");
    expect(pointerOf({ ...tokens, hourlyShareUtc: Array(23).fill(dec(1)) })).toBe("/workload/hourlyShareUtc");
  });

  it("counts requests from the request sizes, and scales requests and tool calls with the volume", () => {
    const { workload: w, assumptions } = resolveWorkload({
      ...tokens,
      requestSizeMix: [
        { share: dec("0.9"), inputTokensPerRequest: dec(2000) },
        { share: dec("0.1"), inputTokensPerRequest: dec(300000) },
      ],
      toolCallsPerMonth: { "web-search": dec(20000) },
    });
    // 0.9 × input ÷ 2000 + 0.1 × input ÷ 300000
    const expected = tokens.inputTokensPerMonth
      .times("0.9")
      .div(2000)
      .plus(tokens.inputTokensPerMonth.times("0.1").div(300000));
    expect(w.requestsPerMonth?.toString()).toBe(expected.toString());
    expect(assumptions.find((a) => a.field === "/workload/requestsPerMonth")?.value).toBe(
      expected.toString(),
    );
    const doubled = scaleWorkload(w, totalTokens(w).times(2));
    expect(doubled.requestsPerMonth?.toString()).toBe(expected.times(2).toString());
    expect(doubled.toolCallsPerMonth["web-search"]?.toString()).toBe("40000");
  });

  // The check skips the addition when one share is zero; it must still decide exactly as
  // `cached.plus(write).gt(1)` does, where the sum is rounded to the configuration's 40 digits.
  it("rejects cache reads + writes above 1 exactly as the rounded sum decides", () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{1,${max}}$`));
    const share = fc.oneof(
      fc.constantFrom(
        "0",
        "1",
        "0.5",
        "0.75",
        "2",
        "-0.5",
        "1.0000000000000000000000000000000000000001",
        "1.00000000000000000000000000000000000000005",
        "0.99999999999999999999999999999999999999999999",
      ),
      fc.tuple(fc.constantFrom("", "-"), digits(1), digits(45)).map(([sign, a, b]) => `${sign}${a}.${b}`),
    );
    fc.assert(
      fc.property(fc.option(share), fc.option(share), (cached, write) => {
        const input: WorkloadInput = { ...tokens };
        if (cached != null) input.cachedInputShare = new Decimal(cached);
        if (write != null) input.cacheWriteShare = new Decimal(write);
        const sum = dec(cached ?? 0).plus(dec(write ?? 0));
        if (sum.gt(ONE)) {
          expect(() => resolveWorkload(input)).toThrow(DomainError);
        } else {
          expect(() => resolveWorkload(input)).not.toThrow();
        }
      }),
      { numRuns: 2000 },
    );
  });
});
