/**
 * Schemas shared by every route: decimal and integer inputs that parse straight to the project's
 * Decimal (refusing NaN, Infinity, hex, locale commas and absurd exponents before decimal.js sees
 * them), decimal-string outputs, the problem document, line items and assumptions.
 */
import { z } from "@hono/zod-openapi";
import { Decimal } from "../domain/shared/decimal.js";

/** Plain decimal notation with an optional small exponent: `12`, `0.25`, `-3.5`, `1.2e6`. */
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
/** No input we accept needs more than this many characters; longer strings are refused unparsed. */
const MAX_DECIMAL_LENGTH = 60;

interface DecimalBounds {
  min?: string;
  max?: string;
  /** When true, `min` itself is refused (value must be greater). */
  minExclusive?: boolean;
  description?: string;
  example?: string;
}

function describeBounds(b: DecimalBounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`${b.minExclusive ? ">" : "≥"} ${b.min}`);
  if (b.max !== undefined) parts.push(`≤ ${b.max}`);
  return parts.join(" and ");
}

const DECIMAL_REFUSED =
  'must be a decimal such as "12.50" or 0.25 (no NaN, Infinity, hex, commas or large exponents)';

/**
 * A decimal accepted as a JSON string or number, parsed exactly into a Decimal. Numbers are taken by
 * their shortest round-trip spelling (0.1 → "0.1"); send strings for more digits than a double holds.
 */
export function decimalInput(bounds: DecimalBounds = {}) {
  const min = bounds.min !== undefined ? new Decimal(bounds.min) : undefined;
  const max = bounds.max !== undefined ? new Decimal(bounds.max) : undefined;
  const minExclusive = bounds.minExclusive === true;
  const range = describeBounds(bounds);
  const outOfRange = `must be ${range}`;
  /** The Decimal, or the message refusing it. */
  const parse = (raw: string | number): Decimal | string => {
    if (typeof raw === "number" && !Number.isFinite(raw)) return "must be a finite decimal";
    const text = typeof raw === "number" ? String(raw) : raw.trim();
    if (text.length > MAX_DECIMAL_LENGTH || !DECIMAL_PATTERN.test(text)) return DECIMAL_REFUSED;
    const value = new Decimal(text);
    if ((min && (minExclusive ? value.lte(min) : value.lt(min))) || (max && value.gt(max))) return outOfRange;
    return value;
  };
  return z
    .union([z.string(), z.number()])
    .transform((raw, ctx): Decimal => {
      const value = parse(raw);
      if (typeof value === "string") {
        ctx.addIssue({ code: "custom", message: value });
        return z.NEVER;
      }
      return value;
    })
    .openapi({
      description: [bounds.description, "Decimal string (preferred) or JSON number", range ? `${range}.` : ""]
        .filter(Boolean)
        .join("; "),
      example: bounds.example,
    });
}

/** A share in [0, 1]. */
export const shareInput = (description: string, example = "0.25") =>
  decimalInput({ min: "0", max: "1", description, example });

/** A money amount ≥ 0 (up to 1e12 per unit). */
export const moneyInput = (description: string, example: string) =>
  decimalInput({ min: "0", max: "1000000000000", description, example });

/** Largest token count per month we accept (a quintillion): far beyond any real workload. */
const MAX_TOKENS = new Decimal("1e18");
const TOKEN_DIGITS = /^\d{1,19}$/;

/** A token count as a Decimal, or the message refusing it. */
function parseTokenCount(raw: string | number): Decimal | string {
  if (typeof raw === "number") {
    if (!Number.isSafeInteger(raw) || raw < 0) {
      return "must be a whole number of tokens ≥ 0 (send integers above 2^53 − 1 as digit strings)";
    }
    return new Decimal(raw);
  }
  if (!TOKEN_DIGITS.test(raw)) return "must be a whole number of tokens ≥ 0 written with digits only";
  const value = new Decimal(raw);
  if (value.gt(MAX_TOKENS)) return "must be ≤ 1e18 tokens";
  return value;
}

/**
 * A non-negative whole number of tokens, as a JSON integer (up to 2^53 − 1) or a digit string (exact
 * beyond that). Parsed to Decimal so arithmetic stays exact.
 */
export function tokenCountInput(description: string, example: number) {
  return z
    .union([z.string(), z.number()])
    .transform((raw, ctx): Decimal => {
      const value = parseTokenCount(raw);
      if (typeof value === "string") {
        ctx.addIssue({ code: "custom", message: value });
        return z.NEVER;
      }
      return value;
    })
    .openapi({ description: `${description}; integer (or digit string), ≥ 0`, example });
}

/** A decimal string in a response: full precision, no exponent, no trailing zeros. */
export const DecimalString = z.string().openapi({
  description: "Exact decimal as a string (full precision; round only for display)",
  example: "12.5",
});

export const CurrencyCode = z.string().openapi({ description: "ISO 4217 currency code", example: "USD" });

/** The digit at `i` of `s` (0–9), or -1 if that character is not an ASCII digit. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Whether `s` is a real calendar date, years 0001–9999. A `YYYY-MM-DD` string is checked by its
 * digits (month 1–12, day within the month, proleptic Gregorian leap years): the same verdict as the
 * Date round trip below gives it, without two Date constructions per request. Anything else has
 * already failed the pattern; it keeps the Date round trip, so whether it also gets this message
 * (`"2024-1-1"` does, `"2024-11"` does not) is unchanged.
 */
function isCalendarDate(s: string): boolean {
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y0 = digitAt(s, 0);
    const y1 = digitAt(s, 1);
    const y2 = digitAt(s, 2);
    const y3 = digitAt(s, 3);
    const m0 = digitAt(s, 5);
    const m1 = digitAt(s, 6);
    const d0 = digitAt(s, 8);
    const d1 = digitAt(s, 9);
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) {
      const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      const month = m0 * 10 + m1;
      const day = d0 * 10 + d1;
      // Year 0000 is a JavaScript date but not a Postgres one (there is no year 0 there).
      if (year < 1 || month < 1 || month > 12 || day < 1) return false;
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days =
        month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
      return day <= days;
    }
  }
  return (
    !s.startsWith("0000") &&
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
    new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)
  );
}

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isCalendarDate, "must be a real calendar date (years 0001–9999)")
  .openapi({ description: "Calendar date YYYY-MM-DD (UTC)", example: "2026-11-01" });

/** NUL and the other C0 control characters but tab, line feed and carriage return, and DEL. */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): invisible,
 * they reorder the text around them, so a stored name could display as another ("Trojan Source",
 * CVE-2021-42574). Left-to-right and right-to-left marks (U+200E, U+200F) reorder nothing and stay.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** `U+202E` for the first bidi control in `s`. */
function firstBidiControl(s: string): string {
  const match = BIDI_CONTROL.exec(s);
  return `U+${(match?.[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Free text that is stored (a source, a note, a name): well-formed Unicode without NUL or other
 * control characters besides tab and line breaks, and without bidi overrides or isolates. Postgres
 * `text` cannot hold NUL, and a lone UTF-16 surrogate would be stored silently altered.
 */
export function storedText(minLength: number, maxLength: number) {
  return z
    .string()
    .min(minLength)
    .max(maxLength)
    .refine((s) => !hasControlCharacter(s) && !LONE_SURROGATE.test(s), {
      message: "must be well-formed text without NUL or control characters (tab and line breaks are fine)",
    })
    .superRefine((s, ctx) => {
      if (BIDI_CONTROL.test(s))
        ctx.addIssue({
          code: "custom",
          message: `must not contain bidirectional override or isolate controls (U+202A–U+202E, U+2066–U+2069); found ${firstBidiControl(s)}`,
        });
    });
}

/** A stored name: {@link storedText} that is not blank (only spaces is no name). */
export function storedName(maxLength: number) {
  return storedText(0, maxLength).refine((s) => s.trim().length > 0, { message: "must not be blank" });
}

export const ProblemFieldErrorSchema = z
  .object({
    pointer: z.string().openapi({
      description: "JSON pointer (RFC 6901) to the field at fault",
      example: "/workload/cachedInputShare",
    }),
    detail: z.string().openapi({ example: "must be ≥ 0 and ≤ 1." }),
  })
  .openapi("ProblemFieldError");

export const ProblemSchema = z
  .object({
    type: z
      .string()
      .openapi({ description: "Problem type URI reference", example: "/problems/validation-error" }),
    title: z.string().openapi({ example: "Validation failed" }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z
      .string()
      .openapi({ example: "The request is invalid at /workload/cachedInputShare: must be ≥ 0 and ≤ 1." }),
    instance: z.string().optional().openapi({ example: "/v1/estimates/api" }),
    errors: z.array(ProblemFieldErrorSchema).optional(),
  })
  .openapi("Problem", { description: "RFC 9457 problem details (`application/problem+json`)" });

export const LineItemSchema = z
  .object({
    component: z.string().openapi({ description: "Stable component name", example: "input" }),
    description: z.string().openapi({ example: "Uncached input tokens" }),
    unit: z.string().openapi({ description: "Pricing unit (FOCUS PricingUnit)", example: "1M tokens" }),
    quantity: DecimalString.openapi({
      description: "Units per month (FOCUS PricingQuantity)",
      example: "1500",
    }),
    unitPrice: DecimalString.openapi({ description: "Price per unit (FOCUS ListUnitPrice)", example: "2.5" }),
    cost: DecimalString.openapi({
      description: "quantity × unitPrice per month (FOCUS ListCost)",
      example: "3750",
    }),
  })
  .openapi("LineItem", { description: "One cost component: cost = quantity × unitPrice, exactly." });

export const AssumptionSchema = z
  .object({
    field: z.string().openapi({
      description: "JSON pointer of the request field that was filled in",
      example: "/workload/batchShare",
    }),
    value: z.string().openapi({ example: "0" }),
    source: z.string().openapi({ example: "default: no batch traffic unless stated" }),
  })
  .openapi("Assumption", { description: "A value the engine used because the request left it out." });

/** `{ data: [...] }` list envelope. */
export const listOf = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item) });

const CURSOR_POSITION = /^(\d{1,17})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A list position (time in microseconds since 1970, and row id) as an opaque, URL-safe cursor. */
export function encodeCursor(position: { createdAtMicros: string; id: string }): string {
  return btoa(`${position.createdAtMicros}.${position.id}`)
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** The position in a cursor made by {@link encodeCursor}, or undefined for anything else. */
function decodeCursor(cursor: string): { createdAtMicros: string; id: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(cursor)) return undefined;
  let text: string;
  try {
    text = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return undefined;
  }
  const match = CURSOR_POSITION.exec(text);
  return match ? { createdAtMicros: match[1] as string, id: match[2] as string } : undefined;
}

/** `limit` and `cursor` of a paged list (DESIGN §4 "Lists"). */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ description: "Items per page, 1–1000 (default 100)", example: 100 }),
  cursor: z
    .string()
    .transform((cursor, ctx) => {
      const position = decodeCursor(cursor);
      if (!position) {
        ctx.addIssue({ code: "custom", message: "must be a nextCursor from a previous page of this list" });
        return z.NEVER;
      }
      return position;
    })
    .optional()
    .openapi({ description: "`nextCursor` of the previous page (opaque)", type: "string" }),
});

/** `{ data: [...], nextCursor }`: one page of a list; `nextCursor` is null on the last page. */
export const pagedListOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `cursor` for the next page; null on the last page" }),
  });

/**
 * Query of a paged list kept in memory (the catalogue's models, prices and sheets): the same `limit`
 * as {@link PageQuery}, and a cursor that api/http/paging.ts reads (a bad one → 400 there).
 */
export const pageQuery = {
  limit: PageQuery.shape.limit,
  cursor: z.string().min(1).max(500).optional().openapi({
    description: "Opaque cursor from the previous page's `nextCursor`",
  }),
};

/**
 * A received value named safely inside an error message: a short string quoted, anything else by its
 * kind — never serialised whole (a hostile, deeply nested value would overflow the stack).
 */
export function nameReceived(input: unknown): string {
  if (typeof input === "string") return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (input === null) return "null";
  return Array.isArray(input) ? "an array" : `a ${typeof input}`;
}
