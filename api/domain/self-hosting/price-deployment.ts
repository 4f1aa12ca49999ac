/**
 * The pricing step of a self-hosted estimate: size a resolved deployment for a workload (sizing.ts)
 * and price it as line items (tco.ts) — once. Comparisons re-price the same terms at other volumes
 * through {@link costOfServing}, so every price of a deployment goes through the same two calls.
 */

import type { Workload } from "../pricing/workload.js";
import { PER_MILLION, ZERO } from "../shared/decimal.js";
import type { SelfHostedCostTerms, SelfHostedEstimate } from "./deployment.js";
import type { ResolvedDeployment } from "./resolve-deployment.js";
import { type Sizing, sizeReplicas } from "./sizing.js";
import { type DeploymentCost, deploymentCost } from "./tco.js";

type WorkloadVolume = Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth" | "peakToAverage">;

/** The replicas a workload needs on a deployment whose terms are resolved (sizing.ts). */
export function sizeForTerms(terms: SelfHostedCostTerms, workload: WorkloadVolume): Sizing {
  return sizeReplicas({
    inputTokensPerMonth: workload.inputTokensPerMonth,
    outputTokensPerMonth: workload.outputTokensPerMonth,
    peakToAverage: workload.peakToAverage,
    tokensPerSecond: terms.tokensPerSecond,
    counts: terms.counts,
    maxUtilization: terms.maxUtilization,
  });
}

/**
 * The cost of serving `workload` on a deployment whose terms are already resolved: the sizing
 * (sizing.ts) and the line items (tco.ts) that {@link priceDeployment} reports, so
 * `costOfServing(estimate.terms, workload).cost.monthlyCost` equals `estimate.monthlyCost` exactly.
 * Comparisons re-price a deployment at other volumes (break-even, sweeps, sensitivity) through it.
 */
export function costOfServing(
  terms: SelfHostedCostTerms,
  workload: WorkloadVolume,
): { sizing: Sizing; cost: DeploymentCost } {
  const sizing = sizeForTerms(terms, workload);
  return { sizing, cost: deploymentCost({ ...terms, replicas: sizing.replicas }) };
}

/** Size and price a resolved deployment for `workload`: the estimate's numbers around `resolved`. */
export function priceDeployment(resolved: ResolvedDeployment, workload: Workload): SelfHostedEstimate {
  const { sizing, cost } = costOfServing(resolved.terms, workload);
  const totalTokens = workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth);
  return {
    model: resolved.model,
    accelerator: resolved.accelerator,
    currency: "USD",
    monthlyCost: cost.monthlyCost,
    replicas: sizing.replicas,
    hourlyCostPerReplica: cost.hourly.total,
    replicaHourlyCost: cost.hourly,
    capacityTokensPerMonth: sizing.capacityTokensPerMonth,
    requiredTokensPerMonth: sizing.requiredTokensPerMonth,
    utilization: sizing.utilization,
    costPerMillionTokens: totalTokens.gt(ZERO) ? cost.monthlyCost.div(totalTokens.times(PER_MILLION)) : null,
    costPerMillionOutputTokens: workload.outputTokensPerMonth.gt(ZERO)
      ? cost.monthlyCost.div(workload.outputTokensPerMonth.times(PER_MILLION))
      : null,
    deployment: resolved.deployment,
    throughput: resolved.throughput,
    memory: resolved.memory,
    lineItems: cost.lineItems,
    assumptions: resolved.assumptions,
    warnings: resolved.warnings,
    terms: resolved.terms,
  };
}
