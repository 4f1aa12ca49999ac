/**
 * Capacity planning (DESIGN §5.2): how many replicas a workload needs.
 *
 * - capacity per replica = tokensPerSecond × 3600 × 730 × maxUtilization tokens per month;
 * - required tokens = the workload's output tokens when the throughput counts output tokens, else
 *   input + output tokens;
 * - replicas = max(1, ceil(required × peakToAverage / capacity));
 * - utilization = required / (replicas × tokensPerSecond × 3600 × 730): the AVERAGE utilisation of
 *   the raw throughput over the month — without the peak factor and without the maxUtilization
 *   headroom, so it reads as "how busy the fleet is on average".
 */
import { type Decimal, dec, HOURS_PER_MONTH, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";

const SECONDS_PER_HOUR = dec(3600);

/** What a throughput figure counts: generated tokens only, or input + output tokens. */
export type ThroughputCounts = "output" | "total";

/** Tokens one replica serves per month at full throughput: tokensPerSecond × 3600 × 730. */
export function rawTokensPerMonth(tokensPerSecond: Decimal): Decimal {
  return tokensPerSecond.times(SECONDS_PER_HOUR).times(HOURS_PER_MONTH);
}

/** Planning capacity of one replica per month: tokensPerSecond × 3600 × 730 × maxUtilization. */
export function capacityTokensPerMonth(tokensPerSecond: Decimal, maxUtilization: Decimal): Decimal {
  return rawTokensPerMonth(tokensPerSecond).times(maxUtilization);
}

/** The workload tokens a throughput figure must carry: output only, or input + output. */
export function requiredTokensPerMonth(
  workload: { inputTokensPerMonth: Decimal; outputTokensPerMonth: Decimal },
  counts: ThroughputCounts,
): Decimal {
  return counts === "output"
    ? workload.outputTokensPerMonth
    : workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth);
}

export interface SizingInput {
  inputTokensPerMonth: Decimal;
  outputTokensPerMonth: Decimal;
  peakToAverage: Decimal;
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  maxUtilization: Decimal;
}

export interface Sizing {
  requiredTokensPerMonth: Decimal;
  /** Planning capacity of one replica (includes maxUtilization). */
  capacityTokensPerMonth: Decimal;
  replicas: number;
  /** Average utilisation of the replicas' raw throughput (no peak factor, no headroom). */
  utilization: Decimal;
}

/**
 * Refuse a throughput or utilisation ceiling no workload can be sized with (never a division by zero).
 * Pointers are relative to the deployment.
 */
export function assertSizable(tokensPerSecond: Decimal, maxUtilization: Decimal): void {
  if (tokensPerSecond.lte(ZERO)) {
    throw new DomainError(
      "invalid",
      "/throughput/tokensPerSecond",
      "Throughput must be greater than 0 tokens per second.",
    );
  }
  if (maxUtilization.lte(ZERO)) {
    throw new DomainError("invalid", "/maxUtilization", "maxUtilization must be greater than 0.");
  }
}

/** Replicas needed for a workload: max(1, ceil(required × peakToAverage / capacity)). */
export function sizeReplicas(input: SizingInput): Sizing {
  assertSizable(input.tokensPerSecond, input.maxUtilization);
  const required = requiredTokensPerMonth(input, input.counts);
  const capacity = capacityTokensPerMonth(input.tokensPerSecond, input.maxUtilization);
  const needed = required.times(input.peakToAverage).div(capacity).ceil();
  if (needed.gt(Number.MAX_SAFE_INTEGER)) {
    // Only absurd inputs get here (a throughput or utilisation ceiling of 1e-300); a replica count
    // must stay an exact integer, and the cost a finite number.
    throw new DomainError(
      "invalid",
      "/throughput/tokensPerSecond",
      `The workload would need ${needed.toSignificantDigits(3).toExponential()} replicas (more than 2^53): check the throughput and maxUtilization.`,
    );
  }
  const replicas = maxDecimal(needed, ONE).toNumber();
  const utilization = required.div(rawTokensPerMonth(input.tokensPerSecond).times(replicas));
  return { requiredTokensPerMonth: required, capacityTokensPerMonth: capacity, replicas, utilization };
}

function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}
