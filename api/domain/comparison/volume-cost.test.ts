import { describe, expect, it } from "vitest";
import {
  acmeOffering,
  breakEvenTerms,
  breakEvenWorkload,
  tokenWorkload,
} from "../../../tests/support/domain-fixtures.js";
import { type Decimal, dec } from "../shared/decimal.js";
import {
  apiCostCurve,
  apiCostOfScaledWorkload,
  replicaCurve,
  selfHostedCostCurve,
  selfHostedCostOfScaledWorkload,
} from "./volume-cost.js";

const volumes = (...vs: (number | string)[]): Decimal[] => vs.map((v) => dec(v));

describe("replicaCurve — whole replicas at the step boundaries", () => {
  it("total-counted: 1.314B tokens a replica, the next token needs the second", () => {
    const at = replicaCurve(breakEvenTerms(), breakEvenWorkload());
    expect(volumes(0, 1, "1314000000", "1314000001", "2628000000", "2628000001").map(at)).toEqual([
      1, 1, 1, 2, 2, 3,
    ]);
  });

  it("output-counted with peak 2: 1.314B output tokens = 2.628B at a 25 % output mix, halved by the peak", () => {
    const terms = breakEvenTerms({ counts: "output" });
    const w = breakEvenWorkload({ peakToAverage: dec(2) });
    const at = replicaCurve(terms, w);
    // Step n ends at n × 1.314B / (0.25 × 2) = n × 2.628B.
    expect(volumes("2628000000", "2628000001", "5256000000", "5256000001").map(at)).toEqual([1, 2, 2, 3]);
    for (const v of volumes("2628000000", "2628000001", "5256000001", "123456789012")) {
      expect(at(v)).toBe(selfHostedCostOfScaledWorkload(terms, w, v).replicas);
    }
  });

  it("a mix that does not divide (1:2) still sizes as the full estimate does", () => {
    const terms = breakEvenTerms({ counts: "output" });
    const w = tokenWorkload(1, 2);
    const at = replicaCurve(terms, w);
    // Output is 2/3 of the volume: one replica (1.314B output tokens) carries 1.971B tokens.
    expect(volumes("1971000000", "1971000001").map(at)).toEqual([1, 2]);
  });
});

describe("apiCostCurve / selfHostedCostCurve", () => {
  const offering = acmeOffering({ inputPerMillion: dec("2.5"), outputPerMillion: dec(10) });

  it("API fees are linear: $4.375 per 1M at 3:1, the same as a full estimate at each volume", () => {
    const curve = apiCostCurve(offering, breakEvenWorkload());
    for (const v of volumes(0, 1, 7, "1000000", "299314286", "1000000000000")) {
      expect(curve(v).toString()).toBe(apiCostOfScaledWorkload(offering, breakEvenWorkload(), v).toString());
    }
    expect(curve(dec(1_000_000)).toString()).toBe("4.375");
  });

  it("passes through the estimate at the workload's own volume even when the slope is rounded", () => {
    const w = tokenWorkload(1, 2);
    const curve = apiCostCurve(offering, w);
    expect(curve(dec(3)).toString()).toBe(apiCostOfScaledWorkload(offering, w, dec(3)).toString());
  });

  it("self-hosted cost steps with the replicas: $1,309.50 a replica-month", () => {
    const curve = selfHostedCostCurve(breakEvenTerms(), breakEvenWorkload());
    const one = curve(dec("1314000000"));
    const two = curve(dec("1314000001"));
    expect([one.replicas, two.replicas]).toEqual([1, 2]);
    expect(two.monthlyCost.minus(one.monthlyCost).toDecimalPlaces(6).toString()).toBe("1309.5");
    expect(
      two.monthlyCost.eq(
        selfHostedCostOfScaledWorkload(breakEvenTerms(), breakEvenWorkload(), dec("1314000001")).monthlyCost,
      ),
    ).toBe(true);
  });

  it("refuses a workload without tokens, as scaling does", () => {
    expect(() => apiCostCurve(offering, tokenWorkload(0, 0))).toThrow(/no tokens/);
    expect(() => replicaCurve(breakEvenTerms(), tokenWorkload(0, 0))).toThrow(/no tokens/);
  });
});
