/**
 * An option's monthly cost at other monthly volumes — total input + output tokens at the workload's
 * own mix, cache and batch shares, request size (so context tier) and peak-to-average — for the code
 * that evaluates it hundreds of times: sweeps, break-even searches.
 *
 * - API fees are linear in the volume: api(V) = V × api(T) / T, T the workload's own volume — the
 *   token classes, service-tier, request-size and time-window shares stay as they are, and requests
 *   and tool calls per month scale with the volume (`scaleWorkload`), so request and tool fees do too. The
 *   slope api(T) / T is divided once; it is exact whenever the mix divides (input / T terminates,
 *   as with any round-number workload), otherwise correct to the project's 40 significant digits, and
 *   the curve passes through the estimate itself at V = T.
 * - Self-hosting steps with whole replicas: n(V) = max(1, ⌈required(V) × peakToAverage / capacity⌉),
 *   required(V) = V, or V × output / T when the throughput counts output tokens (sizing.ts). The
 *   ceiling is taken of the exact ratio: estimated in floating point, then settled by exact Decimal
 *   comparisons, so no division per volume. The cost of n replicas is `replicaStepCosts` (memoised).
 *
 * Both agree with a full estimate of the workload scaled to V (`scaleWorkload`, which the reference
 * functions {@link apiCostOfScaledWorkload} and {@link selfHostedCostOfScaledWorkload} price): digit
 * for digit when the mix divides, to 40 significant digits otherwise (tested as properties).
 */
import { estimateApiFees } from "../pricing/api-fees.js";
import type { ResolvedOffering } from "../pricing/price-catalog.js";
import { scaleWorkload, totalTokens, type Workload } from "../pricing/workload.js";
import { costOfServing, type SelfHostedCostTerms, sizeForTerms } from "../self-hosting/self-hosted.js";
import { capacityTokensPerMonth } from "../self-hosting/sizing.js";
import {
  type DeploymentCost,
  deploymentCost,
  hourlyCostPerReplica,
  type ReplicaHourlyCost,
} from "../self-hosting/tco.js";
import type { Decimal } from "../shared/decimal.js";

/** A cost as a function of the monthly volume (input + output tokens). */
export type VolumeCurve<T> = (volume: Decimal) => T;

/** A deployment's cost at each whole replica count (memoised: share one across curves of the same terms). */
export type ReplicaStepCosts = (replicas: number) => DeploymentCost;

/**
 * The step cost of whole replicas: n ↦ deploymentCost(terms, n replicas), memoised. One replica's
 * hourly cost (the capital recovery factor's fractional powers: a fraction of a millisecond) is
 * computed once for all counts — or not at all when the caller has it from the estimate of these very
 * terms (`SelfHostedEstimate.replicaHourlyCost`); each count then only multiplies out its line items.
 */
export function replicaStepCosts(terms: SelfHostedCostTerms, known?: ReplicaHourlyCost): ReplicaStepCosts {
  const table = new Map<number, DeploymentCost>();
  let hourly: ReplicaHourlyCost | undefined = known;
  return (replicas) => {
    let cost = table.get(replicas);
    if (!cost) {
      hourly ??= hourlyCostPerReplica(terms);
      cost = deploymentCost({ ...terms, replicas }, hourly);
      table.set(replicas, cost);
    }
    return cost;
  };
}

/** A workload's total volume; throws scaleWorkload's DomainError when it has none (no mix to keep). */
function mixVolume(workload: Workload): Decimal {
  const total = totalTokens(workload);
  if (total.isZero()) scaleWorkload(workload, total);
  return total;
}

/** API fees at any volume (see the module comment); `monthlyCost` is the estimate at the workload's own volume, if known. */
export function apiCostCurve(
  offering: ResolvedOffering,
  workload: Workload,
  monthlyCost: Decimal = estimateApiFees(workload, offering, offering.model.id).monthlyCost,
): VolumeCurve<Decimal> {
  const total = mixVolume(workload);
  const perToken = monthlyCost.div(total);
  return (volume) => (volume.eq(total) ? monthlyCost : perToken.times(volume));
}

/** Replicas needed at any volume (see the module comment). */
export function replicaCurve(terms: SelfHostedCostTerms, workload: Workload): VolumeCurve<number> {
  const total = mixVolume(workload);
  const capacity = capacityTokensPerMonth(terms.tokensPerSecond, terms.maxUtilization);
  // n replicas carry V iff V × load ≤ n × perReplica: the sizing inequality multiplied out by T when
  // only the output share counts, so no volume needs dividing.
  const load =
    terms.counts === "output"
      ? workload.outputTokensPerMonth.times(workload.peakToAverage)
      : workload.peakToAverage;
  const perReplica = terms.counts === "output" ? capacity.times(total) : capacity;
  // The float estimate of n: volume as a number × (load / perReplica), worked out once. toNumber() of
  // the 40-digit product volume × load cost more than the exact comparisons that settle n.
  const replicasPerToken = load.toNumber() / perReplica.toNumber();
  // A refused deployment (no throughput or utilisation) or a count out of floating-point range: the
  // sizing decides, and says why in its own words.
  const sizeExactly = (volume: Decimal) => sizeForTerms(terms, scaleWorkload(workload, volume)).replicas;
  if (!capacity.isPositive() || capacity.isZero()) return sizeExactly;
  // n × perReplica, memoised: a sweep's or a break-even's volumes fall on few replica counts, so the
  // two exact comparisons per volume mostly reuse their products.
  const carriedBy = new Map<number, Decimal>();
  const carried = (n: number): Decimal => {
    let c = carriedBy.get(n);
    if (!c) {
      c = perReplica.times(n);
      carriedBy.set(n, c);
    }
    return c;
  };
  return (volume) => {
    const needed = volume.times(load);
    let n = Math.ceil(volume.toNumber() * replicasPerToken);
    if (!(n >= 0 && n < Number.MAX_SAFE_INTEGER)) return sizeExactly(volume);
    while (n > 0 && carried(n - 1).gte(needed)) n--;
    while (carried(n).lt(needed)) n++;
    return Math.max(1, n);
  };
}

/** Self-hosted monthly cost and replicas at any volume (see the module comment). */
export function selfHostedCostCurve(
  terms: SelfHostedCostTerms,
  workload: Workload,
  steps: ReplicaStepCosts = replicaStepCosts(terms),
): VolumeCurve<{ monthlyCost: Decimal; replicas: number }> {
  const replicasAt = replicaCurve(terms, workload);
  return (volume) => {
    const replicas = replicasAt(volume);
    return { monthlyCost: steps(replicas).monthlyCost, replicas };
  };
}

/** Reference: API fees of a full estimate of the workload scaled to `volume` (slow; for tests). */
export function apiCostOfScaledWorkload(
  offering: ResolvedOffering,
  workload: Workload,
  volume: Decimal,
): Decimal {
  return estimateApiFees(scaleWorkload(workload, volume), offering, offering.model.id).monthlyCost;
}

/** Reference: self-hosted cost and replicas of the workload scaled to `volume` (slow; for tests). */
export function selfHostedCostOfScaledWorkload(
  terms: SelfHostedCostTerms,
  workload: Workload,
  volume: Decimal,
): { monthlyCost: Decimal; replicas: number } {
  const { sizing, cost } = costOfServing(terms, scaleWorkload(workload, volume));
  return { monthlyCost: cost.monthlyCost, replicas: sizing.replicas };
}

/** API fees at one volume: {@link apiCostCurve} evaluated once. */
export function apiCostAtVolume(offering: ResolvedOffering, workload: Workload, volume: Decimal): Decimal {
  return apiCostCurve(offering, workload)(volume);
}

/** Self-hosted monthly cost and replicas at one volume: {@link selfHostedCostCurve} evaluated once. */
export function selfHostedCostAtVolume(
  terms: SelfHostedCostTerms,
  workload: Workload,
  volume: Decimal,
): { monthlyCost: Decimal; replicas: number } {
  return selfHostedCostCurve(terms, workload)(volume);
}
