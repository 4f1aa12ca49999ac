import { beforeAll, describe, expect, it } from "vitest";
import {
  comparisonInput as input,
  loadTestHardware,
  standardOptions,
} from "../../../tests/support/domain-fixtures.js";
import { type Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { compareOptions } from "./comparison.js";
import { logSpacedVolumes, MAX_SWEEP_POINTS, sweep } from "./sweep.js";

beforeAll(async () => {
  await loadTestHardware();
});

describe("sweep", () => {
  it("defaults to 1 % … 100 × the workload's volume, log-spaced whole volumes", () => {
    const c = compareOptions(input(standardOptions));
    const s = sweep(c, { points: 50 });
    expect(s.from.toString()).toBe("25000000");
    expect(s.to.toString()).toBe("250000000000");
    expect(s.volumes).toHaveLength(50);
    expect(s.volumes[0]?.toString()).toBe("25000000");
    expect(s.volumes[49]?.toString()).toBe("250000000000");
    for (let i = 1; i < s.volumes.length; i++) {
      expect(s.volumes[i]?.isInteger()).toBe(true);
      expect((s.volumes[i] as Decimal).gt(s.volumes[i - 1] as Decimal)).toBe(true);
    }
    // Four decades in 49 steps: every step multiplies by 10^(4/49).
    expect(s.volumes[1]?.toString()).toBe("30169816");
    expect(s.assumptions.map((a) => a.field)).toEqual(["/sweep/from", "/sweep/to"]);
    expect(s.series.map((x) => x.name)).toEqual(c.options.map((o) => o.name));
    expect(s.currency).toBe("USD");
  });

  it("every curve is non-decreasing in volume: API, self-hosted, hybrid", () => {
    const c = compareOptions(input(standardOptions));
    const s = sweep(c, { points: 400, from: dec(1_000_000), to: dec("1e12") });
    const kinds = new Set(s.series.map((x) => x.kind));
    expect(kinds).toEqual(new Set(["api", "self-hosted", "hybrid"]));
    for (const series of s.series) {
      expect(series.costs).toHaveLength(s.volumes.length);
      for (let i = 1; i < series.costs.length; i++) {
        expect(
          (series.costs[i] as Decimal).gte(series.costs[i - 1] as Decimal),
          `${series.name} at ${i}`,
        ).toBe(true);
      }
    }
  });

  it("API fees are linear and self-hosting steps with whole replicas", () => {
    const c = compareOptions(input(standardOptions));
    const s = sweep(c, { points: 3, from: dec(1_000_000), to: dec(100_000_000_000) });
    expect(s.volumes.map(String)).toEqual(["1000000", "316227766", "100000000000"]);
    const gpt = s.series.find((x) => x.name === "openai/gpt-4o");
    // $4 per 1M tokens at the 4:1 mix.
    expect(gpt?.costs.map(String)).toEqual(["4", "1264.911064", "400000"]);
    const bought = s.series.find((x) => x.name === "8×H100 bought");
    // 64.45B output tokens a replica = 322.26B total at 20 % output: one replica up to there.
    expect(bought?.costs[0]?.eq(bought.costs[2] as Decimal)).toBe(true);
    expect(bought?.costs[0]?.toDecimalPlaces(2).toString()).toBe("9592.98");
  });

  it("drops volumes that round to the same whole token", () => {
    expect(logSpacedVolumes(dec(1), dec(10), 50).map(String)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
  });

  it("places volumes below 2^52 in floats exactly as Decimal comparisons would, and above it in Decimals", () => {
    // The Decimal placement, as every range used to be placed.
    const byDecimals = (from: Decimal, to: Decimal, points: number): string[] => {
      const lnFrom = Math.log(from.toNumber());
      const lnStep = (Math.log(to.toNumber()) - lnFrom) / (points - 1);
      const out = [from];
      let last = from;
      for (let i = 1; i < points - 1; i++) {
        const v = dec(Math.round(Math.exp(lnFrom + i * lnStep)));
        if (v.gt(last) && v.lt(to)) {
          out.push(v);
          last = v;
        }
      }
      out.push(to);
      return out.map(String);
    };
    const ranges: [string, string, number][] = [
      ["1", "10", 50],
      ["1", "1000", 1000],
      ["25000000", "250000000000", 50],
      ["4503599627370000", "4503599627370495", 1000], // just below 2^52: many repeats, all dropped
      ["1", "4503599627370497", 200], // just above 2^52: the Decimal branch
      ["1000000", "1000000000000000000", 50],
    ];
    for (const [from, to, points] of ranges) {
      expect(logSpacedVolumes(dec(from), dec(to), points).map(String)).toEqual(
        byDecimals(dec(from), dec(to), points),
      );
    }
  });

  it("refuses bad ranges with pointers", () => {
    const c = compareOptions(input(standardOptions));
    const pointer = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof DomainError ? e.pointer : "not a DomainError";
      }
      return null;
    };
    expect(pointer(() => sweep(c, { points: MAX_SWEEP_POINTS + 1 }))).toBe("/sweep/points");
    expect(pointer(() => sweep(c, { points: 1 }))).toBe("/sweep/points");
    expect(pointer(() => sweep(c, { points: 10, from: dec("1.5") }))).toBe("/sweep/from");
    expect(pointer(() => sweep(c, { points: 10, from: dec(100), to: dec(100) }))).toBe("/sweep/to");
    const empty = {
      ...c,
      workload: { ...c.workload, inputTokensPerMonth: dec(0), outputTokensPerMonth: dec(0) },
    };
    expect(pointer(() => sweep(empty, { points: 10 }))).toBe("/sweep/from");
  });

  it("sweeps 1000 points of five options quickly", () => {
    const c = compareOptions(input(standardOptions));
    const t0 = performance.now();
    const s = sweep(c, { points: 1000 });
    expect(s.volumes).toHaveLength(1000);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
