/**
 * A monthly workload, with its defaults made explicit. `inputTokensPerMonth` always includes cached
 * tokens: cache reads and writes are parts of it, never added on top.
 */
import { type Decimal, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import type { Assumption } from "../shared/line-item.js";

export interface Workload {
  inputTokensPerMonth: Decimal;
  outputTokensPerMonth: Decimal;
  /** Share of input tokens read from the prompt cache. */
  cachedInputShare: Decimal;
  /** Share of input tokens written to the prompt cache. */
  cacheWriteShare: Decimal;
  /** Share of all tokens sent through batch APIs. */
  batchShare: Decimal;
  /** Typical input tokens per request (selects context tiers); null = below every tier threshold. */
  inputTokensPerRequest: Decimal | null;
  /** Peak to average load, for capacity planning of self-hosting. */
  peakToAverage: Decimal;
}

export type WorkloadInput = Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth"> &
  Partial<Omit<Workload, "inputTokensPerMonth" | "outputTokensPerMonth">>;

/**
 * A field of the input, or `value` recorded as an assumption (`valueString` is its decimal string,
 * written out once rather than rendered per request). Module-level rather than a closure in
 * resolveWorkload: under tsx (`npm start`) every named closure created per call also pays esbuild's
 * keepNames `Object.defineProperty(fn, "name")`, measurable on this per-request path.
 */
function pick(
  input: WorkloadInput,
  pointer: string,
  assumptions: Assumption[],
  field: keyof WorkloadInput,
  value: Decimal,
  valueString: string,
  source: string,
): Decimal {
  const given = input[field];
  if (given != null) return given as Decimal;
  assumptions.push({ field: `${pointer}/${field}`, value: valueString, source });
  return value;
}

/**
 * a + b > 1, as decimal.js computes it (the sum rounded to 40 digits), without the addition in the
 * common case of one share zero: a share below 1 in magnitude (exponent < 0) plus 0 stays ≤ 1 after
 * any rounding. decimal.js allocates and rounds on every operation.
 */
function sumExceedsOne(a: Decimal, b: Decimal): boolean {
  if ((b.isZero() && a.e < 0) || (a.isZero() && b.e < 0)) return false;
  return a.plus(b).gt(ONE);
}

/**
 * Fill in omitted workload fields and list each default as an assumption. Throws a DomainError when
 * cache reads and writes together exceed the input.
 */
export function resolveWorkload(
  input: WorkloadInput,
  pointer = "/workload",
): { workload: Workload; assumptions: Assumption[] } {
  const assumptions: Assumption[] = [];
  const workload: Workload = {
    inputTokensPerMonth: input.inputTokensPerMonth,
    outputTokensPerMonth: input.outputTokensPerMonth,
    cachedInputShare: pick(
      input,
      pointer,
      assumptions,
      "cachedInputShare",
      ZERO,
      "0",
      "default: no prompt-cache reads unless stated",
    ),
    cacheWriteShare: pick(
      input,
      pointer,
      assumptions,
      "cacheWriteShare",
      ZERO,
      "0",
      "default: no prompt-cache writes unless stated",
    ),
    batchShare: pick(
      input,
      pointer,
      assumptions,
      "batchShare",
      ZERO,
      "0",
      "default: no batch traffic unless stated",
    ),
    inputTokensPerRequest: input.inputTokensPerRequest ?? null,
    peakToAverage: pick(
      input,
      pointer,
      assumptions,
      "peakToAverage",
      ONE,
      "1",
      "default: load is flat (peak equals average)",
    ),
  };
  if (input.inputTokensPerRequest == null) {
    assumptions.push({
      field: `${pointer}/inputTokensPerRequest`,
      value: "null",
      source: "default: requests are below every context-tier threshold (base rates)",
    });
  }
  if (sumExceedsOne(workload.cachedInputShare, workload.cacheWriteShare)) {
    throw new DomainError(
      "invalid",
      `${pointer}/cacheWriteShare`,
      "cachedInputShare + cacheWriteShare must not exceed 1: both are parts of the input tokens.",
    );
  }
  return { workload, assumptions };
}

/** Total monthly tokens of a workload: input (cached included) + output. */
export function totalTokens(
  workload: Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth">,
): Decimal {
  return workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth);
}

/**
 * The same workload at another monthly volume of input + output tokens: the input/output mix, cache
 * and batch shares, request size (so the context tier) and peak-to-average stay as they are, so API
 * fees are linear in the volume. input = input × volume / total (exact when it divides), output =
 * volume − input, so the two always add up to `volume` exactly and `scaleWorkload(w, total)` is `w`.
 * The token classes may be fractional at volumes the mix does not divide. Throws a DomainError when
 * the workload has no tokens (it then has no mix to keep).
 */
export function scaleWorkload(workload: Workload, volume: Decimal, pointer = "/workload"): Workload {
  const total = totalTokens(workload);
  if (total.isZero()) {
    throw new DomainError(
      "invalid",
      pointer,
      "The workload has no tokens, so it has no input/output mix to scale to other volumes.",
    );
  }
  const input = workload.inputTokensPerMonth.times(volume).div(total);
  return { ...workload, inputTokensPerMonth: input, outputTokensPerMonth: volume.minus(input) };
}
