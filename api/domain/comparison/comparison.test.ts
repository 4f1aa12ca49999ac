import { beforeAll, describe, expect, it } from "vitest";
import {
  comparisonCatalogs as catalogs,
  explicitDeployment,
  comparisonInput as input,
  loadTestHardware,
  standardOptions,
  workload,
} from "../../../tests/support/domain-fixtures.js";
import { totalTokens } from "../pricing/workload.js";
import { costOfServing } from "../self-hosting/self-hosted.js";
import { type Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import {
  type ComparisonOption,
  compareOptions,
  MAX_COMPARISON_OPTIONS,
  monthlyCostCurve,
  resolveComparisonOptions,
} from "./comparison.js";

beforeAll(async () => {
  await loadTestHardware();
});

describe("compareOptions", () => {
  it("ranks cheapest first, each with its full estimate", () => {
    const c = compareOptions(input(standardOptions));
    expect(c.currency).toBe("USD");
    const costs = c.options.map((o) => o.monthlyCost);
    for (let i = 1; i < costs.length; i++)
      expect((costs[i] as Decimal).gte(costs[i - 1] as Decimal)).toBe(true);
    expect(c.options.map((o) => o.rank)).toEqual([1, 2, 3, 4, 5]);
    // GPT-4o: 2,000 × $2.50 + 500 × $10 = $10,000; together: 2,500 × $0.88 = $2,200.
    const byName = new Map(c.options.map((o) => [o.name, o]));
    expect(byName.get("openai/gpt-4o")?.monthlyCost.toString()).toBe("10000");
    expect(byName.get("together/llama-3-70b")?.monthlyCost.toString()).toBe("2200");
    expect(byName.get("8×H100 bought")?.monthlyCost.toDecimalPlaces(2).toString()).toBe("9592.98");
    expect(c.options[0]?.name).toBe("together/llama-3-70b");
    for (const o of c.options) {
      expect(o.lineItems.length).toBeGreaterThan(0);
      expect(o.lineItems.reduce((s, i) => s.plus(i.cost), dec(0)).eq(o.monthlyCost)).toBe(true);
      expect(o.assumptions[0]?.field).toBe("/workload/peakToAverage");
      expect(o.estimate).toBeDefined();
    }
    // The rented deployment's defaults point into the request's options array.
    const rented = byName.get("H100 rented (defaults)");
    expect(rented?.assumptions.map((a) => a.field)).toContain(
      "/options/3/deployment/acquisition/pricePerAcceleratorHour",
    );
  });

  it("prices a hybrid: the 8×H100 box carries 500M output tokens, so with one replica nothing overflows", () => {
    const c = compareOptions(input(standardOptions));
    const hybrid = c.options.find((o) => o.kind === "hybrid");
    if (hybrid?.kind !== "hybrid") throw new Error("no hybrid");
    // One replica ($9,592.98) serves everything vs GPT-4o alone ($10,000): one replica wins.
    expect(hybrid.estimate.replicas).toBe(1);
    expect(hybrid.estimate.overflowTokensPerMonth.toString()).toBe("0");
    expect(hybrid.monthlyCost.toDecimalPlaces(2).toString()).toBe("9592.98");
    expect(hybrid.assumptions.map((a) => a.field)).toContain("/options/4/replicas");
    expect(hybrid.deployment.throughput.tokensPerSecond.toString()).toBe("24524.9");
  });

  it("keeps request order on ties", () => {
    const c = compareOptions(
      input([
        { kind: "api", provider: "together", model: "llama-3-70b" },
        { kind: "api", provider: "groq", model: "llama-3-70b" },
      ]),
    );
    expect(c.options.map((o) => o.name)).toEqual(["together/llama-3-70b", "groq/llama-3-70b"]);
    const reversed = compareOptions(
      input([
        { kind: "api", provider: "groq", model: "llama-3-70b" },
        { kind: "api", provider: "together", model: "llama-3-70b" },
      ]),
    );
    expect(reversed.options.map((o) => o.name)).toEqual(["groq/llama-3-70b", "together/llama-3-70b"]);
  });

  it("finds the break-even of every self-hosted × API pair, self-hosted outer", () => {
    const c = compareOptions(input(standardOptions));
    expect(c.breakEven.map((b) => [b.selfHosted, b.api])).toEqual([
      ["8×H100 bought", "openai/gpt-4o"],
      ["8×H100 bought", "together/llama-3-70b"],
      ["H100 rented (defaults)", "openai/gpt-4o"],
      ["H100 rented (defaults)", "together/llama-3-70b"],
    ]);
    // $9,592.98 / $4 per 1M (GPT-4o at 4:1: 0.8 × 2.5 + 0.2 × 10) = 2.398B tokens, one replica.
    const first = c.breakEven[0];
    expect(first?.apiCostPerMillionTokens.toString()).toBe("4");
    expect(first?.replicas).toBe(1);
    expect(first?.monthlyTokens?.toString()).toBe(
      (c.options.find((o) => o.name === "8×H100 bought") as { monthlyCost: Decimal }).monthlyCost
        .div("0.000004")
        .floor()
        .plus(1)
        .toString(),
    );
  });

  it("re-prices every option at the workload's own volume to its estimate, exactly", () => {
    const c = compareOptions(input(standardOptions));
    const total = totalTokens(workload);
    for (const o of c.options) {
      expect(monthlyCostCurve(o, workload)(total).eq(o.monthlyCost), o.name).toBe(true);
      if (o.kind === "self-hosted") {
        expect(costOfServing(o.estimate.terms, workload).cost.monthlyCost.eq(o.monthlyCost)).toBe(true);
      }
    }
  });

  it("refuses more than 50 options, duplicate names and mixed currencies, with pointers", () => {
    const many: ComparisonOption[] = Array.from({ length: MAX_COMPARISON_OPTIONS + 1 }, () => ({
      kind: "api",
      provider: "openai",
      model: "gpt-4o",
    }));
    expect(() => resolveComparisonOptions(many, catalogs())).toThrow(/at most 50/);
    const pointerOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof DomainError) return e.pointer;
        throw e;
      }
      return null;
    };
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            { kind: "self-hosted", name: "a", deployment: explicitDeployment },
            { kind: "self-hosted", name: "a", deployment: explicitDeployment },
          ]),
        ),
      ),
    ).toBe("/options/1/name");
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            { kind: "api", provider: "openai", model: "gpt-4o" },
            { kind: "api", provider: "mistral", model: "eur-model" },
          ]),
        ),
      ),
    ).toBe("/options/1");
    expect(pointerOf(() => resolveComparisonOptions([{ kind: "batch" } as never], catalogs()))).toBe(
      "/options/0/kind",
    );
    // Look-ups get the option's pointer; estimate errors are re-pointed into the options array.
    expect(
      pointerOf(() =>
        resolveComparisonOptions([{ kind: "api", provider: "openai", model: "nope" }], catalogs()),
      ),
    ).toBe("/options/0/model");
    expect(
      pointerOf(() =>
        resolveComparisonOptions(
          [
            {
              kind: "hybrid",
              name: "h",
              deployment: explicitDeployment,
              replicas: 1,
              overflow: { provider: "openai", model: "nope" },
            },
          ],
          catalogs(),
        ),
      ),
    ).toBe("/options/0/overflow/model");
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            { kind: "api", provider: "openai", model: "gpt-4o" },
            {
              kind: "self-hosted",
              name: "zero",
              deployment: { ...explicitDeployment, throughput: { tokensPerSecond: dec(0) } },
            },
          ]),
        ),
      ),
    ).toBe("/options/1/deployment/throughput/tokensPerSecond");
    expect(
      pointerOf(() =>
        compareOptions(
          input([
            {
              kind: "hybrid",
              name: "h",
              deployment: explicitDeployment,
              replicas: -1,
              overflow: { provider: "openai", model: "gpt-4o" },
            },
          ]),
        ),
      ),
    ).toBe("/options/0/replicas");
  });
});
