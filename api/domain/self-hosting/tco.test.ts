import { describe, expect, it } from "vitest";
import { dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import {
  annualCapitalCost,
  capitalRecoveryFactor,
  deploymentCost,
  energyCostPerHour,
  hourlyCostPerReplica,
  type PurchaseTerms,
} from "./tco.js";

const issueServer: PurchaseTerms = {
  mode: "purchase",
  pricePerAccelerator: dec(30000),
  overheadPerReplica: dec(0),
  lifetimeYears: dec(4),
  residualValueShare: dec("0.1"),
  costOfCapital: dec(0),
  maintenanceShare: dec("0.03"),
};
const issuePower = {
  wattsPerReplica: dec(3000),
  loadFactor: dec(1),
  pue: dec("1.4"),
  pricePerKwh: dec("0.12"),
};

describe("capitalRecoveryFactor", () => {
  it("matches a hand calculation at 8 % over 4 years", () => {
    // 1.08^4 = 1.36048896; CRF = 0.08 × 1.36048896 / 0.36048896 = 0.301920804...
    const crf = capitalRecoveryFactor(dec("0.08"), dec(4));
    expect(crf.toDecimalPlaces(10).toString()).toBe("0.3019208045");
    expect(crf.minus(dec("0.08").times("1.36048896").div("0.36048896")).abs().lt("1e-30")).toBe(true);
  });

  it("is straight-line 1/n at r = 0", () => {
    expect(capitalRecoveryFactor(dec(0), dec(4)).toString()).toBe("0.25");
  });

  it("handles a non-integer lifetime", () => {
    // (1.08)^3.5 via Decimal pow; CRF between the 3- and 4-year factors
    const crf = capitalRecoveryFactor(dec("0.08"), dec("3.5"));
    expect(crf.gt(capitalRecoveryFactor(dec("0.08"), dec(4)))).toBe(true);
    expect(crf.lt(capitalRecoveryFactor(dec("0.08"), dec(3)))).toBe(true);
  });

  it("refuses a zero lifetime instead of dividing by zero", () => {
    expect(() => capitalRecoveryFactor(dec(0), dec(0))).toThrow(DomainError);
  });
});

describe("annualCapitalCost", () => {
  it("discounts the residual value: (P − R/(1+r)^n) × CRF", () => {
    const p = dec(100000);
    const r = dec(20000);
    const annual = annualCapitalCost({
      price: p,
      residualValue: r,
      costOfCapital: dec("0.08"),
      lifetimeYears: dec(4),
    });
    const expected = p.minus(r.div("1.36048896")).times(capitalRecoveryFactor(dec("0.08"), dec(4)));
    expect(annual.eq(expected)).toBe(true);
    // by hand: 20,000 / 1.36048896 = 14,700.59; (100,000 − 14,700.59) × 0.3019208 = 25,753.66
    expect(annual.toDecimalPlaces(2).toString()).toBe("25753.66");
  });
});

describe("issue 3 worked example", () => {
  it("a 4-GPU $120,000 server, 4 y, 10 % residual, r = 0, 3 % maintenance, 3 kW at PUE 1.4 and $0.12/kWh costs $3.99715 per hour", () => {
    const hourly = hourlyCostPerReplica({
      acquisition: issueServer,
      acceleratorsPerReplica: 4,
      power: issuePower,
      facilitiesPerReplicaMonth: dec(0),
    });
    // capital (120000 − 12000)/4 = 27000/y, maintenance 3600/y → 30600/8760 = 3.49315068…; energy 3 × 1.4 × 0.12 = 0.504
    expect(hourly.capital.plus(hourly.maintenance).toDecimalPlaces(8).toString()).toBe("3.49315068");
    expect(hourly.energy.toString()).toBe("0.504");
    expect(hourly.total.toDecimalPlaces(5).toString()).toBe("3.99715");
    expect(hourly.total.toDecimalPlaces(2).toString()).toBe("4");
  });

  it("a month of that server is 730 × 3.99715… = $2,917.92", () => {
    const cost = deploymentCost({
      acquisition: issueServer,
      acceleratorsPerReplica: 4,
      power: issuePower,
      facilitiesPerReplicaMonth: dec(0),
      replicas: 1,
      operations: { fte: dec(0), costPerFteMonth: dec(0) },
    });
    expect(cost.monthlyCost.toDecimalPlaces(2).toString()).toBe("2917.92");
    expect(cost.lineItems.map((l) => l.component)).toEqual([
      "capital",
      "maintenance",
      "energy",
      "facilities",
      "operations",
    ]);
    const capital = cost.lineItems[0];
    expect(capital?.unit).toBe("replica-hour");
    expect(capital?.quantity.toString()).toBe("730");
    // sum of line items is the monthly cost
    expect(cost.lineItems.reduce((s, l) => s.plus(l.cost), dec(0)).eq(cost.monthlyCost)).toBe(true);
  });
});

describe("energy", () => {
  it("is watts/1000 × load factor × PUE × $/kWh", () => {
    expect(
      energyCostPerHour({
        wattsPerReplica: dec(10200),
        loadFactor: dec("0.75"),
        pue: dec("1.56"),
        pricePerKwh: dec("0.0771"),
      }).toString(),
    ).toBe(
      "0.9201114", // 10.2 kW × 0.75 × 1.56 × 0.0771
    );
  });
});

describe("rent vs purchase", () => {
  it("rent replaces capital and maintenance and has no energy line without explicit power", () => {
    const cost = deploymentCost({
      acquisition: { mode: "rent", pricePerAcceleratorHour: dec("2.99") },
      acceleratorsPerReplica: 8,
      power: null,
      facilitiesPerReplicaMonth: dec(0),
      replicas: 2,
      operations: { fte: dec("0.25"), costPerFteMonth: dec(18000) },
    });
    expect(cost.lineItems.map((l) => l.component)).toEqual(["rent", "facilities", "operations"]);
    // 2 replicas × 8 GPUs × 730 h = 11,680 accelerator-hours × 2.99 = 34,923.20; + 0.25 × 18,000 = 4,500
    expect(cost.lineItems[0]?.unit).toBe("accelerator-hour");
    expect(cost.lineItems[0]?.quantity.toString()).toBe("11680");
    expect(cost.monthlyCost.toString()).toBe("39423.2");
    expect(cost.hourly.total.toString()).toBe("23.92");
  });

  it("colocation: rent with explicit power adds an energy line", () => {
    const cost = deploymentCost({
      acquisition: { mode: "rent", pricePerAcceleratorHour: dec(2) },
      acceleratorsPerReplica: 1,
      power: { wattsPerReplica: dec(1000), loadFactor: dec(1), pue: dec(1), pricePerKwh: dec("0.1") },
      facilitiesPerReplicaMonth: dec(0),
      replicas: 1,
      operations: { fte: dec(0), costPerFteMonth: dec(0) },
    });
    expect(cost.lineItems.map((l) => l.component)).toEqual(["rent", "energy", "facilities", "operations"]);
    expect(cost.monthlyCost.toString()).toBe("1533"); // 730 × (2 + 0.1)
  });

  it("buying 8 H100s for 4 years beats renting them at $2.99/h when kept busy", () => {
    const common = {
      acceleratorsPerReplica: 8,
      facilitiesPerReplicaMonth: dec(200),
      replicas: 1,
      operations: { fte: dec(0), costPerFteMonth: dec(0) },
    };
    const bought = deploymentCost({
      ...common,
      acquisition: {
        mode: "purchase",
        pricePerAccelerator: dec(33750),
        overheadPerReplica: dec(0),
        lifetimeYears: dec(4),
        residualValueShare: dec("0.2"),
        costOfCapital: dec("0.08"),
        maintenanceShare: dec("0.05"),
      },
      power: {
        wattsPerReplica: dec(10200),
        loadFactor: dec("0.75"),
        pue: dec("1.56"),
        pricePerKwh: dec("0.0771"),
      },
    });
    const rented = deploymentCost({
      ...common,
      acquisition: { mode: "rent", pricePerAcceleratorHour: dec("2.99") },
      power: null,
    });
    // Bought: P = 270,000, R = 54,000; (270,000 − 54,000/1.08^4) × 0.3019208… = 69,534.87/y = 5,794.57/month;
    // maintenance 13,500/y = 1,125/month; energy 0.9201114 × 730 = 671.68; facilities 200 → $7,791.26.
    // Rented: 8 × 2.99 × 730 = 17,461.60 + facilities 200 = $17,661.60.
    expect(bought.monthlyCost.toDecimalPlaces(2).toString()).toBe("7791.26");
    expect(rented.monthlyCost.toString()).toBe("17661.6");
    expect(bought.monthlyCost.lt(rented.monthlyCost)).toBe(true);
  });
});

describe("operations", () => {
  it("are charged once for the deployment, not per replica", () => {
    const base = {
      acquisition: { mode: "rent" as const, pricePerAcceleratorHour: dec(1) },
      acceleratorsPerReplica: 1,
      power: null,
      facilitiesPerReplicaMonth: dec(0),
      operations: { fte: dec("0.5"), costPerFteMonth: dec(10000) },
    };
    const one = deploymentCost({ ...base, replicas: 1 });
    const three = deploymentCost({ ...base, replicas: 3 });
    expect(three.monthlyCost.minus(one.monthlyCost).toString()).toBe("1460"); // 2 × 730 × $1
    expect(three.lineItems.find((l) => l.component === "operations")?.cost.toString()).toBe("5000");
  });
});
