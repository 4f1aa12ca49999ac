/**
 * Estimates against the in-memory catalogue snapshot: look the request's ids up (404 problems naming
 * the field when unknown), then call the pure domain engines. The look-ups are shared with comparisons.
 */
import { type ApiEstimate, estimateApiFees } from "../domain/pricing/api-fees.js";
import type { Workload } from "../domain/pricing/workload.js";
import {
  type CatalogAccelerator,
  type DeploymentRequest,
  estimateSelfHosted,
  type SelfHostedEstimate,
  type SelfHostedModel,
} from "../domain/self-hosting/self-hosted.js";
import { DomainError, withPointerPrefix } from "../domain/shared/errors.js";
import type { Snapshot } from "./catalog-store.js";

/**
 * Price one API offering at a date. The offering sits at `offeringPointer` in the request: a look-up
 * or region error points under it (`…/provider`, `…/model`, `…/region`); a fee error names the workload
 * field it cannot price (`/workload/serviceTierMix/fast`), at the request's top level.
 */
export function apiEstimate(
  snapshot: Snapshot,
  workload: Workload,
  offering: { provider: string; model: string; region?: string | undefined },
  at: string,
  offeringPointer: string,
): ApiEstimate {
  const resolved = snapshot.prices.resolveOffering(
    offering.provider,
    offering.model,
    at,
    offeringPointer,
    offering.region ?? null,
  );
  return estimateApiFees(workload, resolved, offering.model);
}

/** A model as the self-hosted engine needs it; unknown → a 404 whose pointer is the id itself (""). */
export function lookupSelfHostedModel(snapshot: Snapshot, modelId: string): SelfHostedModel {
  const model = snapshot.prices.models.get(modelId);
  if (!model) throw new DomainError("not-found", "", `Unknown model '${modelId}'.`);
  return {
    id: model.id,
    family: model.family,
    contextWindow: model.contextWindow,
    architecture: model.architecture,
  };
}

/** An accelerator of the catalogue; unknown → a 404 whose pointer is the id itself (""). */
export function lookupAccelerator(snapshot: Snapshot, acceleratorId: string): CatalogAccelerator {
  const accelerator = snapshot.hardware.accelerators.get(acceleratorId);
  if (!accelerator) throw new DomainError("not-found", "", `Unknown accelerator '${acceleratorId}'.`);
  return accelerator;
}

/**
 * TCO of serving a workload on the request's `deployment`. Look-up errors point at `/deployment/…`;
 * the estimate's own errors, relative to the deployment, are placed under `/deployment`.
 */
export function selfHostedEstimate(
  snapshot: Snapshot,
  workload: Workload,
  deployment: DeploymentRequest,
): SelfHostedEstimate {
  const model = withPointerPrefix("/deployment/model", () =>
    lookupSelfHostedModel(snapshot, deployment.model),
  );
  const accelerator = withPointerPrefix("/deployment/accelerator", () =>
    lookupAccelerator(snapshot, deployment.accelerator),
  );
  return withPointerPrefix("/deployment", () =>
    estimateSelfHosted({
      workload,
      deployment,
      model,
      accelerator,
      benchmarks: snapshot.hardware.benchmarks,
      defaults: snapshot.hardware.defaults,
      at: { deployment: "/deployment", workload: "/workload" },
    }),
  );
}
