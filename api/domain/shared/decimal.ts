/**
 * The project's one Decimal configuration. Every money, rate and share computation goes through it.
 *
 * - precision 40 significant digits: far beyond any price × volume we handle (1e15 tokens × 1e3 $/M),
 *   so intermediate results are exact for all realistic inputs;
 * - ROUND_HALF_EVEN (banker's rounding) where rounding is unavoidable (divisions, CRF powers);
 * - toExpNeg/toExpPos widened so `toString()` never emits exponent notation on the wire.
 */
import { Decimal as DecimalJs } from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  maxE: 9e15,
  minE: -9e15,
});
export type Decimal = InstanceType<typeof Decimal>;
export type DecimalInput = Decimal | string | number;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const MILLION = new Decimal(1_000_000);
/** 1e-6, exactly: `x.times(PER_MILLION)` equals `x.div(MILLION)` (a shift of the decimal point) at a fraction of the cost. */
export const PER_MILLION = new Decimal("0.000001");
/** Hours in an average month: 8,760 / 12. */
export const HOURS_PER_MONTH = new Decimal(730);
export const HOURS_PER_YEAR = new Decimal(8760);

/** Make a Decimal from a Decimal, a decimal string or a (safe) number. */
export function dec(value: DecimalInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** Decimal string for the wire: full precision, no exponent, no trailing zeros. */
export function decStr(value: Decimal): string {
  return value.toString();
}

/** Same as {@link decStr} for optional values. */
export function decStrOrNull(value: Decimal | null | undefined): string | null {
  return value == null ? null : value.toString();
}
