/**
 * A comparison as CSV (`Accept: text/csv`): one row per line item of every option, cheapest option
 * first, with FinOps FOCUS-aligned columns.
 *
 * | column            | FOCUS meaning / source                                              |
 * |-------------------|---------------------------------------------------------------------|
 * | BillingCurrency   | the option's currency (ISO 4217)                                    |
 * | ChargePeriodStart | first instant of the month of `at`, `YYYY-MM-01T00:00:00Z` (UTC)    |
 * | ChargePeriodEnd   | first instant of the next month (exclusive end, as FOCUS defines it)|
 * | PricingUnit       | line item `unit` (`1M tokens`, `replica-hour`, `FTE-month` …)       |
 * | PricingQuantity   | line item `quantity` per month                                      |
 * | ListUnitPrice     | line item `unitPrice`                                               |
 * | ListCost          | line item `cost` (= quantity × unit price)                          |
 * | x_Option          | option name (`provider/model`, or the self-hosted/hybrid name)      |
 * | x_OptionKind      | `api`, `self-hosted` or `hybrid`                                    |
 * | x_Rank            | 1 = cheapest option                                                 |
 * | x_Component       | line item `component`                                               |
 * | x_Description     | line item `description`                                             |
 *
 * Numbers are written at full precision (decimal strings, no exponent, no rounding). RFC 4180:
 * CRLF line ends, every field that holds a comma, quote, CR or LF is quoted and its quotes doubled.
 * Text fields that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or
 * CR) get a leading `'` (OWASP CSV injection guidance); numeric fields are written as numbers.
 */
import type { Comparison } from "../domain/comparison/comparison.js";
import type { Decimal } from "../domain/shared/decimal.js";
import { DomainError } from "../domain/shared/errors.js";

/** The header row, in order. */
export const CSV_COLUMNS = [
  "BillingCurrency",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "PricingUnit",
  "PricingQuantity",
  "ListUnitPrice",
  "ListCost",
  "x_Option",
  "x_OptionKind",
  "x_Rank",
  "x_Component",
  "x_Description",
] as const;

type Cell = { text: string } | { number: Decimal | number };

const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: formula-guarded if text, quoted when it must be. */
function field(cell: Cell): string {
  let value: string;
  if ("text" in cell) {
    value = FORMULA_START.test(cell.text) ? `'${cell.text}` : cell.text;
  } else {
    value = cell.number.toString();
  }
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The charge period of the month holding `at` (YYYY-MM-DD): its first instant and the next month's. */
export function chargePeriod(at: string): { start: string; end: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(at);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    throw new DomainError("invalid", "/at", `'${at}' is not a date (YYYY-MM-DD).`);
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    start: `${match[1]}-${pad(month)}-01T00:00:00Z`,
    end: `${String(next.year).padStart(4, "0")}-${pad(next.month)}-01T00:00:00Z`,
  };
}

/** The comparison as CSV text (header + one row per line item, options cheapest first). */
export function renderComparisonCsv(comparison: Comparison, options: { at: string }): string {
  const period = chargePeriod(options.at);
  const rows: string[] = [CSV_COLUMNS.join(",")];
  for (const option of comparison.options) {
    for (const item of option.lineItems) {
      const cells: Cell[] = [
        { text: option.currency },
        { text: period.start },
        { text: period.end },
        { text: item.unit },
        { number: item.quantity },
        { number: item.unitPrice },
        { number: item.cost },
        { text: option.name },
        { text: option.kind },
        { number: option.rank },
        { text: item.component },
        { text: item.description },
      ];
      rows.push(cells.map(field).join(","));
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}
