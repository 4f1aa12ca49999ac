/**
 * Hybrid plans — the seed article's "hybrid future": a fixed fleet of self-hosted replicas serves
 * the workload up to its capacity and an API takes the overflow.
 *
 * - One replica carries capacity × maxUtilization tokens a month of the kind its throughput counts
 *   (sizing.ts); at the workload's mix that is K = capacity / countedShare total tokens (countedShare =
 *   the output share when the throughput counts output tokens, else 1; no output → unbounded).
 * - n replicas serve min(V, n·K) of the monthly volume V; the overflow V − n·K (if positive) goes to
 *   the API, priced with estimateApiFees on the workload scaled to the overflow volume (same mix, cache
 *   and batch shares, request size, so the same tier).
 * - cost(n) = the replicas' full monthly cost (capital/maintenance or rent, energy, facilities and
 *   operations: tco.ts deploymentCost) + the API fees on the overflow. n = 0 is the API alone: no
 *   replicas and no operations staff.
 * - Peak-to-average does not size a hybrid's replicas: they run up to their planning capacity on
 *   average and the overflow API absorbs the rest, peaks included (an assumption in every estimate).
 *   With a spiky load the replicas serve somewhat less than that on average, so the overflow is a
 *   lower bound.
 *
 * `replicas: "optimal"` finds the count in 0…N (N = the replicas that would serve everything,
 * ceil(V / K)) with the lowest cost, exactly: for n ≥ 1, cost(n) = F + n·m + a·max(0, V − n·K) is
 * convex (linear plus a convex hinge), so its minimum over 1…N is at 1, floor(V/K) or ceil(V/K); the
 * search evaluates those and 0 with the real cost functions and keeps the cheapest (the fewest
 * replicas on a tie).
 */
import type { ApiEstimate } from "../pricing/api-fees.js";
import { estimateApiFees } from "../pricing/api-fees.js";
import type { ResolvedOffering } from "../pricing/price-catalog.js";
import { scaleWorkload, totalTokens, type Workload } from "../pricing/workload.js";
import type { SelfHostedCostTerms } from "../self-hosting/self-hosted.js";
import { capacityTokensPerMonth, rawTokensPerMonth } from "../self-hosting/sizing.js";
import type { DeploymentCost } from "../self-hosting/tco.js";
import { type Decimal, dec, ONE, PER_MILLION, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { type Assumption, type LineItem, lineItem } from "../shared/line-item.js";
import { replicaStepCosts } from "./volume-cost.js";

/** Most replicas a hybrid plan may name. */
export const MAX_HYBRID_REPLICAS = 100_000;

/** A hybrid plan with its deployment terms resolved and its overflow offering looked up. */
export interface HybridPlan {
  name: string;
  /** Replicas to run, or "optimal" for the count with the lowest monthly cost. */
  replicas: number | "optimal";
  terms: SelfHostedCostTerms;
  overflow: {
    /** Display name of the overflow offering, e.g. `openai/gpt-4o`. */
    name: string;
    offering: ResolvedOffering;
    /** The model (or alias) the request named. */
    requestedModel: string;
  };
}

/** The monthly cost of a hybrid at one replica count. */
export interface HybridCost {
  replicas: number;
  monthlyCost: Decimal;
  /** Replicas' full cost, operations included (0 with no replicas). */
  selfHostedMonthlyCost: Decimal;
  /** API fees on the overflow. */
  overflowMonthlyCost: Decimal;
  /** Input + output tokens the replicas serve. */
  selfServedTokensPerMonth: Decimal;
  /** Input + output tokens sent to the API. */
  overflowTokensPerMonth: Decimal;
}

/** A priced hybrid plan: the chosen replica count, the split, line items and the overflow estimate. */
export interface HybridEstimate extends HybridCost {
  name: string;
  currency: string;
  /** Whether the request fixed the replica count or asked for the optimal one. */
  replicasChosen: "given" | "optimal";
  /** Blended over input + output; null when the workload has no tokens. */
  costPerMillionTokens: Decimal | null;
  /** Total tokens a month one replica serves at the workload's mix; null = unbounded. */
  tokensPerReplicaMonth: Decimal | null;
  /** Replicas that would serve the whole workload (the optimal search's upper bound). */
  replicasToServeAll: number;
  /** Average utilisation of the replicas' raw throughput; null with no replicas. */
  utilization: Decimal | null;
  /** The overflow's API estimate (on the overflow volume). */
  overflow: ApiEstimate;
  /** The counts the optimal search priced, fewest replicas first; null for a given count. */
  search: { replicas: number; monthlyCost: Decimal }[] | null;
  /** Self-hosted line items (as in a self-hosted estimate), then the API's as `overflow-…`. */
  lineItems: LineItem[];
  assumptions: Assumption[];
  warnings: string[];
}

/** Share of the volume the throughput counts: the output share for output-counted throughput, else 1. */
function countedShare(terms: SelfHostedCostTerms, workload: Workload): Decimal {
  if (terms.counts === "total") return ONE;
  const total = totalTokens(workload);
  return total.isZero() ? ZERO : workload.outputTokensPerMonth.div(total);
}

/** Total tokens a month one replica serves in a hybrid at the workload's mix; null = unbounded. */
export function hybridTokensPerReplica(terms: SelfHostedCostTerms, workload: Workload): Decimal | null {
  const share = countedShare(terms, workload);
  if (share.isZero()) return null;
  return capacityTokensPerMonth(terms.tokensPerSecond, terms.maxUtilization).div(share);
}

/** A hybrid's costs evaluated at several replica counts for one workload (memoised step costs). */
class HybridPricer {
  readonly total: Decimal;
  readonly perReplica: Decimal | null;
  private readonly stepCosts: (replicas: number) => DeploymentCost;

  constructor(
    readonly workload: Workload,
    readonly plan: HybridPlan,
    stepCosts?: (replicas: number) => DeploymentCost,
  ) {
    this.total = totalTokens(workload);
    this.perReplica = hybridTokensPerReplica(plan.terms, workload);
    this.stepCosts = stepCosts ?? replicaStepCosts(plan.terms);
  }

  get replicasToServeAll(): number {
    if (this.total.isZero()) return 0;
    if (!this.perReplica) return 1;
    return this.total.div(this.perReplica).ceil().toNumber();
  }

  split(replicas: number): { self: Decimal; overflow: Decimal } {
    const capacity = this.perReplica ? this.perReplica.times(replicas) : replicas > 0 ? this.total : ZERO;
    const self = capacity.lt(this.total) ? capacity : this.total;
    return { self, overflow: this.total.minus(self) };
  }

  overflowEstimate(overflow: Decimal): ApiEstimate {
    const w = overflow.eq(this.total) ? this.workload : scaleWorkload(this.workload, overflow);
    return estimateApiFees(w, this.plan.overflow.offering, this.plan.overflow.requestedModel);
  }

  deployment(replicas: number): DeploymentCost | null {
    return replicas > 0 ? this.stepCosts(replicas) : null;
  }

  cost(replicas: number): HybridCost & { api: ApiEstimate; deployment: DeploymentCost | null } {
    const { self, overflow } = this.split(replicas);
    const api = this.overflowEstimate(overflow);
    const deployment = this.deployment(replicas);
    const selfHostedMonthlyCost = deployment?.monthlyCost ?? ZERO;
    // Summed item by item in line-item order, so it is exactly the sum of the estimate's line items.
    const items = [...(deployment?.lineItems ?? []), ...api.lineItems];
    return {
      replicas,
      monthlyCost: items.reduce((sum, item) => sum.plus(item.cost), ZERO),
      selfHostedMonthlyCost,
      overflowMonthlyCost: api.monthlyCost,
      selfServedTokensPerMonth: self,
      overflowTokensPerMonth: overflow,
      api,
      deployment,
    };
  }

  /** The counts the convexity argument needs: 0, 1, floor(V/K), ceil(V/K) within 0…N. */
  candidates(): number[] {
    const all = this.replicasToServeAll;
    const set = new Set<number>([0, Math.min(1, all), all]);
    if (this.perReplica) set.add(Math.min(all, this.total.div(this.perReplica).floor().toNumber()));
    return [...set].sort((a, b) => a - b);
  }

  optimal(): { best: number; search: { replicas: number; monthlyCost: Decimal }[] } {
    const search = this.candidates().map((replicas) => ({
      replicas,
      monthlyCost: this.cost(replicas).monthlyCost,
    }));
    let best = search[0] as { replicas: number; monthlyCost: Decimal };
    for (const entry of search) if (entry.monthlyCost.lt(best.monthlyCost)) best = entry;
    return { best: best.replicas, search };
  }
}

/** A replica count the plan can be priced with; the error's pointer is relative to the plan. */
function checkReplicas(replicas: number | "optimal"): void {
  if (replicas === "optimal") return;
  if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_HYBRID_REPLICAS) {
    throw new DomainError(
      "invalid",
      "/replicas",
      `replicas must be a whole number from 0 to ${MAX_HYBRID_REPLICAS}, or "optimal".`,
    );
  }
}

/**
 * The monthly cost of a hybrid plan for `workload` (the optimal count re-searched for it when the
 * plan asks for "optimal"). Cheaper than {@link priceHybrid}: no line items. Pass `stepCosts` (from
 * replicaStepCosts) to share memoised replica costs across many workloads, e.g. a sweep.
 */
export function hybridMonthlyCost(
  workload: Workload,
  plan: HybridPlan,
  stepCosts?: (replicas: number) => DeploymentCost,
): Decimal {
  checkReplicas(plan.replicas);
  const pricer = new HybridPricer(workload, plan, stepCosts);
  if (plan.replicas === "optimal") {
    const { best, search } = pricer.optimal();
    return (search.find((s) => s.replicas === best) as { monthlyCost: Decimal }).monthlyCost;
  }
  return pricer.cost(plan.replicas).monthlyCost;
}

/**
 * Price a hybrid plan for a workload: line items of the replicas and of the overflow API, the split
 * of tokens, and for `replicas: "optimal"` the counts searched. `pointer` is the plan's JSON pointer in
 * the request (e.g. `/options/3`), naming its assumptions; errors point relative to the plan
 * (`/replicas`) for the caller to place. `stepCosts` as for {@link hybridMonthlyCost}.
 */
export function priceHybrid(
  workload: Workload,
  plan: HybridPlan,
  pointer = "",
  stepCosts?: (replicas: number) => DeploymentCost,
): HybridEstimate {
  checkReplicas(plan.replicas);
  const pricer = new HybridPricer(workload, plan, stepCosts);
  const assumptions: Assumption[] = [];
  const warnings: string[] = [];
  let search: HybridEstimate["search"] = null;
  let replicas: number;
  if (plan.replicas === "optimal") {
    const optimal = pricer.optimal();
    replicas = optimal.best;
    search = optimal.search;
    assumptions.push({
      field: `${pointer}/replicas`,
      value: String(replicas),
      source:
        `optimal: the count in 0…${pricer.replicasToServeAll} with the lowest monthly cost of replicas plus overflow ` +
        "(the cost is convex in the count, so 0, 1 and the two counts around volume ÷ capacity decide it)",
    });
  } else {
    replicas = plan.replicas;
    if (replicas > pricer.replicasToServeAll) {
      warnings.push(
        `${replicas} replicas are more than the ${pricer.replicasToServeAll} that serve the whole workload; the rest stand idle.`,
      );
    }
  }
  assumptions.push({
    field: "/workload/peakToAverage",
    value: workload.peakToAverage.toString(),
    source:
      "hybrid: the replicas serve up to capacity × maxUtilization on average and the overflow API takes the rest, " +
      "peaks included; peak-to-average does not size a hybrid's replicas",
  });

  const cost = pricer.cost(replicas);
  const api = cost.api;
  const lineItems: LineItem[] = [...(cost.deployment?.lineItems ?? [])];
  for (const item of api.lineItems) {
    lineItems.push(
      lineItem(
        `overflow-${item.component}`,
        `Overflow to ${plan.overflow.name}: ${item.description}`,
        item.unit,
        item.quantity,
        item.unitPrice,
      ),
    );
  }
  for (const w of api.warnings) warnings.push(`Overflow: ${w}`);
  assumptions.push(...api.assumptions);

  const raw = rawTokensPerMonth(plan.terms.tokensPerSecond);
  const counted = countedShare(plan.terms, workload);
  const total = pricer.total;
  return {
    name: plan.name,
    currency: plan.overflow.offering.sheet.currency,
    replicas,
    replicasChosen: plan.replicas === "optimal" ? "optimal" : "given",
    monthlyCost: cost.monthlyCost,
    selfHostedMonthlyCost: cost.selfHostedMonthlyCost,
    overflowMonthlyCost: cost.overflowMonthlyCost,
    selfServedTokensPerMonth: cost.selfServedTokensPerMonth,
    overflowTokensPerMonth: cost.overflowTokensPerMonth,
    costPerMillionTokens: total.isZero() ? null : cost.monthlyCost.div(total.times(PER_MILLION)),
    tokensPerReplicaMonth: pricer.perReplica,
    replicasToServeAll: pricer.replicasToServeAll,
    utilization:
      replicas > 0 ? cost.selfServedTokensPerMonth.times(counted).div(raw.times(dec(replicas))) : null,
    overflow: api,
    search,
    lineItems,
    assumptions,
    warnings,
  };
}
