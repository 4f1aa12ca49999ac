/**
 * The framework's floor for the estimate and comparison routes' shapes (see floor-server.ts): req/s
 * of GET /healthz, of POSTs that read the same body and answer a tiny or the same precomputed 5.4 KB
 * response, with and without the route's zod validation, of the real POST /v1/estimates/api, and the
 * same validated floor and real route for POST /v1/comparisons (14.6 KB) — in alternating rounds, each
 * as a share of /healthz. Shows how much of the gap to /healthz is pricing and how much is HTTP, body
 * parsing, validation and payload.
 */

import type { BenchDatabase } from "./db.js";
import { runLoad } from "./load.js";
import { TARGETS } from "./requests.js";
import { startBenchServer } from "./server.js";

export interface FloorResult {
  logLevel: string;
  rows: { name: string; path: string; rps: number; runs: number[]; shareOfHealthz: number; failed: number }[];
}

export async function runFloorBench(
  db: BenchDatabase,
  o: { durationSeconds: number; connections: number; rounds: number; logLevel?: string },
): Promise<FloorResult> {
  const body = TARGETS.estimates.body as string;
  const comparisonBody = TARGETS.comparisons.body as string;
  const logLevel = o.logLevel ?? "info";
  const server = await startBenchServer(
    { ...db.env, LOG_LEVEL: logLevel, BENCH_BODY: body, BENCH_COMPARISON_BODY: comparisonBody },
    { entry: "bench/floor-server.ts" },
  );
  try {
    const targets = [
      { name: "GET /healthz", path: "/healthz", post: false },
      { name: "POST, read JSON body, 15-byte reply", path: "/v1/floor/tiny", post: true },
      { name: "POST, read JSON body, precomputed 5.4 KB reply", path: "/v1/floor/raw", post: true },
      { name: "POST, zod-validated body, precomputed 5.4 KB reply", path: "/v1/floor/validated", post: true },
      { name: "POST /v1/estimates/api (prices 3 offerings)", path: "/v1/estimates/api", post: true },
      {
        name: "POST, comparison validation, precomputed 14.6 KB reply",
        path: "/v1/floor/comparison-validated",
        post: true,
        body: comparisonBody,
      },
      {
        name: "POST /v1/comparisons (API + self-hosted + 50-pt sweep)",
        path: "/v1/comparisons",
        post: true,
        body: comparisonBody,
      },
    ];
    const load = (t: (typeof targets)[number], seconds: number) =>
      runLoad({
        url: `${server.url}${t.path}`,
        method: t.post ? "POST" : "GET",
        ...(t.post ? { body: t.body ?? body } : {}),
        durationSeconds: seconds,
        connections: o.connections,
      });
    for (const t of targets) await load(t, 2);
    const runs = new Map(targets.map((t) => [t, [] as Awaited<ReturnType<typeof load>>[]]));
    for (let r = 0; r < o.rounds; r++)
      for (const t of targets) runs.get(t)?.push(await load(t, o.durationSeconds));
    const mean = (t: (typeof targets)[number]) => {
      const rs = runs.get(t) ?? [];
      return rs.reduce((n, x) => n + x.rps, 0) / Math.max(1, rs.length);
    };
    const healthz = mean(targets[0] as (typeof targets)[number]);
    return {
      logLevel,
      rows: targets.map((t) => ({
        name: t.name,
        path: t.path,
        rps: mean(t),
        runs: (runs.get(t) ?? []).map((x) => Math.round(x.rps)),
        shareOfHealthz: mean(t) / healthz,
        failed: (runs.get(t) ?? []).reduce((n, x) => n + x.non2xx + x.errors + x.timeouts, 0),
      })),
    };
  } finally {
    await server.stop();
  }
}
