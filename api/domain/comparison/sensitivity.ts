/**
 * Sensitivity of a break-even: how the volume at which self-hosting beats an API moves when each
 * main assumption moves by ±20 % (a tornado table, most influential first).
 *
 * Parameters (low = value × (1 − swing), high = value × (1 + swing), everything else held):
 * - hardware price: purchase price per accelerator and any server overhead per replica; for a rented
 *   deployment the rent per accelerator-hour;
 * - lifetime (purchase only — rented hardware has no lifetime: the row is skipped, saying so);
 * - utilisation ceiling (maxUtilization), capped at 1;
 * - electricity price and PUE (PUE floored at 1) — skipped when the deployment has no energy line
 *   (cloud rent includes power);
 * - throughput (tokens per second per replica);
 * - API price: every rate of the offering (input, output, cache, tiers) scaled together.
 *
 * Ordering: rows where the change decides WHETHER self-hosting ever wins (a break-even on one side,
 * none on the other) come first — their spread is unbounded; then rows by the spread |high − low| of
 * the break-even volumes, largest first; then rows with no break-even on either side. Ties keep the
 * order of the list above.
 */

import type { ResolvedOffering } from "../pricing/price-catalog.js";
import { scaleTokenRates } from "../pricing/price-entry.js";
import type { SelfHostedCostTerms } from "../self-hosting/self-hosted.js";
import { type Decimal, dec, ONE } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { type BreakEven, type BreakEvenInput, breakEven } from "./break-even.js";
import type { Comparison } from "./comparison.js";

/** The assumptions a sensitivity table varies. */
export type SensitivityParameter =
  | "hardwarePrice"
  | "lifetimeYears"
  | "maxUtilization"
  | "pricePerKwh"
  | "pue"
  | "throughput"
  | "apiPrice";

/** One side of a row: the parameter value used and the break-even it gives. */
export interface SensitivityCase {
  value: Decimal;
  /** Break-even volume (input + output tokens a month), or null when self-hosting never wins. */
  monthlyTokens: Decimal | null;
  /** Set when the value was capped (maxUtilization ≤ 1, PUE ≥ 1). */
  note: string | null;
}

/** One row of the tornado table. */
export interface SensitivityRow {
  parameter: SensitivityParameter;
  label: string;
  /** The request field the parameter comes from (relative to the option, or the API's price sheet). */
  field: string;
  unit: string;
  base: Decimal;
  low: SensitivityCase;
  high: SensitivityCase;
  /** |high − low| in tokens a month when both break even; null when unbounded or undefined (see `influence`). */
  spread: Decimal | null;
  /**
   * `decides-whether`: self-hosting wins on one side and never on the other (unbounded spread);
   * `moves`: it moves the break-even by `spread`; `none`: no break-even either side.
   */
  influence: "decides-whether" | "moves" | "none";
}

/** The tornado table of one self-hosted × API pair. */
export interface SensitivityTable {
  selfHosted: string;
  api: string;
  /** The relative change applied each way (0.2 = ±20 %). */
  swing: Decimal;
  /** The break-even at the assumptions as given. */
  base: BreakEven;
  /** Most influential first. */
  rows: SensitivityRow[];
  /** Parameters that do not apply to this deployment, and why. */
  skipped: { parameter: SensitivityParameter; label: string; reason: string }[];
}

/** The default swing: ±20 %. */
export const DEFAULT_SENSITIVITY_SWING = dec("0.2");

interface Variation {
  parameter: SensitivityParameter;
  label: string;
  field: string;
  unit: string;
  base: Decimal;
  /** The pair with the parameter multiplied by `factor`, the value used and any note. */
  apply(factor: Decimal): { input: BreakEvenInput; value: Decimal; note: string | null };
}

function scaleOffering(offering: ResolvedOffering, factor: Decimal): ResolvedOffering {
  return { ...offering, price: scaleTokenRates(offering.price, factor) };
}

/** The variations that apply to a pair, and the reasons for those that do not. */
interface Variations {
  apply: Variation[];
  skipped: SensitivityTable["skipped"];
}

/** The pair with other self-hosted terms, all else as given. */
type WithTerms = (next: SelfHostedCostTerms) => BreakEvenInput;

/** Build the variations that apply to this pair, and the reasons for those that do not. */
function variations(input: BreakEvenInput): Variations {
  const terms = input.selfHosted.terms;
  const withTerms: WithTerms = (next) => ({
    ...input,
    selfHosted: { ...input.selfHosted, terms: next },
  });
  const acquisition = acquisitionVariations(terms, withTerms);
  const power = powerVariations(terms, withTerms);
  return {
    apply: [
      ...acquisition.apply,
      maxUtilizationVariation(terms, withTerms),
      ...power.apply,
      throughputVariation(terms, withTerms),
      apiPriceVariation(input),
    ],
    skipped: [...acquisition.skipped, ...power.skipped],
  };
}

/** Hardware price (purchase or rent) and, for bought hardware, its lifetime. */
function acquisitionVariations(terms: SelfHostedCostTerms, withTerms: WithTerms): Variations {
  const apply: Variation[] = [];
  const skipped: SensitivityTable["skipped"] = [];
  const acq = terms.acquisition;

  if (acq.mode === "purchase") {
    apply.push({
      parameter: "hardwarePrice",
      label: "Hardware price (per accelerator, with any server overhead)",
      field: "/deployment/acquisition/pricePerAccelerator",
      unit: "USD per accelerator",
      base: acq.pricePerAccelerator,
      apply: (f) => ({
        input: withTerms({
          ...terms,
          acquisition: {
            ...acq,
            pricePerAccelerator: acq.pricePerAccelerator.times(f),
            overheadPerReplica: acq.overheadPerReplica.times(f),
          },
        }),
        value: acq.pricePerAccelerator.times(f),
        note: null,
      }),
    });
    apply.push({
      parameter: "lifetimeYears",
      label: "Hardware lifetime",
      field: "/deployment/acquisition/lifetimeYears",
      unit: "years",
      base: acq.lifetimeYears,
      apply: (f) => ({
        input: withTerms({ ...terms, acquisition: { ...acq, lifetimeYears: acq.lifetimeYears.times(f) } }),
        value: acq.lifetimeYears.times(f),
        note: null,
      }),
    });
  } else {
    apply.push({
      parameter: "hardwarePrice",
      label: "Hardware price (rent per accelerator-hour)",
      field: "/deployment/acquisition/pricePerAcceleratorHour",
      unit: "USD per accelerator-hour",
      base: acq.pricePerAcceleratorHour,
      apply: (f) => ({
        input: withTerms({
          ...terms,
          acquisition: { ...acq, pricePerAcceleratorHour: acq.pricePerAcceleratorHour.times(f) },
        }),
        value: acq.pricePerAcceleratorHour.times(f),
        note: null,
      }),
    });
    skipped.push({
      parameter: "lifetimeYears",
      label: "Hardware lifetime",
      reason: "Not applicable: rented hardware is paid by the hour and has no lifetime to amortise over.",
    });
  }
  return { apply, skipped };
}

/** The utilisation ceiling, capped at 1. */
function maxUtilizationVariation(terms: SelfHostedCostTerms, withTerms: WithTerms): Variation {
  return {
    parameter: "maxUtilization",
    label: "Utilisation ceiling (maxUtilization)",
    field: "/deployment/maxUtilization",
    unit: "share of throughput",
    base: terms.maxUtilization,
    apply: (f) => {
      const wanted = terms.maxUtilization.times(f);
      const value = wanted.gt(ONE) ? ONE : wanted;
      return {
        input: withTerms({ ...terms, maxUtilization: value }),
        value,
        note: wanted.gt(ONE)
          ? `capped at 1 (${wanted} asked): a replica cannot run above its full throughput`
          : null,
      };
    },
  };
}

/** Electricity price and PUE (floored at 1), or why not: a deployment with no energy line. */
function powerVariations(terms: SelfHostedCostTerms, withTerms: WithTerms): Variations {
  const apply: Variation[] = [];
  const skipped: SensitivityTable["skipped"] = [];
  const power = terms.power;
  if (power) {
    apply.push({
      parameter: "pricePerKwh",
      label: "Electricity price",
      field: "/deployment/power/pricePerKwh",
      unit: "USD per kWh",
      base: power.pricePerKwh,
      apply: (f) => ({
        input: withTerms({ ...terms, power: { ...power, pricePerKwh: power.pricePerKwh.times(f) } }),
        value: power.pricePerKwh.times(f),
        note: null,
      }),
    });
    apply.push({
      parameter: "pue",
      label: "Power usage effectiveness (PUE)",
      field: "/deployment/power/pue",
      unit: "ratio",
      base: power.pue,
      apply: (f) => {
        const wanted = power.pue.times(f);
        const value = wanted.lt(ONE) ? ONE : wanted;
        return {
          input: withTerms({ ...terms, power: { ...power, pue: value } }),
          value,
          note: wanted.lt(ONE)
            ? `floored at 1 (${wanted} asked): a facility cannot use less than its IT load`
            : null,
        };
      },
    });
  } else {
    const reason = "Not applicable: the deployment has no energy line (cloud rent includes power).";
    skipped.push({ parameter: "pricePerKwh", label: "Electricity price", reason });
    skipped.push({ parameter: "pue", label: "Power usage effectiveness (PUE)", reason });
  }
  return { apply, skipped };
}

/** Tokens per second per replica. */
function throughputVariation(terms: SelfHostedCostTerms, withTerms: WithTerms): Variation {
  return {
    parameter: "throughput",
    label: "Throughput per replica",
    field: "/deployment/throughput/tokensPerSecond",
    unit: `${terms.counts === "output" ? "output " : ""}tokens per second`,
    base: terms.tokensPerSecond,
    apply: (f) => ({
      input: withTerms({ ...terms, tokensPerSecond: terms.tokensPerSecond.times(f) }),
      value: terms.tokensPerSecond.times(f),
      note: null,
    }),
  };
}

/** Every rate of the API offering, scaled together. */
function apiPriceVariation(input: BreakEvenInput): Variation {
  const offering = input.api.offering;
  return {
    parameter: "apiPrice",
    label: `API price (${input.api.name}, every rate)`,
    field: "/prices/outputPerMillion",
    unit: "USD per 1M output tokens (all rates scaled alike)",
    base: offering.price.outputPerMillion,
    apply: (f) => ({
      input: { ...input, api: { ...input.api, offering: scaleOffering(offering, f) } },
      value: offering.price.outputPerMillion.times(f),
      note: null,
    }),
  };
}

const influenceOrder = { "decides-whether": 0, moves: 1, none: 2 } as const;

/** The tornado table of one self-hosted × API pair (see the module comment). */
export function breakEvenSensitivity(
  input: BreakEvenInput,
  swing: Decimal = DEFAULT_SENSITIVITY_SWING,
): SensitivityTable {
  if (swing.lte(0) || swing.gte(ONE)) {
    throw new DomainError(
      "invalid",
      "/sensitivity/swing",
      "The swing must be above 0 and below 1 (0.2 = ±20 %).",
    );
  }
  const base = breakEven(input);
  const { apply, skipped } = variations(input);
  const rows = apply.map((v, order): SensitivityRow & { order: number } => {
    const side = (factor: Decimal): SensitivityCase => {
      const varied = v.apply(factor);
      return { value: varied.value, monthlyTokens: breakEven(varied.input).monthlyTokens, note: varied.note };
    };
    const low = side(ONE.minus(swing));
    const high = side(ONE.plus(swing));
    const found = [low.monthlyTokens, high.monthlyTokens, base.monthlyTokens].filter((x) => x != null).length;
    const influence =
      low.monthlyTokens && high.monthlyTokens ? "moves" : found > 0 ? "decides-whether" : ("none" as const);
    const spread =
      low.monthlyTokens && high.monthlyTokens ? high.monthlyTokens.minus(low.monthlyTokens).abs() : null;
    const { apply: _apply, ...described } = v;
    return { ...described, low, high, spread, influence, order };
  });
  rows.sort((a, b) => {
    const byInfluence = influenceOrder[a.influence] - influenceOrder[b.influence];
    if (byInfluence !== 0) return byInfluence;
    if (a.spread && b.spread) {
      const bySpread = b.spread.comparedTo(a.spread);
      if (bySpread !== 0) return bySpread;
    }
    return a.order - b.order;
  });
  return {
    selfHosted: input.selfHosted.name,
    api: input.api.name,
    swing,
    base,
    rows: rows.map(({ order: _order, ...row }) => row),
    skipped,
  };
}

/**
 * The tornado table of a comparison's self-hosted option `selfHosted` against its API option `api`
 * (by name). Unknown names, or names of the wrong kind, are DomainErrors pointing at
 * `/sensitivity/selfHosted` or `/sensitivity/api`.
 */
export function comparisonSensitivity(
  comparison: Comparison,
  pair: { selfHosted: string; api: string },
  swing: Decimal = DEFAULT_SENSITIVITY_SWING,
): SensitivityTable {
  const self = comparison.options.find((o) => o.name === pair.selfHosted);
  if (self?.pricing.kind !== "self-hosted") {
    throw new DomainError(
      "invalid",
      "/sensitivity/selfHosted",
      `'${pair.selfHosted}' is not the name of a self-hosted option of this comparison.`,
    );
  }
  const api = comparison.options.find((o) => o.name === pair.api);
  if (api?.pricing.kind !== "api") {
    throw new DomainError(
      "invalid",
      "/sensitivity/api",
      `'${pair.api}' is not the name of an API option of this comparison (API options are named provider/model).`,
    );
  }
  return breakEvenSensitivity(
    {
      workload: comparison.workload,
      selfHosted: { name: self.name, terms: self.pricing.terms },
      api: { name: api.name, offering: api.pricing.offering },
    },
    swing,
  );
}
