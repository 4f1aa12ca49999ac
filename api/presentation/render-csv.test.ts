import { beforeAll, describe, expect, it } from "vitest";
import {
  comparisonInput,
  explicitDeployment,
  loadTestHardware,
  offering,
} from "../../tests/support/domain-fixtures.js";
import {
  type ComparisonInput,
  type ComparisonOption,
  compareOptions,
} from "../domain/comparison/comparison.js";
import type { ResolvedOffering } from "../domain/pricing/price-catalog.js";
import { dec } from "../domain/shared/decimal.js";
import { DomainError } from "../domain/shared/errors.js";
import { CSV_COLUMNS, chargePeriod, renderComparisonCsv } from "./render-csv.js";

beforeAll(async () => {
  await loadTestHardware();
});

const offerings: Record<string, ResolvedOffering> = {
  "openai/gpt-4o": offering("openai", "gpt-4o-2024-08-06", "2.5", "10"),
  "together/llama-3-70b": offering("together", "llama-3-70b", "0.88", "0.88"),
  "groq/llama-3-70b": offering("groq", "llama-3-70b", "0.88", "0.88"),
  'evil/=cmd|" /C calc"!A0,x': offering("evil", '=cmd|" /C calc"!A0,x', "1", "2"),
};

const input = (options: ComparisonOption[]): ComparisonInput => comparisonInput(options, offerings);

/** A small RFC 4180 parser: quoted fields with doubled quotes, commas and line breaks inside, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else value += ch;
      i++;
      continue;
    }
    if (ch === '"' && value === "") quoted = true;
    else if (ch === ",") {
      row.push(value);
      value = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(value);
      rows.push(row);
      row = [];
      value = "";
      i++;
    } else if (ch === "\n" || ch === "\r" || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else value += ch;
    i++;
  }
  if (value !== "" || row.length > 0) throw new Error("missing final CRLF");
  return rows;
}

describe("renderComparisonCsv", () => {
  const options: ComparisonOption[] = [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    { kind: "self-hosted", name: '-cheap, "fast"\nbox', deployment: explicitDeployment },
    { kind: "api", provider: "evil", model: '=cmd|" /C calc"!A0,x' },
    {
      kind: "hybrid",
      name: "@hybrid",
      deployment: explicitDeployment,
      replicas: 0,
      overflow: { provider: "openai", model: "gpt-4o" },
    },
  ];

  it("parses back: the named columns, one row per line item, options cheapest first", () => {
    const c = compareOptions(input(options));
    const csv = renderComparisonCsv(c, { at: "2024-11-15" });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(c.options.reduce((n, o) => n + o.lineItems.length, 0));
    for (const r of body) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    // Rows follow the ranking and carry the item's figures at full precision.
    let k = 0;
    for (const o of c.options) {
      for (const item of o.lineItems) {
        const r = body[k++] as string[];
        expect(r[col("x_Rank")]).toBe(String(o.rank));
        expect(r[col("x_Component")]).toBe(item.component);
        expect(r[col("PricingUnit")]).toBe(item.unit);
        expect(r[col("PricingQuantity")]).toBe(item.quantity.toString());
        expect(r[col("ListUnitPrice")]).toBe(item.unitPrice.toString());
        expect(r[col("ListCost")]).toBe(item.cost.toString());
        expect(r[col("BillingCurrency")]).toBe("USD");
        expect(r[col("ChargePeriodStart")]).toBe("2024-11-01T00:00:00Z");
        expect(r[col("ChargePeriodEnd")]).toBe("2024-12-01T00:00:00Z");
      }
    }
    // The costs add up to each option's monthly cost.
    for (const o of c.options) {
      const sum = body
        .filter((r) => r[col("x_Rank")] === String(o.rank))
        .reduce((s, r) => s.plus(dec(r[col("ListCost")] as string)), dec(0));
      expect(sum.eq(o.monthlyCost)).toBe(true);
    }
  });

  it("quotes commas, quotes and newlines, and defuses formula-like text", () => {
    const c = compareOptions(input(options));
    const rows = parseCsv(renderComparisonCsv(c, { at: "2024-11-15" })).slice(1);
    const names = new Set(rows.map((r) => r[CSV_COLUMNS.indexOf("x_Option")]));
    expect(names).toContain(`'-cheap, "fast"\nbox`);
    expect(names).toContain('evil/=cmd|" /C calc"!A0,x');
    expect(names).toContain("'@hybrid");
    // Provider first, so this API name is not formula-like; a name that starts with "=" would be.
    for (const r of rows) for (const cell of r) expect(/^[=+\-@]/.test(cell)).toBe(false);
  });

  it("a December charge period ends on 1 January; a bad date is refused", () => {
    expect(chargePeriod("2024-12-31")).toEqual({
      start: "2024-12-01T00:00:00Z",
      end: "2025-01-01T00:00:00Z",
    });
    expect(() => chargePeriod("2024-13-01")).toThrow(DomainError);
    expect(() => chargePeriod("yesterday")).toThrow(DomainError);
  });
});
