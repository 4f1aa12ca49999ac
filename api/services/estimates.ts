/**
 * Estimates against the in-memory catalogue snapshot: look the request's ids up (404 problems naming
 * the field when unknown), then call the pure domain engines. Shared by the estimate and comparison
 * routes.
 */
import { type ApiEstimate, estimateApiFees } from "../domain/api-fees.js";
import { DomainError } from "../domain/errors.js";
import {
  type DeploymentRequest,
  estimateSelfHosted,
  type SelfHostedEstimate,
  type SelfHostedInput,
} from "../domain/self-hosted.js";
import type { Workload } from "../domain/workload.js";
import type { Snapshot } from "./catalog-store.js";

/** Price one API offering at a date. `pointer` locates the offering in the request. */
export function apiEstimate(
  snapshot: Snapshot,
  workload: Workload,
  offering: { provider: string; model: string },
  at: string,
  pointer: string,
): ApiEstimate {
  const resolved = snapshot.prices.resolveOffering(offering.provider, offering.model, at, pointer);
  return estimateApiFees(workload, resolved, offering.model);
}

/** Everything the self-hosted engine needs for a deployment, looked up in the snapshot. */
export function selfHostedInput(
  snapshot: Snapshot,
  workload: Workload,
  deployment: DeploymentRequest,
  pointer: string,
): SelfHostedInput {
  const model = snapshot.prices.models.get(deployment.model);
  if (!model) throw new DomainError("not-found", `${pointer}/model`, `Unknown model '${deployment.model}'.`);
  const accelerator = snapshot.hardware.accelerators.get(deployment.accelerator);
  if (!accelerator) {
    throw new DomainError(
      "not-found",
      `${pointer}/accelerator`,
      `Unknown accelerator '${deployment.accelerator}'.`,
    );
  }
  return {
    workload,
    deployment,
    model: {
      id: model.id,
      family: model.family,
      contextWindow: model.contextWindow,
      architecture: model.architecture,
    },
    accelerator,
    benchmarks: snapshot.hardware.benchmarks,
    defaults: snapshot.hardware.defaults,
  };
}

/**
 * TCO of serving a workload on a deployment. The engine points its errors at `/deployment/…`; they are
 * re-pointed at the deployment's place in this request (e.g. `/options/2/deployment/…`).
 */
export function selfHostedEstimate(
  snapshot: Snapshot,
  workload: Workload,
  deployment: DeploymentRequest,
  pointer: string,
): SelfHostedEstimate {
  try {
    return estimateSelfHosted(selfHostedInput(snapshot, workload, deployment, pointer));
  } catch (error) {
    if (
      error instanceof DomainError &&
      pointer !== "/deployment" &&
      error.pointer.startsWith("/deployment")
    ) {
      throw new DomainError(error.kind, pointer + error.pointer.slice("/deployment".length), error.detail);
    }
    throw error;
  }
}
