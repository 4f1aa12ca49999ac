/**
 * The closest published throughput measurement for a deployment (`pickBenchmark`). Pure: the
 * measurements come in as data (pricing-data/throughput-benchmarks.json, parsed by the catalogue).
 *
 * Candidates must be for the same model (our id; else the same family), the same accelerator and the
 * same precision class (bf16 ≡ fp16). Local (batch-1) deployments only match batch-1 measurements and
 * served deployments never do. Among candidates the nearest accelerator count wins (|log2 ratio|; on a
 * tie the larger count, so scaling goes down), then saturated scenarios (offline / max-throughput)
 * before latency-bound ones (server), then the request shape (input/output tokens per request) closest
 * to the workload's, measurements with an unstated shape last. The figure is scaled LINEARLY by
 * count/measuredCount; real scaling is sub-linear (tensor-parallel overhead), so scaling up overstates
 * and scaling down understates per-accelerator throughput. The match note says all of this.
 */
import { type Decimal, dec, ONE } from "../shared/decimal.js";
import { type Precision, precisionClass } from "./memory.js";
import type { ThroughputCounts } from "./sizing.js";

export type BenchmarkScenario = "offline" | "server" | "max-throughput" | "batch-1";

/** A published throughput measurement (pricing-data/throughput-benchmarks.json, Decimals parsed). */
export interface ThroughputBenchmark {
  id: string;
  /** Our model id the measurement stands for, or null. */
  model: string | null;
  measuredModel: string;
  family: string;
  accelerator: string;
  count: number;
  precision: Precision;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Whole group of `count` accelerators. */
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  scenario: BenchmarkScenario;
  engine: string;
  date: string | null;
  /** Per-user decode speed the measurement was taken at, where stated (used only for a matching request). */
  outputTokensPerSecondPerUser?: Decimal | null;
  source: string;
  note?: string | null;
}

export interface BenchmarkQuery {
  model: string;
  /** Model family (models.json `family`), for a family-level match when no measurement names the model. */
  family?: string | null;
  accelerator: string;
  precision: Precision;
  /** Accelerators per replica. */
  count: number;
  /** Local batch-1 deployment: only batch-1 measurements match. */
  local: boolean;
  inputTokensPerRequest?: Decimal | null;
  outputTokensPerRequest?: Decimal | null;
  /** The request's per-user speed target: only measurements stating a speed at or above it match. */
  minOutputTokensPerSecondPerUser?: Decimal | null;
}

export interface BenchmarkMatch {
  benchmark: ThroughputBenchmark;
  /** Measured tokens/s scaled linearly to the requested count. */
  tokensPerSecond: Decimal;
  counts: ThroughputCounts;
  /** count / measured count. */
  scale: Decimal;
  matchedBy: "model" | "family";
  /** How the match was made and scaled, for the response. */
  note: string;
}

const SATURATED: ReadonlySet<BenchmarkScenario> = new Set(["offline", "max-throughput", "batch-1"]);

function shapeDistance(b: ThroughputBenchmark, q: BenchmarkQuery): number {
  if (b.inputTokens == null || b.outputTokens == null) return Number.POSITIVE_INFINITY;
  if (q.inputTokensPerRequest == null || q.outputTokensPerRequest == null) return 0;
  const qi = q.inputTokensPerRequest.toNumber();
  const qo = q.outputTokensPerRequest.toNumber();
  return (
    Math.abs(Math.log((b.inputTokens + 1) / (qi + 1))) + Math.abs(Math.log((b.outputTokens + 1) / (qo + 1)))
  );
}

/**
 * The closest published measurement for a deployment, scaled linearly to its accelerator count, or
 * null when none matches model (or family), accelerator, precision class and local/served scenario.
 */
export function pickBenchmark(
  catalogue: readonly ThroughputBenchmark[],
  query: BenchmarkQuery,
): BenchmarkMatch | null {
  if (query.count < 1) return null;
  const wanted = precisionClass(query.precision);
  const target = query.minOutputTokensPerSecondPerUser ?? null;
  // A measurement taken at a stated per-user speed stands only for a request asking for a speed it
  // meets; without a stated speed it stands only for a request without a target (saturated).
  const interactivityMatches = (b: ThroughputBenchmark) => {
    const speed = b.outputTokensPerSecondPerUser ?? null;
    if (target == null) return speed == null;
    return speed?.gte(target) ?? false;
  };
  const eligible = catalogue.filter(
    (b) =>
      b.accelerator === query.accelerator &&
      precisionClass(b.precision) === wanted &&
      (b.scenario === "batch-1") === query.local &&
      interactivityMatches(b),
  );
  const byModel = eligible.filter((b) => b.model === query.model);
  const byFamily =
    byModel.length === 0 && query.family ? eligible.filter((b) => b.family === query.family) : [];
  const candidates = byModel.length > 0 ? byModel : byFamily;
  if (candidates.length === 0) return null;
  const ranked = [...candidates].sort((a, b) => {
    const da = Math.abs(Math.log2(a.count / query.count));
    const db = Math.abs(Math.log2(b.count / query.count));
    if (da !== db) return da - db;
    if (a.count !== b.count) return b.count - a.count;
    // at a target: the slowest stated speed that still meets it (the most throughput)
    const ua = a.outputTokensPerSecondPerUser;
    const ub = b.outputTokensPerSecondPerUser;
    if (ua && ub && !ua.eq(ub)) return ua.lt(ub) ? -1 : 1;
    const sa = SATURATED.has(a.scenario) ? 0 : 1;
    const sb = SATURATED.has(b.scenario) ? 0 : 1;
    if (sa !== sb) return sa - sb;
    const ha = shapeDistance(a, query);
    const hb = shapeDistance(b, query);
    if (ha !== hb) return ha < hb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const best = ranked[0] as ThroughputBenchmark;
  const matchedBy = byModel.length > 0 ? "model" : "family";
  const scale = dec(query.count).div(best.count);
  const tokensPerSecond = best.tokensPerSecond.times(scale);
  const shape =
    best.inputTokens == null
      ? "dataset mean lengths"
      : `${best.inputTokens} input / ${best.outputTokens} output tokens per request`;
  const scaling = scale.eq(ONE)
    ? "same accelerator count, no scaling"
    : `scaled linearly × ${scale} from ${best.count} to ${query.count} accelerators (real scaling is sub-linear: ` +
      `scaling up overstates, scaling down understates per-accelerator throughput)`;
  const note =
    `Published measurement ${best.id}: ${best.measuredModel} on ${best.count}× ${best.accelerator}, ${best.precision}, ` +
    `${shape}, ${best.scenario}${best.outputTokensPerSecondPerUser ? ` at ${best.outputTokensPerSecondPerUser} tokens/s per user` : ""}, ${best.engine} — ${best.tokensPerSecond} ${best.counts} tokens/s. ` +
    `Matched by ${matchedBy === "model" ? `model ${query.model}` : `family ${query.family}`}, accelerator, precision` +
    ` and nearest count; ${scaling}.`;
  return { benchmark: best, tokensPerSecond, counts: best.counts, scale, matchedBy, note };
}
