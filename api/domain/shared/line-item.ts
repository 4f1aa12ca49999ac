/**
 * The one cost line-item shape every estimate is made of (the Infracost cost component, mapped to
 * FinOps FOCUS: unit ≈ PricingUnit, quantity ≈ PricingQuantity, unitPrice ≈ ListUnitPrice,
 * cost ≈ ListCost). `cost` is always exactly `quantity × unitPrice`.
 */
import type { Decimal } from "./decimal.js";

export interface LineItem {
  /** Stable machine name of the component, e.g. `input`, `output-batch`, `capital`, `energy`. */
  component: string;
  /** Human description of what is charged. */
  description: string;
  /** Pricing unit, e.g. `1M tokens`, `replica-hour`, `FTE-month`. */
  unit: string;
  /** How many units per month. */
  quantity: Decimal;
  /** Price per unit in the estimate's currency. */
  unitPrice: Decimal;
  /** quantity × unitPrice, per month. */
  cost: Decimal;
}

/** Build a line item whose cost is quantity × unitPrice, so the identity holds by construction. */
export function lineItem(
  component: string,
  description: string,
  unit: string,
  quantity: Decimal,
  unitPrice: Decimal,
): LineItem {
  return { component, description, unit, quantity, unitPrice, cost: quantity.times(unitPrice) };
}

/** Assumption the engine filled in for a field the caller left out. */
export interface Assumption {
  /** JSON pointer-like path of the request field, e.g. `/deployment/power/pue`. */
  field: string;
  /** The value used, as a string (decimal string for numbers). */
  value: string;
  /** Where the value comes from: a catalogue source URL/description, or `default`. */
  source: string;
}
