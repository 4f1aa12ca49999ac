/**
 * Each route against its own floor, in one run: the real server (dist/server.mjs, as `npm start` runs
 * it) and beside it a bare Hono app on the same adapter (floor-server.ts) answering the same paths with
 * the real route's response bytes, captured from the real server at the start of this run. For
 * `GET /healthz`, `POST /v1/estimates/api` (3 offerings) and `POST /v1/comparisons` (50-point sweep):
 * a 2 s warm-up of each server on each route, then `rounds` rounds in which every route is loaded on
 * the real server and on the floor back to back (which goes first alternates by round), so drift in
 * the machine's load hits both alike. Share = real req/s ÷ floor req/s, from the means over rounds.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import type { BenchDatabase } from "./db.js";
import { type LoadResult, runLoad } from "./load.js";
import { TARGETS, type Target } from "./requests.js";
import { type BenchServer, startBenchServer } from "./server.js";

export const FLOOR_TARGETS: Target[] = [TARGETS.healthz, TARGETS.estimates, TARGETS.comparisons];

export interface FloorRow {
  route: string;
  responseBytes: number;
  realRps: number;
  floorRps: number;
  realRuns: number[];
  floorRuns: number[];
  /** Real req/s ÷ floor req/s. */
  shareOfFloor: number;
  /** Server CPU µs per request (means over rounds), real and floor; null off Linux. */
  realCpuMicros: number | null;
  floorCpuMicros: number | null;
  /** Floor CPU per request ÷ real CPU per request: the share by CPU cost rather than throughput. */
  cpuShareOfFloor: number | null;
  failed: number;
}

export interface FloorResult {
  logLevel: string;
  /** Load average (1, 5, 15 min) when the section started and ended. */
  loadAverage: { start: number[]; end: number[] };
  rows: FloorRow[];
}

export interface CapturedResponse {
  contentType: string;
  body: string;
}

/** The real server's exact answer to each target (checked 200), keyed `"<METHOD> <path>"`. */
export async function captureResponses(
  url: string,
  targets: Target[],
): Promise<Record<string, CapturedResponse>> {
  const out: Record<string, CapturedResponse> = {};
  for (const t of targets) {
    const res = await fetch(`${url}${t.path}`, {
      method: t.method,
      ...(t.body ? { body: t.body, headers: { "content-type": "application/json" } } : {}),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${t.method} ${t.path} → ${res.status}: ${body.slice(0, 500)}`);
    out[`${t.method} ${t.path}`] = {
      contentType: res.headers.get("content-type") ?? "application/json",
      body,
    };
  }
  return out;
}

/** Start the bare floor server answering `captured` (a temp file handed over; removed on stop). */
export async function startFloorServer(
  captured: Record<string, CapturedResponse>,
  nodeArgs: string[] = [],
): Promise<BenchServer> {
  const dir = await mkdtemp(path.join(tmpdir(), "llm-tco-floor-"));
  const file = path.join(dir, "responses.json");
  await writeFile(file, JSON.stringify(captured));
  const server = await startBenchServer(
    { BENCH_FLOOR_RESPONSES: file },
    { entry: "bench/floor-server.ts", nodeArgs },
  );
  const stop = server.stop;
  return {
    ...server,
    stop: async (signal) => {
      const code = await stop(signal);
      await rm(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux; undefined elsewhere).
 * Unlike req/s, CPU time per request barely depends on what else the machine runs.
 */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface Measured extends LoadResult {
  /** The server's CPU µs per request during the run. */
  cpuMicrosPerRequest: number | undefined;
}

async function loadOn(
  server: BenchServer,
  t: Target,
  seconds: number,
  connections: number,
): Promise<Measured> {
  const before = cpuSeconds(server.child.pid);
  const r = await runLoad({
    url: `${server.url}${t.path}`,
    method: t.method,
    ...(t.body ? { body: t.body } : {}),
    durationSeconds: seconds,
    connections,
  });
  const after = cpuSeconds(server.child.pid);
  const cpu =
    before === undefined || after === undefined
      ? undefined
      : ((after - before) * 1e6) / Math.max(1, r.requests);
  return { ...r, cpuMicrosPerRequest: cpu };
}

export async function runFloorBench(
  db: BenchDatabase,
  o: {
    durationSeconds: number;
    connections: number;
    rounds: number;
    logLevel?: string;
    log?: (l: string) => void;
  },
): Promise<FloorResult> {
  const log = o.log ?? (() => {});
  const logLevel = o.logLevel ?? "info";
  const start = loadavg();
  const real = await startBenchServer({ ...db.env, LOG_LEVEL: logLevel });
  let floor: BenchServer | undefined;
  try {
    const captured = await captureResponses(real.url, FLOOR_TARGETS);
    floor = await startFloorServer(captured);
    const servers = { real, floor };
    for (const t of FLOOR_TARGETS) for (const s of [real, floor]) await loadOn(s, t, 2, o.connections);
    const runs = new Map(FLOOR_TARGETS.map((t) => [t, { real: [] as Measured[], floor: [] as Measured[] }]));
    for (let round = 0; round < o.rounds; round++) {
      for (const t of FLOOR_TARGETS) {
        const order: ("real" | "floor")[] = round % 2 === 0 ? ["real", "floor"] : ["floor", "real"];
        for (const which of order) {
          const r = await loadOn(servers[which], t, o.durationSeconds, o.connections);
          runs.get(t)?.[which].push(r);
          const cpu =
            r.cpuMicrosPerRequest === undefined ? "" : `, ${r.cpuMicrosPerRequest.toFixed(0)} CPU µs/request`;
          log(`  ${which.padEnd(5)} ${t.method} ${t.path}: ${r.rps.toFixed(0)} req/s${cpu}`);
        }
      }
    }
    const mean = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.rps, 0) / Math.max(1, rs.length);
    const cpuMean = (rs: Measured[]) =>
      rs.every((r) => r.cpuMicrosPerRequest !== undefined)
        ? rs.reduce((n, r) => n + (r.cpuMicrosPerRequest ?? 0), 0) / Math.max(1, rs.length)
        : null;
    const failed = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    return {
      logLevel,
      loadAverage: { start, end: loadavg() },
      rows: FLOOR_TARGETS.map((t) => {
        const r = runs.get(t) ?? { real: [], floor: [] };
        return {
          route: `${t.method} ${t.path}`,
          responseBytes: Buffer.byteLength(captured[`${t.method} ${t.path}`]?.body ?? ""),
          realRps: mean(r.real),
          floorRps: mean(r.floor),
          realRuns: r.real.map((x) => Math.round(x.rps)),
          floorRuns: r.floor.map((x) => Math.round(x.rps)),
          shareOfFloor: mean(r.real) / mean(r.floor),
          realCpuMicros: cpuMean(r.real),
          floorCpuMicros: cpuMean(r.floor),
          cpuShareOfFloor: (() => {
            const real = cpuMean(r.real);
            const fl = cpuMean(r.floor);
            return real && fl ? fl / real : null;
          })(),
          failed: failed(r.real) + failed(r.floor),
        };
      }),
    };
  } finally {
    await floor?.stop();
    await real.stop();
  }
}
