/**
 * `estimateSelfHosted`: the TCO of serving a workload on a self-hosted (bought or rented) deployment —
 * the domain behind `POST /v1/estimates/self-hosted`. Pure: plain data in (Decimals already parsed,
 * catalogue entries already looked up), plain data out.
 *
 * Defaults, each reported in `assumptions[]` with its source when the caller leaves the field out:
 * - acquisition: purchase at the catalogue's default (first) purchase price; rent at its default
 *   rent price when `mode: "rent"` has no price. No sourced price → DomainError `no-price`.
 * - local: true for consumer hardware that is bought (RTX 4090, Apple silicon — the GPT4All-class
 *   "edge / offline" case). Local means: batch 1 (`concurrency` 1), layers split over the devices in
 *   turn (llama.cpp), INT4 weights (GGUF Q4-class), PUE 1, no facilities and no operations staff.
 * - precision: local → int4; otherwise fp8 where the accelerator has FP8 tensor cores (the precision
 *   of the published H100/H200/MI300X measurements and of TensorRT-LLM's FP8 engines), else bf16.
 * - kvCachePrecision: fp8 with fp8 weights, else 16-bit (see memory.ts).
 * - acceleratorsPerReplica: the smallest power of two ≤ 8 whose memory (less the margin) holds the
 *   weights plus one full-context sequence; 8 with a warning when nothing fits.
 * - throughput: the closest published measurement if one matches, else the roofline estimate.
 * - power (purchase): accelerators × (the catalogue's system watts per accelerator where sourced, else
 *   TDP × serverPowerFactor 1.82 from DGX H100), load factor 0.75, PUE 1.56, EIA industrial $/kWh.
 *   Rent: no energy line (cloud rent includes power) unless `power.wattsPerReplica` is given
 *   (colocation); the other power fields then default as for purchase.
 * - facilities: $200 per server-month × servers per replica (8 accelerators per server); 0 for cloud
 *   rent (in the hourly price) unless power is given (colocation), 0 for local use.
 * - operations: 0.25 FTE × $18,000 per FTE-month for the deployment.
 * - maxUtilization 0.9; memory margin 0.1.
 *
 * A deployment that does not fit still prices, with `memory.fits: false` and a warning. The domain never
 * divides by zero: zero throughput and impossible estimates throw a DomainError whose pointer is
 * relative to the deployment (`/acceleratorsPerReplica`); the caller places it (`withPrefix`).
 *
 * Layout: deployment.ts (the shapes), defaults.ts (the table of catalogue defaults), assumptions.ts
 * (the collector), resolve-deployment.ts with resolve-context.ts, resolve-throughput.ts and
 * resolve-costs.ts (the resolve step), price-deployment.ts (the pricing step: size and price once).
 */

import type { SelfHostedEstimate, SelfHostedInput } from "./deployment.js";
import { priceDeployment } from "./price-deployment.js";
import { resolveDeployment } from "./resolve-deployment.js";

export type {
  AcquisitionRequest,
  CatalogAccelerator,
  CatalogPurchasePrice,
  CatalogRentPrice,
  DeploymentPointers,
  DeploymentRequest,
  SelfHostedCostTerms,
  SelfHostedEstimate,
  SelfHostedInput,
  SelfHostedModel,
  SourcedDefault,
  TcoDefaults,
  ThroughputRequest,
} from "./deployment.js";
export { costOfServing, sizeForTerms } from "./price-deployment.js";

/** Estimate the monthly TCO of serving `workload` on `deployment`: resolve every default, then price. */
export function estimateSelfHosted(input: SelfHostedInput): SelfHostedEstimate {
  return priceDeployment(resolveDeployment(input), input.workload);
}
