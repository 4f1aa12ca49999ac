import { describe, expect, it } from "vitest";
import {
  acmeOffering,
  hybridTerms as terms,
  hybridWorkload as workload,
} from "../../../tests/support/domain-fixtures.js";
import type { SelfHostedCostTerms } from "../self-hosting/self-hosted.js";
import { type Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { type HybridPlan, hybridMonthlyCost, priceHybrid } from "./hybrid.js";

const plan = (replicas: number | "optimal", t: SelfHostedCostTerms = terms): HybridPlan => ({
  name: "two-tier",
  replicas,
  terms: t,
  overflow: {
    name: "acme/acme-large",
    offering: acmeOffering({ inputPerMillion: dec(1), outputPerMillion: dec(3) }),
    requestedModel: "acme-large",
  },
});

describe("priceHybrid — worked by hand", () => {
  it("one replica: $2,460 of self-hosting + 1.686B overflow tokens × $2 per 1M = $5,832", () => {
    const r = priceHybrid(workload(), plan(1), "/options/2");
    expect(r.replicas).toBe(1);
    expect(r.replicasChosen).toBe("given");
    expect(r.selfServedTokensPerMonth.toString()).toBe("1314000000");
    expect(r.overflowTokensPerMonth.toString()).toBe("1686000000");
    expect(r.selfHostedMonthlyCost.toString()).toBe("2460");
    // 843M input × $1 + 843M output × $3 = $843 + $2,529 = $3,372.
    expect(r.overflowMonthlyCost.toString()).toBe("3372");
    expect(r.monthlyCost.toString()).toBe("5832");
    expect(r.costPerMillionTokens?.toString()).toBe("1.944");
    expect(
      r.lineItems.map((i) => [i.component, i.quantity.toString(), i.unitPrice.toString(), i.cost.toString()]),
    ).toEqual([
      ["rent", "730", "2", "1460"],
      ["facilities", "1", "0", "0"],
      ["operations", "0.25", "4000", "1000"],
      ["overflow-input", "843", "1", "843"],
      ["overflow-output", "843", "3", "2529"],
    ]);
    expect(r.lineItems.reduce((s, i) => s.plus(i.cost), dec(0)).eq(r.monthlyCost)).toBe(true);
    expect(r.lineItems[3]?.description).toContain("Overflow to acme/acme-large");
    // 1.314B served of 2.628B raw = 50 %.
    expect(r.utilization?.toString()).toBe("0.5");
    expect(r.replicasToServeAll).toBe(3);
    expect(r.assumptions.map((a) => a.field)).toContain("/workload/peakToAverage");
  });

  it("optimal: 0 → $6,000, 1 → $5,832, 2 → $4,664, 3 → $5,380 — two replicas win", () => {
    const r = priceHybrid(workload(), plan("optimal"), "/options/2");
    expect(r.replicas).toBe(2);
    expect(r.replicasChosen).toBe("optimal");
    expect(r.search?.map((s) => [s.replicas, s.monthlyCost.toString()])).toEqual([
      [0, "6000"],
      [1, "5832"],
      [2, "4664"],
      [3, "5380"],
    ]);
    expect(r.monthlyCost.toString()).toBe("4664");
    expect(r.assumptions.find((a) => a.field === "/options/2/replicas")?.value).toBe("2");
    expect(hybridMonthlyCost(workload(), plan("optimal")).toString()).toBe("4664");
  });

  it("no replicas is the API alone — no operations staff", () => {
    const r = priceHybrid(workload(), plan(0));
    expect(r.monthlyCost.toString()).toBe("6000");
    expect(r.lineItems.map((i) => i.component)).toEqual(["overflow-input", "overflow-output"]);
    expect(r.utilization).toBeNull();
  });

  it("more replicas than the workload needs: nothing overflows, the rest idle, with a warning", () => {
    const r = priceHybrid(workload(), plan(5));
    expect(r.overflowTokensPerMonth.toString()).toBe("0");
    expect(r.overflowMonthlyCost.toString()).toBe("0");
    expect(r.monthlyCost.toString()).toBe("8300");
    expect(r.warnings[0]).toContain("stand idle");
  });

  it("output-counted throughput: a replica carries its output tokens ÷ the output share", () => {
    // 1.314B output tokens a month at an output share of 0.5 = 2.628B total tokens per replica.
    const r = priceHybrid(workload(), plan(1, { ...terms, counts: "output" }));
    expect(r.tokensPerReplicaMonth?.toString()).toBe("2628000000");
    expect(r.overflowTokensPerMonth.toString()).toBe("372000000");
  });

  it("refuses a replica count that is not a whole number, with a pointer", () => {
    try {
      priceHybrid(workload(), plan(1.5), "/options/4");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      // Relative to the plan; compareOptions places it under the option (`/options/4/replicas`).
      expect((e as DomainError).pointer).toBe("/replicas");
    }
  });
});

describe("priceHybrid — optimal equals a brute-force search", () => {
  it("over random plans (the cost is convex in the count)", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 60; i++) {
      const t: SelfHostedCostTerms = {
        ...terms,
        acquisition: { mode: "rent", pricePerAcceleratorHour: dec((0.2 + random() * 5).toFixed(3)) },
        operations: { fte: dec((random() * 2).toFixed(2)), costPerFteMonth: dec(12000) },
        tokensPerSecond: dec((50 + random() * 3000).toFixed(1)),
        counts: random() < 0.5 ? "total" : "output",
      };
      const w = workload({
        inputTokensPerMonth: dec(Math.round(1e8 + random() * 2e10)),
        outputTokensPerMonth: dec(Math.round(1e7 + random() * 5e9)),
      });
      const p = plan("optimal", t);
      const r = priceHybrid(w, p);
      let best: Decimal | null = null;
      let bestN = -1;
      for (let n = 0; n <= r.replicasToServeAll; n++) {
        const c = priceHybrid(w, plan(n, t)).monthlyCost;
        if (best == null || c.lt(best)) {
          best = c;
          bestN = n;
        }
      }
      expect(r.replicas, `case ${i}`).toBe(bestN);
      expect(r.monthlyCost.eq(best as Decimal)).toBe(true);
    }
  });
});
