/**
 * Volume sweeps: every option's monthly cost over a range of monthly volumes, for plotting.
 *
 * - Volumes are total (input + output) tokens a month at the comparison workload's mix, cache and
 *   batch shares, request size and peak-to-average (workload.ts `scaleWorkload`), whole numbers.
 * - They are log-spaced: v_i = from × (to/from)^(i/(points−1)), placed in floating point and rounded
 *   to whole tokens (they are sample positions: each is then priced exactly); `from` and `to` are
 *   exact, and volumes that round to the same whole number appear once, so a narrow range can return
 *   fewer than `points` volumes.
 * - Defaults: from = 1 % of the workload's volume (at least 1 token), to = 100 × it — four decades
 *   around today's volume, wide enough to show where the answer flips. A workload without tokens has
 *   no default range (give both).
 * - Each option is re-priced at each volume with the comparison's own cost functions
 *   (comparison.ts `monthlyCostCurve`): API fees linear, self-hosting stepping with whole replicas, a
 *   hybrid keeping its replica count or re-optimising it at each volume when it asked for "optimal".
 *   Every curve is therefore non-decreasing in volume.
 */

import { totalTokens } from "../pricing/workload.js";
import { Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import type { Assumption } from "../shared/line-item.js";
import { type ComparedOption, type Comparison, monthlyCostCurve } from "./comparison.js";

/** Most volumes one sweep may ask for. */
export const MAX_SWEEP_POINTS = 1000;
/** Default lower end of a sweep, as a share of the workload's volume. */
export const DEFAULT_SWEEP_FROM_SHARE = dec("0.01");
/** Default upper end of a sweep, as a multiple of the workload's volume. */
export const DEFAULT_SWEEP_TO_MULTIPLE = dec(100);

/** The request's `sweep` object. */
export interface SweepRequest {
  /** How many volumes, 2…1000. */
  points: number;
  /** Lowest monthly volume (input + output tokens), a whole number ≥ 1. */
  from?: Decimal;
  /** Highest monthly volume, a whole number above `from`. */
  to?: Decimal;
}

/** One option's cost curve. */
export interface SweepSeries {
  name: string;
  kind: ComparedOption["kind"];
  /** Position of the option in the request. */
  index: number;
  /** Monthly cost at each of the sweep's `volumes`. */
  costs: Decimal[];
}

/** Cost curves of every option over the same volumes. */
export interface Sweep {
  currency: string;
  from: Decimal;
  to: Decimal;
  /** Points asked for; `volumes` may be fewer where whole-token rounding merges neighbours. */
  points: number;
  /** Monthly volumes (input + output tokens), ascending, whole numbers. */
  volumes: Decimal[];
  /** One per option, in the comparison's (cheapest first) order. */
  series: SweepSeries[];
  /** The defaults used for `from` and `to`, if any. */
  assumptions: Assumption[];
}

/** `points` log-spaced whole volumes from `from` to `to` (both included), without repeats. */
export function logSpacedVolumes(from: Decimal, to: Decimal, points: number): Decimal[] {
  // Sample positions, not money: the points between the ends are placed in floating point (about 16
  // significant digits, far finer than whole tokens up to 2^53 and than any chart) and rounded to whole
  // tokens; the ends are the request's exact values. Every volume is then priced exactly.
  const fromFloat = from.toNumber();
  const toFloat = to.toNumber();
  const lnFrom = Math.log(fromFloat);
  const lnStep = (Math.log(toFloat) - lnFrom) / (points - 1);
  const out: Decimal[] = [from];
  // Whole numbers below 2^52 compare exactly as floats (the rounded positions stay below 2^53), so the
  // repeats are dropped without a Decimal per candidate; larger ranges compare as Decimals.
  if (toFloat < 2 ** 52) {
    let last = fromFloat;
    for (let i = 1; i < points - 1; i++) {
      const v = Math.round(Math.exp(lnFrom + i * lnStep));
      if (v > last && v < toFloat) {
        out.push(new Decimal(v));
        last = v;
      }
    }
  } else {
    let last = from;
    for (let i = 1; i < points - 1; i++) {
      const v = new Decimal(Math.round(Math.exp(lnFrom + i * lnStep)));
      if (v.gt(last) && v.lt(to)) {
        out.push(v);
        last = v;
      }
    }
  }
  out.push(to);
  return out;
}

function wholeTokens(value: Decimal, field: string): Decimal {
  if (!value.isInteger() || value.lt(1)) {
    throw new DomainError(
      "invalid",
      `/sweep/${field}`,
      `sweep.${field} must be a whole number of tokens, at least 1.`,
    );
  }
  return value;
}

/** Every option's monthly cost over log-spaced volumes (see the module comment). */
export function sweep(comparison: Comparison, request: SweepRequest): Sweep {
  const { points } = request;
  if (!Number.isInteger(points) || points < 2 || points > MAX_SWEEP_POINTS) {
    throw new DomainError(
      "invalid",
      "/sweep/points",
      `sweep.points must be a whole number from 2 to ${MAX_SWEEP_POINTS}.`,
    );
  }
  const total = totalTokens(comparison.workload);
  const assumptions: Assumption[] = [];
  const needsDefault = request.from == null || request.to == null;
  if (needsDefault && total.isZero()) {
    throw new DomainError(
      "invalid",
      request.from == null ? "/sweep/from" : "/sweep/to",
      "The workload has no tokens, so the sweep has no default range: give sweep.from and sweep.to.",
    );
  }
  let from: Decimal;
  if (request.from != null) from = wholeTokens(request.from, "from");
  else {
    from = Decimal.max(1, total.times(DEFAULT_SWEEP_FROM_SHARE).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN));
    assumptions.push({
      field: "/sweep/from",
      value: from.toString(),
      source: "default: 1 % of the workload's monthly tokens (input + output)",
    });
  }
  let to: Decimal;
  if (request.to != null) to = wholeTokens(request.to, "to");
  else {
    to = total.times(DEFAULT_SWEEP_TO_MULTIPLE).ceil();
    assumptions.push({
      field: "/sweep/to",
      value: to.toString(),
      source: "default: 100 × the workload's monthly tokens (input + output)",
    });
  }
  if (to.lte(from)) {
    throw new DomainError("invalid", "/sweep/to", `sweep.to (${to}) must be above sweep.from (${from}).`);
  }

  const volumes = logSpacedVolumes(from, to, points);
  const series = comparison.options.map((option): SweepSeries => {
    const curve = monthlyCostCurve(option, comparison.workload);
    return { name: option.name, kind: option.kind, index: option.index, costs: volumes.map(curve) };
  });
  return { currency: comparison.currency, from, to, points, volumes, series, assumptions };
}
