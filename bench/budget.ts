/**
 * The least our own work can cost per request, measured in process (warm, one body over and over: the
 * friendliest case for V8; the lowest p50 of 5 rounds: so a lower bound), for the two routes the floor bench compares: validating
 * the parsed body (the floor parses JSON too), the handler's domain work, and writing the response
 * body. With the floor's own CPU per request from the same run, it bounds the share of the floor the
 * route could reach even if middleware, logging, Hono and the adapter cost nothing extra:
 *   best share = floor ÷ (floor + validation + domain + serialisation).
 * When that bound is below a target, the target cannot be met without making those parts cheaper.
 *
 * Run alone: `npx tsx bench/budget.ts` (prints the parts; the bound needs the floor section).
 */
import { do_not_optimize, measure } from "mitata";
import { resolveWorkload } from "../api/domain/pricing/workload.js";
import { apiEstimatesJson } from "../api/presentation/api-estimates-json.js";
import { presentComparison } from "../api/presentation/present-comparison.js";
import { ComparisonRequestSchema } from "../api/schemas/comparisons.js";
import { ApiEstimateRequestSchema } from "../api/schemas/estimates.js";
import type { Snapshot } from "../api/services/catalog-store.js";
import { runComparison } from "../api/services/comparisons.js";
import { apiEstimate } from "../api/services/estimates.js";
import { loadFileSnapshot } from "./comparison.js";
import { TARGETS } from "./requests.js";

export interface RouteBudget {
  route: string;
  /** µs per request, p50 in process. */
  validationMicros: number;
  domainMicros: number;
  serialisationMicros: number;
  ownMicros: number;
  /** The same bytes as the server answers (checked against the floor's captured body when given). */
  responseBytes: number;
}

/** The lowest per-round p50 of `fn` over 5 rounds (µs): a lower bound should not carry a neighbour's burst. */
const p50Micros = async (fn: () => unknown): Promise<number> => {
  for (let i = 0; i < 500; i++) do_not_optimize(fn());
  let lowest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const p50 = (await measure(() => do_not_optimize(fn()), { min_cpu_time: 100e6 })).p50 / 1000;
    lowest = Math.min(lowest, p50);
  }
  return lowest;
};

/** A string's bytes as the adapter sends them (flattening a concatenated string is part of writing it). */
const utf8Bytes = (s: string) => Buffer.byteLength(s);

/** One route's three parts: the body validated, priced (the handler's domain work), written. */
interface RouteParts<Body, Priced> {
  route: string;
  requestBody: string;
  schema: { safeParse(data: unknown): { success: true; data: Body } | { success: false } };
  price(body: Body, at: string): Priced;
  write(priced: Priced, at: string): string;
}

async function routeBudget<Body extends { at?: string | undefined }, Priced>(
  parts: RouteParts<Body, Priced>,
): Promise<RouteBudget> {
  const parsedBody = JSON.parse(parts.requestBody);
  const validated = (): Body => {
    const result = parts.schema.safeParse(parsedBody);
    if (!result.success) throw new Error(`${parts.route}: the bench body no longer validates`);
    return result.data;
  };
  const body = validated();
  const at = body.at ?? "2024-11-01";
  const priced = parts.price(body, at);
  const written = () => utf8Bytes(parts.write(priced, at));
  const validationMicros = await p50Micros(validated);
  const domainMicros = await p50Micros(() => parts.price(body, at));
  const serialisationMicros = await p50Micros(written);
  return {
    route: parts.route,
    validationMicros,
    domainMicros,
    serialisationMicros,
    ownMicros: validationMicros + domainMicros + serialisationMicros,
    responseBytes: written(),
  };
}

const estimatesBudget = (snapshot: Snapshot) =>
  routeBudget({
    route: "POST /v1/estimates/api",
    requestBody: TARGETS.estimates.body as string,
    schema: ApiEstimateRequestSchema,
    // What the handler does between validation and the response body.
    price: (body, at) => {
      const { workload, assumptions } = resolveWorkload(body.workload);
      return body.offerings.map((offering, index) => {
        const estimate = apiEstimate(snapshot, workload, offering, at, `/offerings/${index}`);
        estimate.assumptions.unshift(...assumptions);
        return estimate;
      });
    },
    write: (estimates, at) => apiEstimatesJson(at, estimates),
  });

const comparisonsBudget = (snapshot: Snapshot) =>
  routeBudget({
    route: "POST /v1/comparisons",
    requestBody: TARGETS.comparisons.body as string,
    schema: ComparisonRequestSchema,
    price: (body, at) => runComparison(snapshot, body, at),
    write: (result, at) =>
      JSON.stringify(presentComparison(at, result.comparison, result.sweep, result.sensitivity)),
  });

/** Both routes' budgets, on the catalogue the server seeds (the pricing-data files). */
export async function runBudgetBench(): Promise<RouteBudget[]> {
  const snapshot = await loadFileSnapshot();
  return [await estimatesBudget(snapshot), await comparisonsBudget(snapshot)];
}

/** The best share of its floor a route could reach with our own parts as cheap as measured here. */
export function bestShareOfFloor(budget: RouteBudget, floorCpuMicros: number): number {
  return floorCpuMicros / (floorCpuMicros + budget.ownMicros);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await runBudgetBench()) {
    console.log(
      `${b.route}: validation ${b.validationMicros.toFixed(1)} + domain ${b.domainMicros.toFixed(1)} + serialisation ${b.serialisationMicros.toFixed(1)} = ${b.ownMicros.toFixed(1)} µs (${b.responseBytes} B)`,
    );
  }
}
