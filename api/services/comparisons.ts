/**
 * A comparison request against the catalogue snapshot: look every option up, price and rank them, and
 * add the sweep and sensitivity table when asked. Shared by `POST /v1/comparisons` and saved scenarios.
 */
import {
  type Comparison,
  type ComparisonCatalogs,
  type ComparisonOption,
  compareOptions,
  resolveComparisonOptions,
} from "../domain/comparison/comparison.js";
import { comparisonSensitivity, type SensitivityTable } from "../domain/comparison/sensitivity.js";
import { type Sweep, sweep } from "../domain/comparison/sweep.js";
import { resolveWorkload, type WorkloadInput } from "../domain/pricing/workload.js";
import type { Decimal } from "../domain/shared/decimal.js";
import { withPointerPrefix } from "../domain/shared/errors.js";
import type { Snapshot } from "./catalog-store.js";
import { lookupAccelerator, lookupSelfHostedModel } from "./estimates.js";

export interface ComparisonRequest {
  workload: WorkloadInput;
  options: ComparisonOption[];
  sweep?: { points: number; from?: Decimal; to?: Decimal };
  sensitivity?: { selfHosted: string; api: string };
}

export interface ComparisonResult {
  comparison: Comparison;
  sweep?: Sweep;
  sensitivity?: SensitivityTable;
}

/** Points of the sweep drawn when a chart is asked for without one. */
const DEFAULT_CHART_POINTS = 100;

/**
 * The snapshot's look-ups as a comparison needs them, at `at`: each look-up's own error (pointing at
 * the id it was given) is placed at the field the comparison names.
 */
export function comparisonCatalogs(snapshot: Snapshot, at: string): ComparisonCatalogs {
  return {
    // The option's pointer goes into the look-up, not around it: the fee engine places region errors
    // with the resolved offering's pointer too.
    offering: (provider, model, pointer, region) =>
      snapshot.prices.resolveOffering(provider, model, at, pointer, region ?? null),
    selfHostedModel: (modelId, pointer) =>
      withPointerPrefix(pointer, () => lookupSelfHostedModel(snapshot, modelId)),
    accelerator: (acceleratorId, pointer) =>
      withPointerPrefix(pointer, () => lookupAccelerator(snapshot, acceleratorId)),
  };
}

/** Price a comparison at `at`; `chart` adds a default sweep when the request has none. */
export function runComparison(
  snapshot: Snapshot,
  request: ComparisonRequest,
  at: string,
  chart = false,
): ComparisonResult {
  const { workload, assumptions } = resolveWorkload(request.workload);
  const options = resolveComparisonOptions(request.options, comparisonCatalogs(snapshot, at));
  const comparison = compareOptions({
    workload,
    workloadAssumptions: assumptions,
    options,
    benchmarks: snapshot.hardware.benchmarks,
    defaults: snapshot.hardware.defaults,
  });
  const sweepRequest = request.sweep ?? (chart ? { points: DEFAULT_CHART_POINTS } : undefined);
  return {
    comparison,
    ...(sweepRequest ? { sweep: sweep(comparison, sweepRequest) } : {}),
    ...(request.sensitivity ? { sensitivity: comparisonSensitivity(comparison, request.sensitivity) } : {}),
  };
}
