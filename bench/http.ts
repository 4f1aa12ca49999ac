/**
 * HTTP vs the ceiling on one Node server: autocannon against the real server process, `GET /healthz`
 * (the framework's ceiling on this machine) vs `POST /v1/estimates/api` with three offerings and
 * `POST /v1/comparisons` (an API option, a self-hosted option, a 50-point sweep). Until the server
 * documents `/v1/comparisons` in /openapi.json, `POST /v1/estimates/self-hosted` is measured instead.
 *
 * Per log level: one server, a 2 s warm-up per route, then `rounds` rounds of [healthz, estimates,
 * comparisons]; each figure is the mean over rounds, so drift in the machine's load hits all alike.
 */
import type { BenchDatabase } from "./db.js";
import { type LoadResult, runLoad } from "./load.js";
import { checkTarget, hasComparisons, TARGETS, type Target } from "./requests.js";
import { startBenchServer } from "./server.js";

export interface RouteResult {
  path: string;
  rps: number;
  /** Each round's req/s. */
  runs: number[];
  requests: number;
  /** non-2xx responses + socket errors + timeouts over all rounds. */
  failed: number;
  statusCodes: Record<string, number>;
  latencyP50Ms: number;
  latencyP99Ms: number;
  responseBytes: number;
}

export interface HttpLevelResult {
  logLevel: string;
  healthz: RouteResult;
  estimates: RouteResult;
  /** POST /v1/comparisons, or POST /v1/estimates/self-hosted while that route is missing. */
  comparisons: RouteResult;
  comparisonsRoute: "/v1/comparisons" | "/v1/estimates/self-hosted";
  estimatesRpsShareOfHealthz: number;
  comparisonsRpsShareOfHealthz: number;
  /** Log bytes the server wrote per request during the measured runs. */
  logBytesPerRequest: number;
  serverStartupMs: number;
}

export interface HttpOptions {
  durationSeconds: number;
  connections: number;
  rounds: number;
  log?: (line: string) => void;
}

function summarise(target: Target, runs: LoadResult[], responseBytes: number): RouteResult {
  const statusCodes: Record<string, number> = {};
  for (const r of runs)
    for (const [k, v] of Object.entries(r.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    path: `${target.method} ${target.path}`,
    rps: mean(runs.map((r) => r.rps)),
    runs: runs.map((r) => Math.round(r.rps)),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    failed: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    statusCodes,
    latencyP50Ms: mean(runs.map((r) => r.latencyP50Ms)),
    latencyP99Ms: mean(runs.map((r) => r.latencyP99Ms)),
    responseBytes,
  };
}

export async function runHttpLevel(
  db: BenchDatabase,
  logLevel: string,
  o: HttpOptions,
): Promise<HttpLevelResult> {
  const log = o.log ?? (() => {});
  const server = await startBenchServer({ ...db.env, LOG_LEVEL: logLevel });
  try {
    const comparisons = (await hasComparisons(server.url)) ? TARGETS.comparisons : TARGETS["self-hosted"];
    const targets = [TARGETS.healthz, TARGETS.estimates, comparisons];
    const bytes = new Map<Target, number>();
    for (const t of targets) bytes.set(t, (await checkTarget(server.url, t)).bytes);
    const load = (t: Target, seconds: number) =>
      runLoad({
        url: `${server.url}${t.path}`,
        method: t.method,
        ...(t.body ? { body: t.body } : {}),
        durationSeconds: seconds,
        connections: o.connections,
      });
    for (const t of targets) await load(t, 2);
    const runs = new Map<Target, LoadResult[]>(targets.map((t) => [t, []]));
    const logBefore = server.logBytes();
    for (let round = 0; round < o.rounds; round++) {
      for (const t of targets) {
        const r = await load(t, o.durationSeconds);
        runs.get(t)?.push(r);
        log(
          `  LOG_LEVEL=${logLevel} ${t.method} ${t.path}: ${r.rps.toFixed(0)} req/s` +
            (r.non2xx + r.errors + r.timeouts > 0
              ? ` (non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`
              : ""),
        );
      }
    }
    const requests = [...runs.values()].flat().reduce((n, r) => n + r.requests, 0);
    const logBytesPerRequest = (server.logBytes() - logBefore) / Math.max(1, requests);
    const result = (t: Target) => summarise(t, runs.get(t) ?? [], bytes.get(t) ?? 0);
    const healthz = result(TARGETS.healthz);
    const estimates = result(TARGETS.estimates);
    const comp = result(comparisons);
    return {
      logLevel,
      healthz,
      estimates,
      comparisons: comp,
      comparisonsRoute: comparisons === TARGETS.comparisons ? "/v1/comparisons" : "/v1/estimates/self-hosted",
      estimatesRpsShareOfHealthz: estimates.rps / healthz.rps,
      comparisonsRpsShareOfHealthz: comp.rps / healthz.rps,
      logBytesPerRequest,
      serverStartupMs: server.startupMs,
    };
  } finally {
    await server.stop();
  }
}
