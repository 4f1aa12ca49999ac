/**
 * Numbers and money for people (summaries, notes, the chart, the home page). Display only: the
 * figures on the wire stay exact decimal strings.
 */
import { type Decimal, dec, ONE } from "../domain/shared/decimal.js";

/** "$1,234.57" for amounts from $1, else four significant digits ("$0.04321"). */
export function formatUsd(amount: Decimal): string {
  if (amount.abs().gte(ONE)) {
    const [whole, cents] = amount.toFixed(2).split(".");
    return `$${(whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
  }
  return `$${amount.toSignificantDigits(4).toString()}`;
}

/** Prices per unit: four significant digits, at least cents ("$6.173", "$2.00"). */
export function formatUsdRate(rate: Decimal): string {
  const shown = rate.toSignificantDigits(4);
  return `$${shown.decimalPlaces() < 2 ? shown.toFixed(2) : shown.toString()}`;
}

const TOKEN_UNITS: [Decimal, string][] = [
  [dec("1e12"), "T"],
  [dec("1e9"), "B"],
  [dec("1e6"), "M"],
  [dec("1e3"), "k"],
];

/** Token counts: "1.5B", "730M", "12.3k", three significant digits. */
export function formatTokens(tokens: Decimal): string {
  for (const [size, suffix] of TOKEN_UNITS) {
    if (tokens.abs().gte(size)) return `${tokens.div(size).toSignificantDigits(3).toString()}${suffix}`;
  }
  return tokens.toSignificantDigits(3).toString();
}

/** A share as a percentage to `digits` significant digits: 0.1139 → "11.4 %". */
export function formatPercent(share: Decimal, digits: number): string {
  return `${share.times(100).toSignificantDigits(digits)} %`;
}
