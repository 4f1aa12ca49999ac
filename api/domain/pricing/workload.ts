/**
 * A monthly workload, with its defaults made explicit. `inputTokensPerMonth` always includes cached
 * tokens: cache reads and writes are parts of it, never added on top.
 */
import { type Decimal, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import type { Assumption } from "../shared/line-item.js";
import type { ServiceTierName } from "./price-entry.js";

/** Shares of the traffic per non-standard service tier; the remainder is the standard tier. */
export type ServiceTierMix = Record<ServiceTierName, Decimal>;

/** One class of request size: its share of every token volume, and its input tokens per request. */
export interface RequestSizeClass {
  share: Decimal;
  inputTokensPerRequest: Decimal;
}

/** A resolved workload. Never changed after resolveWorkload (engines memoise per object); scale by copying. */
export interface Workload {
  inputTokensPerMonth: Decimal;
  outputTokensPerMonth: Decimal;
  /** Share of input tokens read from the prompt cache. */
  cachedInputShare: Decimal;
  /** Share of input tokens written to the 5-minute prompt cache. */
  cacheWriteShare: Decimal;
  /** Share of input tokens written to the 1-hour prompt cache. */
  cacheWrite1hShare: Decimal;
  /** Share of output tokens that are reasoning tokens. */
  reasoningOutputShare: Decimal;
  /** Share of all tokens sent through batch APIs (= serviceTierMix.batch). */
  batchShare: Decimal;
  /** Shares of the traffic per service tier (batch, flex, priority, fast). */
  serviceTierMix: ServiceTierMix;
  /**
   * The batch share came only from the v1 `batchShare` shorthand (not from `serviceTierMix.batch`): on
   * a price without a batch rate it is priced at full rates with a warning, as v1 did; a batch share
   * given in `serviceTierMix` on such a price is a 422.
   */
  batchGivenAsBatchShare: boolean;
  /** Typical input tokens per request (selects bands); null = below every band threshold. */
  inputTokensPerRequest: Decimal | null;
  /** Request-size classes (shares sum to 1); null = one class of `inputTokensPerRequest`. */
  requestSizeMix: RequestSizeClass[] | null;
  /** Requests per month (for request fees); null = not known. */
  requestsPerMonth: Decimal | null;
  /** Calls per month per server-side tool. */
  toolCallsPerMonth: Record<string, Decimal>;
  /** 24 non-negative weights per UTC hour, positive sum; null = flat. */
  hourlyShareUtc: Decimal[] | null;
  /** Peak to average load, for capacity planning of self-hosting. */
  peakToAverage: Decimal;
}

/** What a caller gives: the two volumes, and any other field (omitted = its default). */
export type WorkloadInput = Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth"> &
  Partial<
    Omit<
      Workload,
      "inputTokensPerMonth" | "outputTokensPerMonth" | "serviceTierMix" | "batchGivenAsBatchShare"
    >
  > & {
    serviceTierMix?: Partial<ServiceTierMix> | null;
  };

/** The defaults of the optional workload fields, each with the decimal string and the source it is reported with. */
const WORKLOAD_DEFAULTS = {
  cachedInputShare: { value: ZERO, text: "0", source: "default: no prompt-cache reads unless stated" },
  cacheWriteShare: { value: ZERO, text: "0", source: "default: no prompt-cache writes unless stated" },
  cacheWrite1hShare: { value: ZERO, text: "0", source: "default: no 1-hour cache writes unless stated" },
  reasoningOutputShare: { value: ZERO, text: "0", source: "default: no reasoning tokens unless stated" },
  peakToAverage: { value: ONE, text: "1", source: "default: load is flat (peak equals average)" },
} as const satisfies Partial<Record<keyof WorkloadInput, { value: Decimal; text: string; source: string }>>;

/**
 * A field of the input, or its default from {@link WORKLOAD_DEFAULTS} recorded as an assumption.
 * Module-level rather than a closure in resolveWorkload: under tsx (`npm start`) every named closure
 * created per call also pays esbuild's keepNames `Object.defineProperty(fn, "name")`, measurable on
 * this per-request path.
 */
function pick(
  input: WorkloadInput,
  pointer: string,
  assumptions: Assumption[],
  field: keyof typeof WORKLOAD_DEFAULTS,
): Decimal {
  const given = input[field];
  if (given != null) return given;
  const fallback = WORKLOAD_DEFAULTS[field];
  assumptions.push({ field: `${pointer}/${field}`, value: fallback.text, source: fallback.source });
  return fallback.value;
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

const NO_TIERS: ServiceTierMix = { batch: ZERO, flex: ZERO, priority: ZERO, fast: ZERO };

/** The service-tier mix: `batchShare` is shorthand for its batch share; both given and different → 422. */
function resolveTierMix(input: WorkloadInput, pointer: string, assumptions: Assumption[]): ServiceTierMix {
  const given = input.serviceTierMix;
  const batchShare = input.batchShare;
  if (given == null) {
    if (batchShare == null) {
      assumptions.push({
        field: `${pointer}/batchShare`,
        value: "0",
        source: "default: no batch traffic unless stated",
      });
      assumptions.push({
        field: `${pointer}/serviceTierMix`,
        value: "standard",
        source: "default: all traffic on the standard tier unless stated",
      });
      return NO_TIERS;
    }
    return { ...NO_TIERS, batch: batchShare };
  }
  if (batchShare != null && given.batch != null && !batchShare.eq(given.batch)) {
    throw new DomainError(
      "invalid",
      `${pointer}/batchShare`,
      `batchShare (${batchShare}) and serviceTierMix.batch (${given.batch}) disagree: give one, or the same share (${pointer}/serviceTierMix/batch).`,
    );
  }
  const mix: ServiceTierMix = {
    batch: given.batch ?? batchShare ?? ZERO,
    flex: given.flex ?? ZERO,
    priority: given.priority ?? ZERO,
    fast: given.fast ?? ZERO,
  };
  const sum = mix.batch.plus(mix.flex).plus(mix.priority).plus(mix.fast);
  if (sum.gt(ONE)) {
    throw new DomainError(
      "invalid",
      `${pointer}/serviceTierMix`,
      `The service-tier shares sum to ${sum}, above 1; the remainder of 1 is the standard tier.`,
    );
  }
  return mix;
}

/** Shares of a request-size mix must sum to exactly 1: every token volume is split by them. */
function checkRequestSizeMix(mix: RequestSizeClass[], pointer: string): void {
  let sum = ZERO;
  for (const c of mix) sum = sum.plus(c.share);
  if (!sum.eq(ONE)) {
    throw new DomainError(
      "invalid",
      `${pointer}/requestSizeMix`,
      `The request-size shares sum to ${sum}; they split every token volume, so they must sum to 1.`,
    );
  }
}

/**
 * Requests per month: given, or input ÷ input tokens per request (Σ over the size classes of
 * share × input ÷ class size); null when no request size is known.
 */
function defaultRequests(
  input: WorkloadInput,
  mix: RequestSizeClass[] | null,
  pointer: string,
  assumptions: Assumption[],
): Decimal | null {
  if (input.requestsPerMonth != null) return input.requestsPerMonth;
  const classes =
    mix ??
    (input.inputTokensPerRequest
      ? [{ share: ONE, inputTokensPerRequest: input.inputTokensPerRequest }]
      : null);
  if (!classes || classes.some((c) => c.inputTokensPerRequest.isZero())) {
    assumptions.push({
      field: `${pointer}/requestsPerMonth`,
      value: "null",
      source: "default: not known (no request size given); request fees cannot be counted",
    });
    return null;
  }
  let requests = ZERO;
  for (const c of classes)
    requests = requests.plus(input.inputTokensPerMonth.times(c.share).div(c.inputTokensPerRequest));
  assumptions.push({
    field: `${pointer}/requestsPerMonth`,
    value: requests.toString(),
    source: "default: input tokens per month ÷ input tokens per request",
  });
  return requests;
}

/** The hourly profile: 24 non-negative weights with a positive sum, or null (flat, assumed). */
function resolveHourly(input: WorkloadInput, pointer: string, assumptions: Assumption[]): Decimal[] | null {
  const hourly = input.hourlyShareUtc;
  if (hourly == null) {
    assumptions.push({
      field: `${pointer}/hourlyShareUtc`,
      value: "flat",
      source: "default: traffic spread evenly over the 24 UTC hours",
    });
    return null;
  }
  if (hourly.length !== 24 || hourly.some((w) => w.isNegative()) || hourly.every((w) => w.isZero())) {
    throw new DomainError(
      "invalid",
      `${pointer}/hourlyShareUtc`,
      "hourlyShareUtc must be 24 non-negative weights (one per UTC hour) with a positive sum.",
    );
  }
  return hourly;
}

/** The cache shares are parts of the input: together they must not exceed it (422 at the last one given). */
function checkCacheShares(workload: Workload, pointer: string): void {
  if (sumExceedsOne(workload.cachedInputShare, workload.cacheWriteShare)) {
    throw new DomainError(
      "invalid",
      `${pointer}/cacheWriteShare`,
      "cachedInputShare + cacheWriteShare must not exceed 1: both are parts of the input tokens.",
    );
  }
  if (
    !workload.cacheWrite1hShare.isZero() &&
    workload.cachedInputShare.plus(workload.cacheWriteShare).plus(workload.cacheWrite1hShare).gt(ONE)
  ) {
    throw new DomainError(
      "invalid",
      `${pointer}/cacheWrite1hShare`,
      "cachedInputShare + cacheWriteShare + cacheWrite1hShare must not exceed 1: all are parts of the input tokens.",
    );
  }
}

/**
 * Fill in omitted workload fields and list each default as an assumption. Throws a DomainError (422,
 * pointing at the field) when the cache shares exceed the input, the tier mix sums above 1 or
 * disagrees with `batchShare`, the request-size shares do not sum to 1, or the hourly profile is not
 * 24 non-negative weights with a positive sum.
 */
export function resolveWorkload(
  input: WorkloadInput,
  pointer = "/workload",
): { workload: Workload; assumptions: Assumption[] } {
  const assumptions: Assumption[] = [];
  // Listed in this order, as the assumptions always have been.
  const cachedInputShare = pick(input, pointer, assumptions, "cachedInputShare");
  const cacheWriteShare = pick(input, pointer, assumptions, "cacheWriteShare");
  const serviceTierMix = resolveTierMix(input, pointer, assumptions);
  const requestSizeMix = input.requestSizeMix ?? null;
  if (requestSizeMix) checkRequestSizeMix(requestSizeMix, pointer);
  const workload: Workload = {
    inputTokensPerMonth: input.inputTokensPerMonth,
    outputTokensPerMonth: input.outputTokensPerMonth,
    cachedInputShare,
    cacheWriteShare,
    cacheWrite1hShare: pick(input, pointer, assumptions, "cacheWrite1hShare"),
    reasoningOutputShare: pick(input, pointer, assumptions, "reasoningOutputShare"),
    batchShare: serviceTierMix.batch,
    serviceTierMix,
    batchGivenAsBatchShare: input.batchShare != null && input.serviceTierMix?.batch == null,
    inputTokensPerRequest: input.inputTokensPerRequest ?? null,
    requestSizeMix,
    requestsPerMonth: defaultRequests(input, requestSizeMix, pointer, assumptions),
    toolCallsPerMonth: input.toolCallsPerMonth ?? {},
    hourlyShareUtc: resolveHourly(input, pointer, assumptions),
    peakToAverage: pick(input, pointer, assumptions, "peakToAverage"),
  };
  if (input.inputTokensPerRequest == null && requestSizeMix == null) {
    assumptions.push({
      field: `${pointer}/inputTokensPerRequest`,
      value: "null",
      source: "default: requests are below every context-tier threshold (base rates)",
    });
  }
  checkCacheShares(workload, pointer);
  return { workload, assumptions };
}

/** The v2 fields of a workload at their defaults, the tier mix carrying the v1 `batchShare` (as its shorthand). */
export function withV2Defaults(
  v1: Pick<
    Workload,
    | "inputTokensPerMonth"
    | "outputTokensPerMonth"
    | "cachedInputShare"
    | "cacheWriteShare"
    | "batchShare"
    | "inputTokensPerRequest"
    | "peakToAverage"
  > &
    Partial<Workload>,
): Workload {
  return {
    cacheWrite1hShare: ZERO,
    reasoningOutputShare: ZERO,
    serviceTierMix: { ...NO_TIERS, batch: v1.batchShare },
    batchGivenAsBatchShare: true,
    requestSizeMix: null,
    requestsPerMonth: null,
    toolCallsPerMonth: {},
    hourlyShareUtc: null,
    ...v1,
  };
}

/** Total monthly tokens of a workload: input (cached included) + output. */
export function totalTokens(
  workload: Pick<Workload, "inputTokensPerMonth" | "outputTokensPerMonth">,
): Decimal {
  return workload.inputTokensPerMonth.plus(workload.outputTokensPerMonth);
}

/**
 * The same workload at another monthly volume of input + output tokens: the input/output mix, cache,
 * reasoning and tier shares, request sizes (so the bands), hourly profile and peak-to-average stay as
 * they are; requests and tool calls per month scale in proportion to the volume (a request carries the
 * same tokens at any volume), so API fees are linear in the volume. input = input × volume / total (exact when it divides), output =
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
  const scaled: Workload = {
    ...workload,
    inputTokensPerMonth: input,
    outputTokensPerMonth: volume.minus(input),
  };
  // Requests and tool calls scale with the volume, as the tokens they carry do (same request size).
  if (workload.requestsPerMonth != null)
    scaled.requestsPerMonth = workload.requestsPerMonth.times(volume).div(total);
  const tools = Object.entries(workload.toolCallsPerMonth);
  if (tools.length > 0) {
    scaled.toolCallsPerMonth = Object.fromEntries(
      tools.map(([tool, calls]) => [tool, calls.times(volume).div(total)]),
    );
  }
  return scaled;
}
