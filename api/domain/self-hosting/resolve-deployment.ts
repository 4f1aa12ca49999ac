/**
 * The resolve step of a self-hosted estimate: every field the caller left out gets its default, in
 * order — use (acquisition mode, local), precision, accelerators (and the memory fit), throughput,
 * acquisition, power, facilities, operations — each resolver recording what it filled in with the
 * shared {@link AssumptionCollector}. The result has nothing left to default; price-deployment.ts
 * sizes and prices it. Catalogue defaults come from the table in defaults.ts.
 *
 * Adding a resolver: a function `(ctx: ResolveContext, …earlier results) => its part`, called from
 * {@link resolveDeployment} at the point its assumptions belong in `assumptions[]`; the context and
 * the parts resolvers share are in resolve-context.ts.
 */

import { DomainError } from "../shared/errors.js";
import type { Assumption } from "../shared/line-item.js";
import { DEPLOYMENT_DEFAULTS } from "./defaults.js";
import type { SelfHostedCostTerms, SelfHostedEstimate, SelfHostedInput } from "./deployment.js";
import {
  defaultKvCachePrecision,
  type MemoryFitInput,
  memoryFit,
  type Precision,
  resolveFp4Format,
  smallestFittingCount,
} from "./memory.js";
import {
  type DeploymentAccelerators,
  type DeploymentPrecision,
  type DeploymentUse,
  type ResolveContext,
  resolveContext,
} from "./resolve-context.js";
import { resolveAcquisition, resolveFacilities, resolveOperations, resolvePower } from "./resolve-costs.js";
import { resolveThroughput } from "./resolve-throughput.js";

/** A deployment with every default applied: all the pricing step needs besides the workload. */
export interface ResolvedDeployment {
  model: string;
  accelerator: string;
  deployment: SelfHostedEstimate["deployment"];
  throughput: SelfHostedEstimate["throughput"];
  memory: SelfHostedEstimate["memory"];
  terms: SelfHostedCostTerms;
  assumptions: Assumption[];
  warnings: string[];
}

/** Fill in every default of `input.deployment` (see the module comment). */
export function resolveDeployment(input: SelfHostedInput): ResolvedDeployment {
  const ctx = resolveContext(input);
  const use = resolveUse(ctx);
  const precision = resolvePrecision(ctx, use);
  const accelerators = resolveAccelerators(ctx, precision);
  const throughput = resolveThroughput(ctx, { use, precision, accelerators, benchmarks: input.benchmarks });
  const acquisition = resolveAcquisition(ctx, use.mode);
  const power = resolvePower(ctx, use, accelerators.count);
  const facilities = resolveFacilities(ctx, use, power, accelerators.count);
  const operations = resolveOperations(ctx, use.local);
  const { fit } = accelerators;
  return {
    model: ctx.model.id,
    accelerator: ctx.accelerator.id,
    deployment: {
      acceleratorsPerReplica: accelerators.count,
      ...precision,
      local: use.local,
      acquisitionMode: use.mode,
    },
    throughput: throughput.throughput,
    memory: {
      weightsGB: fit.weightsGB,
      kvCacheGBPerSequence: fit.kvCacheGBPerSequence,
      kvCacheBytesPerToken: fit.kvCacheBytesPerToken,
      usableGB: fit.usableGB,
      contextTokens: ctx.contextTokens,
      fits: fit.fits,
      maxBatch: fit.maxBatch,
    },
    terms: {
      acquisition,
      acceleratorsPerReplica: accelerators.count,
      power,
      facilitiesPerReplicaMonth: facilities,
      operations,
      tokensPerSecond: throughput.throughput.tokensPerSecond,
      counts: throughput.throughput.counts,
      maxUtilization: throughput.maxUtilization,
    },
    assumptions: ctx.assumptions.assumptions,
    warnings: ctx.assumptions.warnings,
  };
}

/** Acquisition mode (default: buy) and local use (default: consumer hardware that is bought). */
function resolveUse({ request, accelerator: acc, assumptions }: ResolveContext): DeploymentUse {
  // Buy by default; rent where the catalogue has a sourced rent but no purchase price (B300, MI355X…).
  const rentOnly = acc.purchasePrices.length === 0 && acc.rentPrices.length > 0;
  const mode =
    request.acquisition?.mode ??
    (rentOnly
      ? assumptions.assume(
          "/acquisition/mode",
          "rent" as const,
          "rent",
          `default: rent — the catalogue has a sourced rent but no purchase price for ${acc.name}`,
        )
      : assumptions.assume(
          "/acquisition/mode",
          "purchase" as const,
          "purchase",
          "default: buy the hardware",
        ));
  const localByDefault = acc.consumer && mode === "purchase";
  const local =
    request.local ??
    assumptions.assume(
      "/local",
      localByDefault,
      String(localByDefault),
      acc.consumer
        ? "default: consumer hardware that is bought serves one local user at batch 1 (GPT4All-class edge/offline use)"
        : "default: data-centre accelerator serving batched traffic",
    );
  return { mode, local };
}

/** Weights: the model's published 4-bit format for 4-bit models, int4 for local use, else FP8 where the accelerator has FP8 tensor cores, else BF16. */
function resolvePrecision(ctx: ResolveContext, use: DeploymentUse): DeploymentPrecision {
  const { request, assumptions } = ctx;
  const precision = request.precision ?? assumeWeightPrecision(ctx, use.local);
  const kvDefault = defaultKvCachePrecision(precision);
  const kvCachePrecision =
    request.kvCachePrecision ??
    assumptions.assume(
      "/kvCachePrecision",
      kvDefault,
      kvDefault,
      kvDefault === precision
        ? `default: the weights' precision (${precision}) for a 16-bit model`
        : `default: FP8 KV cache with ${precision} weights (TensorRT-LLM, vLLM and the MLPerf FP8/FP4 submissions run an FP8 cache)`,
    );
  return { precision, kvCachePrecision };
}

function assumeWeightPrecision(ctx: ResolveContext, local: boolean): Precision {
  const { accelerator: acc, assumptions, architecture } = ctx;
  if (architecture.nativePrecision === "fp4") {
    const format = resolveFp4Format(architecture, acc.vendor).toUpperCase();
    const source = acc.fp4DenseTflops
      ? `default: the model's published 4-bit weights (${format}), on ${acc.name}'s FP4 tensor cores`
      : `default: the model's published 4-bit weights (${format}), weight-only on ${acc.name} (no FP4 math: 8/16-bit math, derated)`;
    return assumptions.assume("/precision", "fp4", "fp4", source);
  }
  if (local) {
    const source = "default for local use: 4-bit weights (GGUF Q4-class, as GPT4All ships)";
    return assumptions.assume("/precision", "int4", "int4", source);
  }
  if (acc.fp8DenseTflops) {
    const source = `default: FP8 on ${acc.name}, which has FP8 tensor cores (the precision of the published H100/H200/MI300X measurements)`;
    return assumptions.assume("/precision", "fp8", "fp8", source);
  }
  return assumptions.assume(
    "/precision",
    "bf16",
    "bf16",
    `default: BF16 (${acc.name} has no FP8 tensor cores)`,
  );
}

/**
 * Accelerators per replica: as given (a positive integer), else the smallest power of two ≤ 8 whose
 * memory less the margin holds the weights plus one full-context sequence (8 with a warning when none
 * does). A deployment that does not fit still prices, with a warning.
 */
function resolveAccelerators(
  ctx: ResolveContext,
  { precision, kvCachePrecision }: DeploymentPrecision,
): DeploymentAccelerators {
  const { request, model, accelerator: acc, assumptions } = ctx;
  const margin = assumptions.fill(DEPLOYMENT_DEFAULTS.memoryMargin);
  const fitBase = {
    architecture: ctx.architecture,
    precision,
    kvCachePrecision,
    contextTokens: ctx.contextTokens,
    memoryGBPerAccelerator: acc.memoryGB,
    margin,
    fp4Format: resolveFp4Format(ctx.architecture, acc.vendor),
  };
  const count = request.acceleratorsPerReplica ?? defaultAcceleratorCount(ctx, fitBase);
  if (!Number.isInteger(count) || count < 1) {
    throw new DomainError(
      "invalid",
      "/acceleratorsPerReplica",
      "acceleratorsPerReplica must be a positive integer.",
    );
  }
  const fit = memoryFit({ ...fitBase, accelerators: count });
  if (!fit.fits) {
    assumptions.warn(
      `${model.id} at ${precision} does not fit on ${count}× ${acc.name}: weights ${fit.weightsGB.toDecimalPlaces(2)} GB + ` +
        `one ${ctx.contextTokens}-token sequence ${fit.kvCacheGBPerSequence.toDecimalPlaces(2)} GB > ${fit.usableGB.toDecimalPlaces(2)} GB usable. ` +
        "The deployment is priced anyway; use more accelerators or a lower precision.",
    );
  }
  return { count, margin, fit };
}

function defaultAcceleratorCount(
  { assumptions, contextTokens }: ResolveContext,
  fitBase: Omit<MemoryFitInput, "accelerators">,
): number {
  const smallest = smallestFittingCount(fitBase, 8);
  return assumptions.assume(
    "/acceleratorsPerReplica",
    smallest ?? 8,
    String(smallest ?? 8),
    smallest != null
      ? `default: smallest power of two whose memory less the ${fitBase.margin} margin holds the ${fitBase.precision} weights plus one ${contextTokens}-token sequence`
      : "default: 8 (the model does not fit on up to 8 accelerators)",
  );
}
