import { describe, expect, it } from "vitest";
import {
  acmeOffering as offering,
  breakEvenPair as pair,
  breakEvenTerms as terms,
} from "../../../tests/support/domain-fixtures.js";
import { dec } from "../shared/decimal.js";
import { breakEvenSensitivity } from "./sensitivity.js";

describe("breakEvenSensitivity — purchase, worked by hand", () => {
  // Base: $1,309.50 a month (capital ≈ $1,000, energy $109.50, facilities $200) against $4.375 per 1M:
  // break-even 299,314,286 tokens, inside the first replica's 1.314B.
  const table = breakEvenSensitivity(
    pair(terms(), offering({ inputPerMillion: dec("2.5"), outputPerMillion: dec(10) })),
  );
  const row = (p: string) => table.rows.find((r) => r.parameter === p);

  it("moves each assumption ±20 % and records the break-even each way", () => {
    expect(table.base.monthlyTokens?.toString()).toBe("299314286");
    expect(table.swing.toString()).toBe("0.2");
    // API ×0.8 = $3.50 per 1M: 1,309.5 / 3.5e-6 = 374,142,857.1; ×1.2 = $5.25: 249,428,571.4.
    expect(row("apiPrice")?.low.monthlyTokens?.toString()).toBe("374142858");
    expect(row("apiPrice")?.high.monthlyTokens?.toString()).toBe("249428572");
    expect(row("apiPrice")?.low.value.toString()).toBe("8");
    // 2.4 years: $1,250 a month → 1,559.5 / 4.375e-6; 3.6 years: $833.33 → 1,142.83 / 4.375e-6.
    expect(row("lifetimeYears")?.low.monthlyTokens?.toString()).toBe("356457143");
    expect(row("lifetimeYears")?.high.monthlyTokens?.toString()).toBe("261219048");
    // $28,800: $800 capital (rounded to 40 digits it is exact) → 1,109.5 / 4.375e-6 = 253.6M exactly,
    // where the two are equal — so one token more; $43,200: 1,509.5 / 4.375e-6 = 345,028,571.4.
    expect(row("hardwarePrice")?.low.monthlyTokens?.toString()).toBe("253600001");
    expect(row("hardwarePrice")?.high.monthlyTokens?.toString()).toBe("345028572");
    expect(row("hardwarePrice")?.low.value.toString()).toBe("28800");
    // Energy $87.60 / $131.40: 1,287.6 and 1,331.4 (exactly, after rounding) over 4.375e-6 — PUE
    // moves it exactly alike.
    expect(row("pricePerKwh")?.low.monthlyTokens?.toString()).toBe("294308572");
    expect(row("pricePerKwh")?.high.monthlyTokens?.toString()).toBe("304320001");
    expect(row("pue")?.spread?.eq(row("pricePerKwh")?.spread as never)).toBe(true);
    // One replica either way: throughput and the ceiling do not move a first-step break-even.
    expect(row("throughput")?.spread?.toString()).toBe("0");
    expect(row("maxUtilization")?.spread?.toString()).toBe("0");
    expect(row("maxUtilization")?.high.value.toString()).toBe("0.6");
  });

  it("sorts most influential first, ties in the listed order", () => {
    expect(table.rows.map((r) => [r.parameter, r.spread?.toString()])).toEqual([
      ["apiPrice", "124714286"],
      ["lifetimeYears", "95238095"],
      ["hardwarePrice", "91428571"],
      ["pricePerKwh", "10011429"],
      ["pue", "10011429"],
      ["maxUtilization", "0"],
      ["throughput", "0"],
    ]);
    expect(table.rows.every((r) => r.influence === "moves")).toBe(true);
    expect(table.skipped).toEqual([]);
  });

  it("caps the utilisation ceiling at 1 and floors PUE at 1, saying so", () => {
    const t = breakEvenSensitivity(
      pair(
        terms({
          maxUtilization: dec("0.9"),
          power: {
            wattsPerReplica: dec(1000),
            loadFactor: dec(1),
            pue: dec("1.1"),
            pricePerKwh: dec("0.10"),
          },
        }),
        offering({ inputPerMillion: dec("2.5"), outputPerMillion: dec(10) }),
      ),
    );
    const util = t.rows.find((r) => r.parameter === "maxUtilization");
    expect(util?.high.value.toString()).toBe("1");
    expect(util?.high.note).toContain("capped at 1");
    const pue = t.rows.find((r) => r.parameter === "pue");
    expect(pue?.low.value.toString()).toBe("1");
    expect(pue?.low.note).toContain("floored at 1");
  });
});

describe("breakEvenSensitivity — rental and never", () => {
  it("rent: the hardware price is the hourly rent; lifetime, electricity and PUE do not apply", () => {
    const rented = terms({
      acquisition: { mode: "rent", pricePerAcceleratorHour: dec(2) },
      power: null,
      facilitiesPerReplicaMonth: dec(0),
    });
    const t = breakEvenSensitivity(
      pair(rented, offering({ inputPerMillion: dec("2.5"), outputPerMillion: dec(10) })),
    );
    const hw = t.rows.find((r) => r.parameter === "hardwarePrice");
    expect(hw?.label).toContain("rent");
    expect(hw?.field).toBe("/deployment/acquisition/pricePerAcceleratorHour");
    expect(hw?.low.value.toString()).toBe("1.6");
    // $1,460 × 0.8 = $1,168 → 1,168 / 4.375e-6 = 266,971,428.6; × 1.2 = $1,752 → 400,457,142.9.
    expect(hw?.low.monthlyTokens?.toString()).toBe("266971429");
    expect(hw?.high.monthlyTokens?.toString()).toBe("400457143");
    expect(t.skipped.map((s) => s.parameter)).toEqual(["lifetimeYears", "pricePerKwh", "pue"]);
    expect(t.skipped[0]?.reason).toContain("no lifetime");
    expect(t.rows.map((r) => r.parameter)).not.toContain("lifetimeYears");
  });

  it("puts the assumptions that decide WHETHER self-hosting wins first, then the rest", () => {
    // $0.90 per 1M (0.75 × 0.6 + 0.25 × 1.8): a·K = $1,182.60 < m = $1,309.50 — never at base.
    // Cheaper hardware (m = $1,109.50), a longer life (m = $1,142.83), a higher ceiling or more
    // throughput (K = 1.5768B, a·K = $1,419.12) or a dearer API each make it win.
    const t = breakEvenSensitivity(
      pair(terms(), offering({ inputPerMillion: dec("0.6"), outputPerMillion: dec("1.8") })),
    );
    expect(t.base.monthlyTokens).toBeNull();
    const kinds = t.rows.map((r) => r.influence);
    expect(kinds.indexOf("decides-whether")).toBe(0);
    expect(kinds.lastIndexOf("decides-whether")).toBeLessThan(kinds.indexOf("none"));
    const decides = t.rows.filter((r) => r.influence === "decides-whether").map((r) => r.parameter);
    expect(decides).toEqual(["hardwarePrice", "lifetimeYears", "maxUtilization", "throughput", "apiPrice"]);
    for (const r of t.rows) if (r.influence !== "moves") expect(r.spread).toBeNull();
    const hw = t.rows[0];
    expect(hw?.low.monthlyTokens).not.toBeNull();
    expect(hw?.high.monthlyTokens).toBeNull();
  });
});
