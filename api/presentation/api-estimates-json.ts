/**
 * The body of POST /v1/estimates/api written straight to JSON: the same bytes as
 * `JSON.stringify({ at, data: estimates.map(presentApiEstimate) })` (the presenter stays the
 * definition; a test holds the two equal), at about half the cost on the route's hot path. Key order
 * is written out once here; decimal strings need no escaping (digits, `.` and `-` only); every other
 * string is escaped by JSON.stringify once and kept, since the same descriptions, sources and warnings
 * come back on every request.
 */
import type { ApiEstimate } from "../domain/pricing/api-fees.js";
import type { Decimal } from "../domain/shared/decimal.js";

/** Escaped form of each string seen, up to a bound (request-given ids included, so never unbounded). */
const escapedStrings = new Map<string, string>();
const MAX_ESCAPED_STRINGS = 10_000;

/** `s` as a JSON string literal. */
function quoted(s: string): string {
  let literal = escapedStrings.get(s);
  if (literal === undefined) {
    literal = JSON.stringify(s);
    if (escapedStrings.size < MAX_ESCAPED_STRINGS) escapedStrings.set(s, literal);
  }
  return literal;
}

/** A Decimal as a JSON string literal: its decimal string needs no escaping. */
function decimal(value: Decimal): string {
  return `"${value.toString()}"`;
}

function estimateJson(e: ApiEstimate): string {
  let out =
    `{"kind":"api","provider":${quoted(e.provider)},"model":${quoted(e.model)},` +
    `"requestedModel":${quoted(e.requestedModel)},"region":${e.region == null ? "null" : quoted(e.region)},` +
    `"priceSheetId":${quoted(e.priceSheetId)},"effectiveFrom":${quoted(e.effectiveFrom)},` +
    `"currency":${quoted(e.currency)},"tierAboveInputTokens":${e.tierAboveInputTokens == null ? "null" : JSON.stringify(e.tierAboveInputTokens)},` +
    `"monthlyCost":${decimal(e.monthlyCost)},` +
    `"costPerMillionTokens":${e.costPerMillionTokens == null ? "null" : decimal(e.costPerMillionTokens)},"lineItems":[`;
  for (let i = 0; i < e.lineItems.length; i++) {
    const item = e.lineItems[i] as ApiEstimate["lineItems"][number];
    out +=
      `${i === 0 ? "" : ","}{"component":${quoted(item.component)},"description":${quoted(item.description)},` +
      `"unit":${quoted(item.unit)},"quantity":${decimal(item.quantity)},"unitPrice":${decimal(item.unitPrice)},` +
      `"cost":${decimal(item.cost)}}`;
  }
  out += `],"assumptions":[`;
  for (let i = 0; i < e.assumptions.length; i++) {
    const a = e.assumptions[i] as ApiEstimate["assumptions"][number];
    out += `${i === 0 ? "" : ","}{"field":${quoted(a.field)},"value":${quoted(a.value)},"source":${quoted(a.source)}}`;
  }
  out += `],"warnings":[`;
  for (let i = 0; i < e.warnings.length; i++)
    out += `${i === 0 ? "" : ","}${quoted(e.warnings[i] as string)}`;
  return `${out}]}`;
}

/** The response body of POST /v1/estimates/api (see the module comment). */
export function apiEstimatesJson(at: string, estimates: readonly ApiEstimate[]): string {
  let out = `{"at":${quoted(at)},"data":[`;
  for (let i = 0; i < estimates.length; i++) {
    out += `${i === 0 ? "" : ","}${estimateJson(estimates[i] as ApiEstimate)}`;
  }
  return `${out}]}`;
}
