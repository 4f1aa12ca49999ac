/**
 * The throughput resolver: a replica's tokens per second as given, from a published measurement, or
 * from the roofline estimate (throughput.ts), plus the utilisation ceiling it is planned at. Without a
 * `throughput` the closest published measurement wins, else the estimate.
 */

import type { Workload } from "../pricing/workload.js";
import { type Decimal, dec, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { DEPLOYMENT_DEFAULTS } from "./defaults.js";
import type { SelfHostedEstimate, TcoDefaults } from "./deployment.js";
import {
  type BenchmarkMatch,
  type BenchmarkQuery,
  pickBenchmark,
  type ThroughputBenchmark,
} from "./published-benchmarks.js";
import type {
  DeploymentAccelerators,
  DeploymentPrecision,
  DeploymentUse,
  ResolveContext,
} from "./resolve-context.js";
import { assertSizable, type ThroughputCounts } from "./sizing.js";
import { CALIBRATED_ROOFLINE_FACTORS, estimateThroughput } from "./throughput.js";

type ResolvedThroughput = SelfHostedEstimate["throughput"];

/** What the throughput depends on: the earlier resolvers' results and the measurements. */
export interface ThroughputBasis {
  use: DeploymentUse;
  precision: DeploymentPrecision;
  accelerators: DeploymentAccelerators;
  benchmarks: readonly ThroughputBenchmark[];
}

/** Request shape (ISL, OSL) for measurement matching and the roofline estimate. */
interface RequestShape {
  input: Decimal;
  output: Decimal;
  /** The workload gave no `inputTokensPerRequest`: the catalogue default stands in (stated once). */
  assumed: boolean;
}

/** The throughput and the utilisation ceiling, every default applied (see the module comment). */
export function resolveThroughput(
  ctx: ResolveContext,
  basis: ThroughputBasis,
): { throughput: ResolvedThroughput; maxUtilization: Decimal } {
  const shape = requestShape(ctx.workload, ctx.defaults);
  if (shape.input.plus(shape.output).gt(ctx.model.contextWindow)) {
    ctx.assumptions.warn(
      `Requests of ${shape.input.toDecimalPlaces(0)} input + ${shape.output.toDecimalPlaces(0)} output tokens exceed ${ctx.model.id}'s ${ctx.model.contextWindow}-token context.`,
    );
  }
  const throughput = pickThroughput(ctx, basis, shape);
  const maxUtilization = ctx.assumptions.fill(DEPLOYMENT_DEFAULTS.maxUtilization);
  // Refuse an unusable throughput here, where the old single pass did, before acquisition's errors.
  assertSizable(throughput.tokensPerSecond, maxUtilization);
  return { throughput, maxUtilization };
}

function requestShape(workload: Workload, defaults: TcoDefaults): RequestShape {
  const input = workload.inputTokensPerRequest ?? defaults.inputTokensPerRequest.value;
  const ratio = workload.inputTokensPerMonth.gt(ZERO)
    ? workload.outputTokensPerMonth.div(workload.inputTokensPerMonth)
    : null;
  const output = ratio ? input.times(ratio) : input;
  return { input, output: output.lt(1) ? dec(1) : output, assumed: workload.inputTokensPerRequest == null };
}

/** State the request shape default, for the paths that use the shape (measurement or estimate). */
function noteShape(ctx: ResolveContext, shape: RequestShape): void {
  if (!shape.assumed) return;
  const d = ctx.defaults.inputTokensPerRequest;
  ctx.assumptions.assumeWorkload(
    "/inputTokensPerRequest",
    d.value.toString(),
    `throughput shape only: ${d.source}; output per request follows the workload's output/input ratio`,
  );
}

function pickThroughput(
  ctx: ResolveContext,
  basis: ThroughputBasis,
  shape: RequestShape,
): ResolvedThroughput {
  const { request, model, accelerator: acc, assumptions } = ctx;
  const t = request.throughput;
  if (t && "tokensPerSecond" in t) {
    const counts =
      t.counts ??
      assumptions.assume(
        "/throughput/counts",
        "output" as ThroughputCounts,
        "output",
        "default: a given throughput counts output tokens",
      );
    return {
      tokensPerSecond: t.tokensPerSecond,
      counts,
      source: "given",
      reference: null,
      benchmarkId: null,
      detail: "Given by the caller.",
      factors: null,
    };
  }
  noteShape(ctx, shape);
  if (t?.source === "estimate") return roofline(ctx, basis, shape);
  const match = pickBenchmark(basis.benchmarks, benchmarkQuery(ctx, basis, shape));
  if (t?.source === "benchmark") {
    if (!match) {
      const { precision } = basis.precision;
      throw new DomainError(
        "invalid",
        "/throughput/source",
        `No published throughput measurement for ${model.id} on ${acc.id} at ${precision}${basis.use.local ? " (local, batch 1)" : ""}. ` +
          'Use { "source": "estimate" } or give tokensPerSecond.',
      );
    }
    return fromBenchmark(match);
  }
  const throughput = match ? fromBenchmark(match) : roofline(ctx, basis, shape);
  assumptions.assume(
    "/throughput",
    null,
    throughput.source,
    match
      ? "default: the closest published measurement in the catalogue"
      : "default: roofline estimate (no published measurement matches)",
  );
  return throughput;
}

function benchmarkQuery(ctx: ResolveContext, basis: ThroughputBasis, shape: RequestShape): BenchmarkQuery {
  return {
    model: ctx.model.id,
    family: ctx.model.family ?? null,
    accelerator: ctx.accelerator.id,
    precision: basis.precision.precision,
    count: basis.accelerators.count,
    local: basis.use.local,
    inputTokensPerRequest: shape.input,
    outputTokensPerRequest: shape.output,
    minOutputTokensPerSecondPerUser: ctx.request.interactivity?.minOutputTokensPerSecondPerUser ?? null,
  };
}

function fromBenchmark(m: BenchmarkMatch): ResolvedThroughput {
  return {
    tokensPerSecond: m.tokensPerSecond,
    counts: m.counts,
    source: "benchmark",
    reference: m.benchmark.source,
    benchmarkId: m.benchmark.id,
    detail: m.note,
    factors: null,
    ...(m.benchmark.outputTokensPerSecondPerUser
      ? { outputTokensPerSecondPerUser: m.benchmark.outputTokensPerSecondPerUser }
      : {}),
  };
}

/** The roofline estimate (§5.3); local use decodes one sequence with layers split over the devices. */
function roofline(ctx: ResolveContext, basis: ThroughputBasis, shape: RequestShape): ResolvedThroughput {
  const { request, assumptions } = ctx;
  const { local } = basis.use;
  const concurrency =
    request.concurrency ??
    (local ? assumptions.assume("/concurrency", 1, "1", "default for local use: one user, batch 1") : null);
  const e = estimateThroughput({
    architecture: ctx.architecture,
    accelerator: ctx.accelerator,
    accelerators: basis.accelerators.count,
    ...basis.precision,
    inputTokensPerRequest: shape.input,
    outputTokensPerRequest: shape.output,
    memoryMargin: basis.accelerators.margin,
    concurrency,
    minOutputTokensPerSecondPerUser: request.interactivity?.minOutputTokensPerSecondPerUser ?? null,
    split: local ? "layer" : "tensor",
    factors: {
      ...CALIBRATED_ROOFLINE_FACTORS,
      maxConcurrentSequences: ctx.defaults.maxConcurrentSequences.value.toNumber(),
    },
  });
  if (!e.kvCacheFits) {
    assumptions.warn(
      `The KV cache of ${e.batch} request(s) of ${shape.input.plus(shape.output).toDecimalPlaces(0)} tokens does not fit beside the weights; ` +
        "the throughput estimate assumes it does.",
    );
  }
  return {
    tokensPerSecond: e.tokensPerSecond,
    counts: e.counts as ThroughputCounts,
    source: "estimate",
    reference: null,
    benchmarkId: null,
    detail: e.detail,
    factors: e.factors,
    concurrentSequences: e.concurrentSequences,
    outputTokensPerSecondPerUser: e.outputTokensPerSecondPerUser,
  };
}
