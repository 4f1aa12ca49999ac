/**
 * Break-even between a self-hosted deployment and an API offering: the monthly volume (input + output
 * tokens at the workload's mix) from which self-hosting is cheaper — computed exactly from the step
 * cost of whole replicas against the API's linear cost, never by sampling.
 *
 * ## The two cost curves (volume-cost.ts: the estimates' costs at other volumes)
 * At a volume V the workload keeps its input/output mix, cache and batch shares, request size
 * (context tier) and peak-to-average, so
 * - API: api(V) = a·V, linear, a = the estimate's $ per token ({@link apiCostCurve});
 * - self-hosted: self(V) = C(n(V)) ({@link selfHostedCostCurve}), a step
 *   function of the replica count n(V) = max(1, ceil(required(V) × peakToAverage / capacity)), where
 *   required(V) is the output share of V when the throughput counts output tokens, else V, and
 *   C(n) = F + n·m (F: operations, fixed; m: one replica's month of capital, maintenance or rent,
 *   energy and facilities).
 *
 * ## The algorithm
 * Let K = capacity / (countedShare × peakToAverage) be the total tokens one replica carries at the
 * mix, and d = a·K − m what a fully used replica saves per month against the API.
 * 1. Step n covers the volumes lo(n)..hi(n), hi(n) = floor(n·K) (checked against the real sizing).
 *    Within a step the self-hosted cost is constant and the API cost grows, so the step holds a
 *    crossing iff api(hi(n)) > C(n), and its first winning volume is floor(C(n)/a) + 1 (checked
 *    against the real cost functions, so self(V) < api(V) and self(V−1) ≥ api(V−1) hold exactly).
 * 2. d ≤ 0: a·hi(n) ≤ a·n·K ≤ n·m ≤ C(n) for every n — self-hosting never wins (the first steps are
 *    still checked explicitly).
 * 3. d > 0: no step n with n·d ≤ F can hold a crossing and every step with n·d ≥ F + a does, so only
 *    the steps from floor(F/d) on are scanned, about a/d + 2 of them.
 * 4. After the first crossing self-hosting can lose again at the start of a later step (one more
 *    replica's cost before the API has caught up). The worst volume of step n is lo(n); losses are
 *    impossible once n·d ≥ F + a·K, so the steps below that are scanned downwards for the last loss:
 *    `staysCheaper` and `cheaperAtAllVolumesFrom` say whether and from where the win is for good.
 *    (d > 0 is necessary for it, not sufficient right after the first crossing.)
 * A saving per replica-month below 1/1000 of a token's API price (a/d > 1000) counts as parity: the
 * curves are parallel to within rounding and no meaningful break-even exists.
 */

import type { ResolvedOffering } from "../pricing/price-catalog.js";
import { totalTokens, type Workload } from "../pricing/workload.js";
import type { SelfHostedCostTerms } from "../self-hosting/self-hosted.js";
import { capacityTokensPerMonth, rawTokensPerMonth } from "../self-hosting/sizing.js";
import { Decimal, dec, MILLION, ONE, PER_MILLION, ZERO } from "../shared/decimal.js";
import {
  apiCostCurve,
  type ReplicaStepCosts,
  replicaCurve,
  replicaStepCosts,
  selfHostedCostCurve,
} from "./volume-cost.js";

/** Beyond this ratio a/d the two curves are treated as parallel (see the module comment). */
const PARITY_STEPS = 1000;
/** Replica counts above this are out of any realistic range (and of exact JS integers' comfort). */
const MAX_REPLICAS = 1e12;
/**
 * Monthly volumes above this are out of any realistic range (requests accept at most 1e18), and past
 * about 1e39 a token more or less is lost in the 40-digit decimals, so the token-by-token search in
 * `crossingIn` could never move: a crossing beyond it counts as none.
 */
const MAX_VOLUME = dec("1e30");

/** A self-hosted × API pair to find the break-even of. */
export interface BreakEvenInput {
  /** The workload that fixes the mix (input/output, cache and batch shares, tier, peak-to-average). */
  workload: Workload;
  /** `steps`: the deployment's memoised replica costs, when the caller already has them. */
  selfHosted: { name: string; terms: SelfHostedCostTerms; steps?: ReplicaStepCosts };
  /**
   * `monthlyCost`: the API estimate of this very workload on this offering, when the caller already
   * has it (a comparison does), so the fees are not estimated a second time.
   */
  api: { name: string; offering: ResolvedOffering; monthlyCost?: Decimal };
}

/** Where self-hosting becomes cheaper than the API, with the figures that decide it. */
export interface BreakEven {
  /** Name of the self-hosted option. */
  selfHosted: string;
  /** Name of the API option. */
  api: string;
  currency: string;
  /**
   * Smallest monthly volume (input + output tokens, an integer) at which self-hosting is strictly
   * cheaper; null when it never is (see `reason`).
   */
  monthlyTokens: Decimal | null;
  /** Why there is no break-even; null when there is one. */
  noBreakEven: NoBreakEven | null;
  /** API cost at `monthlyTokens` (the self-hosted cost there is `selfHostedMonthlyCost`, lower). */
  apiMonthlyCost: Decimal | null;
  selfHostedMonthlyCost: Decimal | null;
  /** Replicas self-hosting needs at `monthlyTokens`. */
  replicas: number | null;
  /** True when self-hosting stays cheaper at every volume above `monthlyTokens`. */
  staysCheaper: boolean | null;
  /** Smallest volume from which self-hosting is cheaper at every larger volume; null if never. */
  cheaperAtAllVolumesFrom: Decimal | null;
  /** API fees per 1M tokens at the workload's mix. */
  apiCostPerMillionTokens: Decimal;
  /** One replica's monthly cost over the tokens it carries at full use, per 1M (null: unbounded capacity). */
  selfHostedCostPerMillionTokensAtFullUse: Decimal | null;
  /** m: one replica's monthly cost (capital/maintenance or rent, energy, facilities). */
  replicaMonthlyCost: Decimal;
  /** F: monthly cost that does not depend on the replica count (operations staff). */
  fixedMonthlyCost: Decimal;
  /** K: total tokens per month one replica carries at the mix, maxUtilization and peak factor; null = unbounded. */
  tokensPerReplicaMonth: Decimal | null;
  /**
   * Average utilisation (as sizing.ts defines it: served / raw throughput) at which ONE replica's
   * whole monthly cost (operations included) equals the API fees for the tokens it serves. May be
   * above 1 (one replica can never get there); null when the API is free or a replica is never busy.
   */
  breakEvenUtilization: Decimal | null;
  /** How `breakEvenUtilization` compares with what one replica can reach. */
  breakEvenUtilizationCase: BreakEvenUtilizationCase;
  /** The planning ceiling maxUtilization / peak-to-average; null when the workload has no tokens. */
  utilizationCeiling: Decimal | null;
}

/** How a replica is loaded at the workload's mix: the figures behind "never cheaper". */
export interface ReplicaLoad {
  maxUtilization: Decimal;
  peakToAverage: Decimal;
  /** Share of the volume the throughput counts (its output tokens); null when it counts every token. */
  countedShare: Decimal | null;
}

/** Why a self-hosted × API pair has no break-even. */
export type NoBreakEven =
  | { kind: "no-tokens" }
  | { kind: "api-free" }
  /** A crossing, if any, lies beyond `monthlyTokens` (out of any realistic range). */
  | { kind: "beyond-volume"; monthlyTokens: Decimal }
  /** Only beyond `replicas`: each saves `savingPerReplicaMonth` at full use against the fixed cost. */
  | { kind: "beyond-replicas"; replicas: Decimal; savingPerReplicaMonth: Decimal }
  /**
   * `costlier-at-full-use`: a fully used replica costs at least the API's price per token;
   * `parity`: it saves less than 1/1000 of one token's price a month; `no-crossing-found`: the step
   * costs say a crossing must exist but none was found (unreachable by the module comment's argument).
   */
  | { kind: "costlier-at-full-use" | "parity" | "no-crossing-found"; load: ReplicaLoad };

/**
 * Where one replica's break-even utilisation lies: `above-full-use` (over 100 %), `above-ceiling`
 * (over maxUtilization / peak-to-average), `within-ceiling`; or why there is none (`no-tokens`,
 * `api-free`, `no-counted-tokens`: the throughput counts output tokens and the workload has none).
 */
export type BreakEvenUtilizationCase =
  | "no-tokens"
  | "api-free"
  | "no-counted-tokens"
  | "above-full-use"
  | "above-ceiling"
  | "within-ceiling";

/** Find the break-even of one self-hosted × API pair (see the module comment for the algorithm). */
export function breakEven(input: BreakEvenInput): BreakEven {
  const { workload, selfHosted, api } = input;
  const terms = selfHosted.terms;
  const currency = api.offering.sheet.currency;

  // C(n) exactly as the estimate prices n replicas; C(0) is the operations staff alone.
  const costs = selfHosted.steps ?? replicaStepCosts(terms);
  const stepCost = (n: number): Decimal => costs(n).monthlyCost;
  const fixed = stepCost(0);
  const perReplica = stepCost(1).minus(fixed);

  const total = totalTokens(workload);
  const base = {
    selfHosted: selfHosted.name,
    api: api.name,
    currency,
    replicaMonthlyCost: perReplica,
    fixedMonthlyCost: fixed,
  };
  if (total.isZero()) {
    return {
      ...base,
      ...never({ kind: "no-tokens" }),
      apiCostPerMillionTokens: ZERO,
      selfHostedCostPerMillionTokensAtFullUse: null,
      tokensPerReplicaMonth: null,
      breakEvenUtilization: null,
      breakEvenUtilizationCase: "no-tokens",
      utilizationCeiling: null,
    };
  }

  const apiAt = apiCostCurve(api.offering, workload, api.monthlyCost);
  const apiPerMillion = apiAt(MILLION);
  const perToken = apiPerMillion.times(PER_MILLION);
  const countedShare = terms.counts === "output" ? workload.outputTokensPerMonth.div(total) : ONE;
  const load = countedShare.times(workload.peakToAverage);
  const capacity = capacityTokensPerMonth(terms.tokensPerSecond, terms.maxUtilization);
  const perReplicaTokens = load.gt(ZERO) ? capacity.div(load) : null;
  const fullUsePerMillion = perReplicaTokens ? perReplica.div(perReplicaTokens).times(MILLION) : null;

  const utilization = breakEvenUtilizationOf(terms, workload, perToken, countedShare, stepCost(1));
  const figures = {
    apiCostPerMillionTokens: apiPerMillion,
    selfHostedCostPerMillionTokensAtFullUse: fullUsePerMillion,
    tokensPerReplicaMonth: perReplicaTokens,
    breakEvenUtilization: utilization.value,
    breakEvenUtilizationCase: utilization.case,
    utilizationCeiling: terms.maxUtilization.div(workload.peakToAverage),
  };

  const crossing = crossingOrWhyNot({
    terms,
    workload,
    perToken,
    perReplicaTokens,
    countedShare,
    fixed,
    perReplica,
    stepCost,
    apiAt,
    replicasAt: replicaCurve(terms, workload),
  });
  if ("kind" in crossing) return { ...base, ...figures, ...never(crossing) };
  const self = selfHostedCostCurve(terms, workload, costs)(crossing.first);
  return {
    ...base,
    ...figures,
    monthlyTokens: crossing.first,
    noBreakEven: null,
    apiMonthlyCost: apiAt(crossing.first),
    selfHostedMonthlyCost: self.monthlyCost,
    replicas: self.replicas,
    staysCheaper: crossing.staysCheaper,
    cheaperAtAllVolumesFrom: crossing.allFrom,
  };
}

/** The first volume at which self-hosting wins, whether it stays cheaper, and from where for good. */
interface Crossing {
  first: Decimal;
  staysCheaper: boolean;
  allFrom: Decimal | null;
}

/** Step n's volumes and crossing, memoised: the scans ask for the same steps again. */
interface ReplicaStepSearch {
  /** Largest whole volume served by at most n replicas (null: no limit). */
  highest(n: number): Decimal | null;
  /** Smallest volume that needs n replicas (0 for the first step). */
  lowest(n: number): Decimal;
  /** First volume of step n at which self-hosting is strictly cheaper, or null. */
  crossingIn(n: number): Decimal | null;
}

/** The curves of one pair at the workload's mix: a, K, C(n), api(V) and n(V). */
interface PairCurves {
  perToken: Decimal;
  perReplicaTokens: Decimal | null;
  stepCost: (n: number) => Decimal;
  apiAt: (v: Decimal) => Decimal;
  replicasAt: (v: Decimal) => number;
}

/** Step bounds checked against the real sizing, and crossings against the real cost functions. */
function replicaStepSearch(curves: PairCurves): ReplicaStepSearch {
  const { perToken, perReplicaTokens, stepCost, apiAt, replicasAt } = curves;
  const highestByStep = new Map<number, Decimal>();
  /** Largest whole volume served by at most n replicas (null: no limit); memoised, the scans ask again. */
  const highest = (n: number): Decimal | null => {
    if (!perReplicaTokens) return null;
    let v = highestByStep.get(n);
    if (v) return v;
    v = perReplicaTokens.times(n).floor();
    while (v.gt(ZERO) && replicasAt(v) > n) v = v.minus(ONE);
    while (replicasAt(v.plus(ONE)) <= n) v = v.plus(ONE);
    highestByStep.set(n, v);
    return v;
  };
  const lowest = (n: number): Decimal => (n <= 1 ? ZERO : (highest(n - 1) as Decimal).plus(ONE));
  /** First volume of step n at which self-hosting is strictly cheaper, or null. */
  const crossingIn = (n: number): Decimal | null => {
    if (perToken.lte(ZERO)) return null;
    const c = stepCost(n);
    const estimate = c.div(perToken).floor().plus(ONE);
    if (estimate.gt(MAX_VOLUME)) return null;
    const lo = lowest(n);
    const hi = highest(n);
    let v = Decimal.max(lo, estimate);
    while (v.gt(lo) && apiAt(v.minus(ONE)).gt(c)) v = v.minus(ONE);
    while ((hi == null || v.lte(hi)) && apiAt(v).lte(c)) v = v.plus(ONE);
    return hi == null || v.lte(hi) ? v : null;
  };
  return { highest, lowest, crossingIn };
}

/** What the scan for a crossing needs: the pair's curves, its terms and workload, F and m. */
interface CrossingScan extends PairCurves {
  terms: SelfHostedCostTerms;
  workload: Workload;
  countedShare: Decimal;
  fixed: Decimal;
  perReplica: Decimal;
}

/** Steps 2–4 of the module comment: the first crossing and whether it holds, or why there is none. */
function crossingOrWhyNot(scan: CrossingScan): Crossing | NoBreakEven {
  const { terms, workload, perToken, perReplicaTokens, countedShare, fixed, perReplica, stepCost, apiAt } =
    scan;
  const { lowest, crossingIn } = replicaStepSearch(scan);
  if (perToken.lte(ZERO)) return { kind: "api-free" };
  if (!perReplicaTokens) {
    // One replica carries any volume (no counted tokens or no peak): a single step.
    const v = crossingIn(1);
    if (!v) return { kind: "beyond-volume", monthlyTokens: MAX_VOLUME };
    return { first: v, staysCheaper: true, allFrom: v };
  }

  const saving = perToken.times(perReplicaTokens).minus(perReplica); // d
  const replicaLoad: ReplicaLoad = {
    maxUtilization: terms.maxUtilization,
    peakToAverage: workload.peakToAverage,
    countedShare: terms.counts === "output" ? countedShare : null,
  };

  const firstSteps = [1, 2, 3];
  if (saving.lte(ZERO)) {
    for (const n of firstSteps) {
      const v = crossingIn(n);
      // Only Decimal rounding at the 40th digit could get here; the real cost functions decide.
      if (v) return { first: v, staysCheaper: false, allFrom: null };
    }
    return { kind: "costlier-at-full-use", load: replicaLoad };
  }
  if (perToken.div(saving).gt(PARITY_STEPS)) return { kind: "parity", load: replicaLoad };
  const startStep = fixed.div(saving).floor().minus(2);
  if (startStep.gt(MAX_REPLICAS)) {
    return { kind: "beyond-replicas", replicas: dec(MAX_REPLICAS), savingPerReplicaMonth: saving };
  }

  // 3. The first crossing.
  const scanFrom = Math.max(firstSteps.length + 1, startStep.toNumber());
  const scanTo = scanFrom + perToken.div(saving).ceil().toNumber() + 6;
  let firstStep = 0;
  let first: Decimal | null = null;
  for (const n of [...firstSteps, ...range(scanFrom, scanTo)]) {
    first = crossingIn(n);
    if (first) {
      firstStep = n;
      break;
    }
  }
  if (!first) {
    // Unreachable by the argument above; say so rather than guess.
    return { kind: "no-crossing-found", load: replicaLoad };
  }

  // 4. Does it stay cheaper? Scan down from the last step at which a loss is possible.
  // Losses are certain while n·d ≤ F + a·K − a, so this finds one within about a/d + 2 steps.
  const lastPossibleLoss = fixed.plus(perToken.times(perReplicaTokens)).div(saving).floor().toNumber() + 2;
  for (let n = lastPossibleLoss; n > firstStep; n--) {
    const lo = lowest(n);
    if (apiAt(lo).lte(stepCost(n))) {
      const v = crossingIn(n);
      return { first, staysCheaper: false, allFrom: v ?? lowest(n + 1) };
    }
  }
  return { first, staysCheaper: true, allFrom: first };
}

/** One replica's break-even utilisation and how it compares with what a replica can reach. */
function breakEvenUtilizationOf(
  terms: SelfHostedCostTerms,
  workload: Workload,
  perToken: Decimal,
  countedShare: Decimal,
  oneReplicaCost: Decimal,
): { value: Decimal | null; case: BreakEvenUtilizationCase } {
  if (perToken.lte(ZERO)) return { value: null, case: "api-free" };
  if (countedShare.isZero()) return { value: null, case: "no-counted-tokens" };
  const raw = rawTokensPerMonth(terms.tokensPerSecond);
  const value = oneReplicaCost.times(countedShare).div(perToken.times(raw));
  const ceiling = terms.maxUtilization.div(workload.peakToAverage);
  return {
    value,
    case: value.gt(ONE) ? "above-full-use" : value.gt(ceiling) ? "above-ceiling" : "within-ceiling",
  };
}

function never(why: NoBreakEven) {
  return {
    monthlyTokens: null,
    noBreakEven: why,
    apiMonthlyCost: null,
    selfHostedMonthlyCost: null,
    replicas: null,
    staysCheaper: null,
    cheaperAtAllVolumesFrom: null,
  };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}
