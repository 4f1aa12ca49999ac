import { describe, expect, it } from "vitest";
import {
  acmeOffering as offering,
  breakEvenPair as pair,
  breakEvenTerms as terms,
  breakEvenWorkload as workload,
} from "../../../tests/support/domain-fixtures.js";
import type { SelfHostedCostTerms } from "../self-hosting/self-hosted.js";
import { type Decimal, dec, ONE } from "../shared/decimal.js";
import { type BreakEvenInput, breakEven } from "./break-even.js";
import { apiCostAtVolume, selfHostedCostAtVolume } from "./volume-cost.js";

/** The crossing conditions, checked with the cost functions the estimates use. */
function expectCrossing(input: BreakEvenInput, v: Decimal) {
  const self = (x: Decimal) => selfHostedCostAtVolume(input.selfHosted.terms, input.workload, x).monthlyCost;
  const api = (x: Decimal) => apiCostAtVolume(input.api.offering, input.workload, x);
  expect(v.isInteger()).toBe(true);
  expect(self(v).lt(api(v))).toBe(true);
  if (v.gt(0)) expect(self(v.minus(ONE)).gte(api(v.minus(ONE)))).toBe(true);
}

describe("breakEven — purchase, worked by hand", () => {
  // API at 3:1 input:output with $2.50/$10 per 1M: 0.75 × 2.5 + 0.25 × 10 = $4.375 per 1M tokens.
  const gpt = offering({ inputPerMillion: dec("2.5"), outputPerMillion: dec(10) });

  it("one replica: $1,309.50 / $4.375 per 1M = 299,314,285.7 → 299,314,286 tokens a month", () => {
    const input = pair(terms(), gpt);
    const r = breakEven(input);
    expect(r.monthlyTokens?.toString()).toBe("299314286");
    expect(r.replicas).toBe(1);
    expect(r.noBreakEven).toBeNull();
    expect(r.apiCostPerMillionTokens.toString()).toBe("4.375");
    expect(r.replicaMonthlyCost.toDecimalPlaces(6).toString()).toBe("1309.5");
    expect(r.fixedMonthlyCost.toString()).toBe("0");
    expect(r.tokensPerReplicaMonth?.toString()).toBe("1314000000");
    // a·K − m = 5,748.75 − 1,309.50 > 0 and no fixed cost: a second replica is always paid for.
    expect(r.staysCheaper).toBe(true);
    expect(r.cheaperAtAllVolumesFrom?.toString()).toBe("299314286");
    // $1,309.50 / 1.314B tokens = $0.9966 per 1M at full use.
    expect(r.selfHostedCostPerMillionTokensAtFullUse?.toDecimalPlaces(4).toString()).toBe("0.9966");
    // One replica breaks even at 1,309.5 / (4.375e-6 × 2.628e9) = 11.39 % busy.
    expect(r.breakEvenUtilization?.toDecimalPlaces(4).toString()).toBe("0.1139");
    expectCrossing(input, r.monthlyTokens as Decimal);
  });

  it("needs a second replica: output-counted throughput, peak 2×, one FTE of operations", () => {
    // Output is 25 % of the volume and peaks double it: one replica's 1.314B output tokens carry
    // 1.314B / (0.25 × 2) = 2.628B tokens a month. F = $20,000, m = $1,309.50.
    // Step 1 (≤ 2.628B): 21,309.5 / 4.375e-6 = 4.87B > 2.628B, no crossing.
    // Step 2 (2.628B … 5.256B): 22,619 / 4.375e-6 = 5,170,057,142.9 → 5,170,057,143.
    // Step 3 starts at 5,256,000,001 where the API costs $22,995.00 < $23,928.50: self-hosting loses
    // again until 23,928.5 / 4.375e-6 = 5,469,371,428.6 → 5,469,371,429, and from step 4 on
    // (a·lo = $34,492.50 > $25,238) it never loses again.
    const input = pair(
      terms({ counts: "output", operations: { fte: dec(1), costPerFteMonth: dec(20000) } }),
      gpt,
      workload({ peakToAverage: dec(2) }),
    );
    const r = breakEven(input);
    expect(r.monthlyTokens?.toString()).toBe("5170057143");
    expect(r.replicas).toBe(2);
    expect(r.fixedMonthlyCost.toString()).toBe("20000");
    expect(r.tokensPerReplicaMonth?.toString()).toBe("2628000000");
    expect(r.staysCheaper).toBe(false);
    expect(r.cheaperAtAllVolumesFrom?.toString()).toBe("5469371429");
    expectCrossing(input, r.monthlyTokens as Decimal);
    expectCrossing(input, r.cheaperAtAllVolumesFrom as Decimal);
    const self = (x: Decimal) => selfHostedCostAtVolume(input.selfHosted.terms, input.workload, x);
    expect(self(dec(5_256_000_001)).replicas).toBe(3);
    expect(
      self(dec(5_256_000_001)).monthlyCost.gt(apiCostAtVolume(gpt, input.workload, dec(5_256_000_001))),
    ).toBe(true);
  });

  it("never: $0.9966 per 1M at full use against an API at $0.75 per 1M", () => {
    // 0.75 × 0.5 + 0.25 × 1.5 = $0.75 per 1M; a·K = $985.50 < m = $1,309.50.
    const cheapApi = offering({ inputPerMillion: dec("0.5"), outputPerMillion: dec("1.5") });
    const r = breakEven(pair(terms(), cheapApi));
    expect(r.monthlyTokens).toBeNull();
    expect(r.staysCheaper).toBeNull();
    expect(r.noBreakEven).toMatchObject({ kind: "costlier-at-full-use", load: { countedShare: null } });
    expect(r.selfHostedCostPerMillionTokensAtFullUse?.toDecimalPlaces(4).toString()).toBe("0.9966");
    expect(r.apiCostPerMillionTokens.toString()).toBe("0.75");
    // One replica would need 1,309.5 / (0.75e-6 × 2.628e9) = 66.4 % busy — above the 50 % ceiling.
    expect(r.breakEvenUtilization?.toDecimalPlaces(4).toString()).toBe("0.6644");
    expect(r.breakEvenUtilizationCase).toBe("above-ceiling");
    expect(r.utilizationCeiling?.toString()).toBe("0.5");
  });

  it("never, when the API is free", () => {
    const r = breakEven(pair(terms(), offering({ inputPerMillion: dec(0), outputPerMillion: dec(0) })));
    expect(r.monthlyTokens).toBeNull();
    expect(r.noBreakEven).toEqual({ kind: "api-free" });
    expect(r.breakEvenUtilizationCase).toBe("api-free");
    expect(r.breakEvenUtilization).toBeNull();
  });

  it("a workload without tokens has no mix and no break-even", () => {
    const r = breakEven(
      pair(terms(), gpt, workload({ inputTokensPerMonth: dec(0), outputTokensPerMonth: dec(0) })),
    );
    expect(r.monthlyTokens).toBeNull();
    expect(r.noBreakEven).toEqual({ kind: "no-tokens" });
  });
});

describe("breakEven — rental, worked by hand", () => {
  // 2 GPUs × $2/h × 730 h = $2,920 a month exactly; no energy line, no facilities, no staff.
  // API $1/$3 per 1M at a 1:1 mix = $2 per 1M. 1,000 tok/s × 2,628,000 × 0.9 = 2.3652B per replica.
  const rented = terms({
    acquisition: { mode: "rent", pricePerAcceleratorHour: dec(2) },
    acceleratorsPerReplica: 2,
    power: null,
    facilitiesPerReplicaMonth: dec(0),
    maxUtilization: dec("0.9"),
  });
  const api = offering({ inputPerMillion: dec(1), outputPerMillion: dec(3) });
  const w = workload({ inputTokensPerMonth: dec(500_000_000), outputTokensPerMonth: dec(500_000_000) });

  it("$2,920 / $2 per 1M = 1.46B exactly — equal there, so cheaper from 1,460,000,001", () => {
    const input = pair(rented, api, w);
    const r = breakEven(input);
    expect(r.monthlyTokens?.toString()).toBe("1460000001");
    expect(selfHostedCostAtVolume(rented, w, dec(1_460_000_000)).monthlyCost.toString()).toBe("2920");
    expect(apiCostAtVolume(api, w, dec(1_460_000_000)).toString()).toBe("2920");
    expectCrossing(input, r.monthlyTokens as Decimal);
    // Step 2 starts at 2,365,200,001 (API $4,730.40 < $5,840): a loss until 5,840 / 2e-6 + 1.
    expect(r.staysCheaper).toBe(false);
    expect(r.cheaperAtAllVolumesFrom?.toString()).toBe("2920000001");
    // One replica breaks even at 2,920 / (2e-6 × 2.628e9) = 55.56 % busy, under the 90 % ceiling.
    expect(r.breakEvenUtilization?.toDecimalPlaces(4).toString()).toBe("0.5556");
    expect(r.breakEvenUtilizationCase).toBe("within-ceiling");
  });

  it("a rented GPU that is dearer per token than the API never wins, with both figures", () => {
    const slow = { ...rented, tokensPerSecond: dec(200) };
    const r = breakEven(pair(slow, api, w));
    // 200 × 2,628,000 × 0.9 = 473.04M tokens a replica: $2,920 / 473.04M = $6.173 per 1M.
    expect(r.monthlyTokens).toBeNull();
    expect(r.noBreakEven?.kind).toBe("costlier-at-full-use");
    expect(r.selfHostedCostPerMillionTokensAtFullUse?.toSignificantDigits(4).toString()).toBe("6.173");
    expect(r.breakEvenUtilization?.gt(1)).toBe(true);
    expect(r.breakEvenUtilizationCase).toBe("above-full-use");
  });

  it("a replica with unbounded capacity (output-counted, no output) is one step", () => {
    const input = pair(
      { ...rented, counts: "output" },
      api,
      workload({ inputTokensPerMonth: dec(1_000_000), outputTokensPerMonth: dec(0) }),
    );
    const r = breakEven(input);
    // All input at $1 per 1M: 2,920 / 1e-6 = 2.92B exactly → 2,920,000,001.
    expect(r.monthlyTokens?.toString()).toBe("2920000001");
    expect(r.tokensPerReplicaMonth).toBeNull();
    expect(r.staysCheaper).toBe(true);
    expect(r.breakEvenUtilization).toBeNull();
  });
});

// --- Property: the returned volume is the first crossing, checked with the same cost functions. ---

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("breakEven — property: exact first crossing for random workloads and deployments", () => {
  const random = mulberry32(20241101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const between = (lo: number, hi: number, digits = 4) => dec((lo + random() * (hi - lo)).toFixed(digits));
  const logBetween = (lo: number, hi: number) =>
    dec(Math.round(10 ** (Math.log10(lo) + random() * Math.log10(hi / lo))));

  function randomCase(): BreakEvenInput {
    const rent = random() < 0.4;
    const t: SelfHostedCostTerms = {
      acquisition: rent
        ? { mode: "rent", pricePerAcceleratorHour: between(0.3, 6) }
        : {
            mode: "purchase",
            pricePerAccelerator: between(1500, 45000, 2),
            overheadPerReplica: between(0, 20000, 2),
            lifetimeYears: pick([dec(3), dec(4), dec("3.5"), dec(5)]),
            residualValueShare: pick([dec(0), dec("0.2")]),
            costOfCapital: pick([dec(0), dec("0.08")]),
            maintenanceShare: pick([dec(0), dec("0.05")]),
          },
      acceleratorsPerReplica: pick([1, 2, 4, 8]),
      power:
        rent && random() < 0.7
          ? null
          : {
              wattsPerReplica: between(300, 10200, 0),
              loadFactor: between(0.5, 1, 2),
              pue: between(1, 1.6, 2),
              pricePerKwh: between(0.05, 0.25),
            },
      facilitiesPerReplicaMonth: pick([dec(0), dec(200), between(0, 1000, 2)]),
      operations: { fte: pick([dec(0), dec("0.25"), dec(1)]), costPerFteMonth: pick([dec(0), dec(18000)]) },
      tokensPerSecond: dec((10 ** (0.7 + random() * 3.8)).toFixed(3)),
      counts: pick(["output", "total"] as const),
      maxUtilization: between(0.3, 1, 2),
    };
    const w = workload({
      inputTokensPerMonth: logBetween(1e6, 1e10),
      outputTokensPerMonth: random() < 0.1 ? dec(0) : logBetween(1e5, 5e9),
      cachedInputShare: pick([dec(0), dec("0.3")]),
      cacheWriteShare: pick([dec(0), dec("0.05")]),
      batchShare: pick([dec(0), dec("0.5")]),
      peakToAverage: pick([dec(1), dec("1.5"), dec(2), dec(3)]),
    });
    const o = offering({
      inputPerMillion: between(0.05, 15),
      outputPerMillion: between(0.1, 60),
      cachedInputPerMillion: random() < 0.5 ? between(0.01, 1) : null,
      batchDiscount: random() < 0.5 ? dec("0.5") : null,
    });
    return pair(t, o, w);
  }

  /** Largest volume whose sizing needs at most n replicas, by bisection on the sizing itself. */
  function stepEnd(input: BreakEvenInput, n: number): Decimal {
    const replicas = (v: Decimal) =>
      selfHostedCostAtVolume(input.selfHosted.terms, input.workload, v).replicas;
    let lo = dec(0);
    let hi = dec(1);
    while (replicas(hi) <= n) hi = hi.times(2);
    while (hi.minus(lo).gt(ONE)) {
      const mid = lo.plus(hi).div(2).floor();
      if (replicas(mid) <= n) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  it("satisfies the crossing conditions, and no earlier step crosses", () => {
    let found = 0;
    let never = 0;
    for (let i = 0; i < 120; i++) {
      const input = randomCase();
      const r = breakEven(input);
      const self = (x: Decimal) =>
        selfHostedCostAtVolume(input.selfHosted.terms, input.workload, x).monthlyCost;
      const api = (x: Decimal) => apiCostAtVolume(input.api.offering, input.workload, x);
      if (r.monthlyTokens == null) {
        never++;
        // Never: the first steps (at their last, dearest-for-the-API volume) do not cross either.
        if (r.tokensPerReplicaMonth) {
          for (let n = 1; n <= 3; n++) {
            const end = stepEnd(input, n);
            expect(self(end).gte(api(end))).toBe(true);
          }
        }
        continue;
      }
      found++;
      const v = r.monthlyTokens;
      expectCrossing(input, v);
      const n = r.replicas as number;
      // Every earlier step loses at its end, where the API is dearest within it: no earlier crossing.
      if (n <= 40) {
        for (let k = 1; k < n; k++) {
          const end = stepEnd(input, k);
          expect(self(end).gte(api(end)), `case ${i}, step ${k}`).toBe(true);
        }
      }
      // Stays cheaper: the next steps are won from their first volume on.
      if (r.staysCheaper && r.tokensPerReplicaMonth) {
        for (let k = n; k < n + 5; k++) {
          const start = stepEnd(input, k).plus(ONE);
          expect(self(start).lt(api(start)), `case ${i}, step ${k + 1}`).toBe(true);
        }
      } else if (r.staysCheaper === false) {
        const from = r.cheaperAtAllVolumesFrom as Decimal;
        expectCrossing(input, from);
        expect(from.gt(v)).toBe(true);
      }
    }
    expect(found).toBeGreaterThan(30);
    expect(never).toBeGreaterThan(3);
  });
});
