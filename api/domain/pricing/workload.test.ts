import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, dec, ONE } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { resolveWorkload, type WorkloadInput } from "./workload.js";

const tokens = { inputTokensPerMonth: dec(1000), outputTokensPerMonth: dec(10) };

describe("resolveWorkload", () => {
  it("lists each default it fills in as an assumption, with its decimal string", () => {
    const { workload, assumptions } = resolveWorkload(tokens);
    expect(workload.cachedInputShare.isZero() && workload.batchShare.isZero()).toBe(true);
    expect(assumptions.map((a) => [a.field, a.value])).toEqual([
      ["/workload/cachedInputShare", "0"],
      ["/workload/cacheWriteShare", "0"],
      ["/workload/batchShare", "0"],
      ["/workload/peakToAverage", "1"],
      ["/workload/inputTokensPerRequest", "null"],
    ]);
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
