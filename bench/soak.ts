/**
 * Soak: the real server (`dist/server.mjs` in a child process on 127.0.0.1, as `npm start` runs it)
 * under mixed, sustained load for minutes, checking that nothing fails and memory stays flat.
 *
 *   npm run bench:soak                       # 180 s on the embedded database (fresh data dir)
 *   npm run bench:soak -- --duration 30      # shorter
 *   npm run bench:soak -- --connections 32 --database-url postgres://…/db   # migrated and seeded on start
 *
 * Every connection cycles through the same mix: GET /healthz, GET /v1/models, GET /v1/prices,
 * POST /v1/estimates/api, and POST /v1/estimates/self-hosted and /v1/comparisons where the server
 * documents them. Printed: requests, rps (mean, and first vs last third), latency p50/p99, status
 * counts (zero 5xx and zero other non-2xx expected), and the server's RSS sampled every second
 * (first vs last third after a --warmup, default 15 s). Exits 1 on any error response, connection error or timeout, or when the
 * RSS of the last third is more than --max-growth (default 25 %) above the first third.
 * Not part of `npm test`.
 */
import type { EventEmitter } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { COMPARISON_BODY, ESTIMATE_BODY, SELF_HOSTED_BODY } from "./requests.js";
import { startBenchServer } from "./server.js";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "180" },
    connections: { type: "string", default: "16" },
    "database-url": { type: "string" },
    "max-growth": { type: "string", default: "25" },
    "sample-ms": { type: "string", default: "1000" },
    warmup: { type: "string", default: "15" },
  },
});
const durationSeconds = Number(args.duration);
const connections = Number(args.connections);
const maxGrowthPercent = Number(args["max-growth"]);
const sampleMs = Number(args["sample-ms"]);
const warmupSeconds = Math.min(Number(args.warmup), durationSeconds / 3);
if (!(durationSeconds > 0) || !(connections > 0)) throw new Error("--duration and --connections must be > 0");

interface SoakRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}
interface Histogram {
  average: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
}
interface SoakResult {
  requests: Histogram;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
/** The slice of autocannon's callback API used here (the events give a per-second request count). */
type RunAutocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    requests: SoakRequest[];
    timeout: number;
  },
  done: (error: Error | null, result: SoakResult) => void,
) => EventEmitter;

const json = { "content-type": "application/json" };
const post = (p: string, body: unknown): SoakRequest => ({
  method: "POST",
  path: p,
  body: JSON.stringify(body),
  headers: json,
});

/** VmRSS of a process, in MiB (Linux /proc). */
async function rssMiB(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const thirds = <T>(xs: T[]) => {
  const n = Math.floor(xs.length / 3);
  return { first: xs.slice(0, n), last: xs.slice(xs.length - n) };
};
const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

async function main() {
  const dataDir = args["database-url"] ? undefined : await mkdtemp(path.join(tmpdir(), "llm-tco-soak-"));
  const server = await startBenchServer({
    ...(args["database-url"]
      ? { DATABASE_URL: args["database-url"] }
      : { DATABASE_URL: "", DATA_DIR: dataDir as string }),
    LOG_LEVEL: "info",
  });
  const pid = server.child.pid as number;
  try {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = (p: string) => Boolean(doc.paths[p]?.post);
    const requests: SoakRequest[] = [
      { method: "GET", path: "/healthz" },
      { method: "GET", path: "/v1/models" },
      { method: "GET", path: "/v1/prices?provider=openai&at=2024-11-01" },
      post("/v1/estimates/api", ESTIMATE_BODY),
      ...(documented("/v1/estimates/self-hosted")
        ? [post("/v1/estimates/self-hosted", SELF_HOSTED_BODY)]
        : []),
      ...(documented("/v1/comparisons") ? [post("/v1/comparisons", COMPARISON_BODY)] : []),
    ];
    // Each request once before the clock starts: the soak must not be measuring error responses.
    for (const r of requests) {
      const res = await fetch(`${server.url}${r.path}`, {
        method: r.method,
        body: r.body,
        headers: r.headers,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${r.method} ${r.path} → ${res.status}: ${text.slice(0, 300)}`);
    }
    console.log(
      `soak: ${durationSeconds} s, ${connections} connections, ${args["database-url"] ? "Postgres" : "embedded PGlite"}, ` +
        `server pid ${pid} started in ${Math.round(server.startupMs)} ms; mix: ${requests.map((r) => `${r.method} ${r.path.split("?")[0]}`).join(", ")}`,
    );

    const rss: { t: number; mib: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(async () => {
      const mib = await rssMiB(pid);
      if (mib != null) rss.push({ t: (performance.now() - started) / 1000, mib });
    }, sampleMs);
    const perSecond: number[] = [];
    const result = await new Promise<SoakResult>((resolve, reject) => {
      const instance = (autocannon as unknown as RunAutocannon)(
        { url: server.url, connections, duration: durationSeconds, requests, timeout: 30 },
        (error, r) => (error ? reject(error) : resolve(r)),
      );
      instance.on("tick", (tick: { counter: number }) => perSecond.push(tick.counter));
    });
    clearInterval(sampler);

    const status: Record<string, number> = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]),
    );
    const fiveHundreds = Object.entries(status)
      .filter(([code]) => Number(code) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    // After the warm-up (JIT, first allocations, the start-up's garbage collected), in thirds.
    const rpsThirds = thirds(perSecond.slice(Math.round(warmupSeconds)));
    const rssThirds = thirds(rss.filter((s) => s.t >= warmupSeconds).map((s) => s.mib));
    const rssFirst = mean(rssThirds.first);
    const rssLast = mean(rssThirds.last);
    const growth = ((rssLast - rssFirst) / rssFirst) * 100;
    const summary = {
      durationSeconds,
      connections,
      database: args["database-url"] ? "postgres" : "pglite",
      endpoints: requests.map((r) => `${r.method} ${r.path.split("?")[0]}`),
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      rpsFirstThird: Math.round(mean(rpsThirds.first)),
      rpsLastThird: Math.round(mean(rpsThirds.last)),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      warmupSeconds,
      statusCodes: status,
      fiveHundreds,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      rssMiB: {
        min: Math.round(Math.min(...rss.map((s) => s.mib))),
        max: Math.round(Math.max(...rss.map((s) => s.mib))),
        firstThird: Number(fmt(rssFirst)),
        lastThird: Number(fmt(rssLast)),
        growthPercent: Number(fmt(growth)),
        samples: rss.length,
      },
      serverLogLines: server.logLines(),
    };

    console.log("");
    console.log(
      `requests      ${summary.requests} (${summary.rps} rps; first third ${summary.rpsFirstThird}, last third ${summary.rpsLastThird})`,
    );
    console.log(
      `latency       p50 ${summary.latencyP50Ms} ms, p99 ${summary.latencyP99Ms} ms, max ${summary.latencyMaxMs} ms`,
    );
    console.log(
      `status codes  ${JSON.stringify(status)}; 5xx: ${fiveHundreds}; non-2xx: ${result.non2xx}; errors: ${result.errors}; timeouts: ${result.timeouts}`,
    );
    console.log(
      `server RSS    ${summary.rssMiB.min}–${summary.rssMiB.max} MiB; after ${warmupSeconds} s warm-up: first third ${fmt(rssFirst)} MiB, last third ${fmt(rssLast)} MiB (${growth >= 0 ? "+" : ""}${fmt(growth)} %)`,
    );
    const series = rss.filter((_, i) => i % Math.max(1, Math.floor(rss.length / 12)) === 0);
    console.log(`RSS over time ${series.map((s) => `${Math.round(s.t)}s:${Math.round(s.mib)}`).join(" ")}`);
    console.log(JSON.stringify(summary));

    const failures = [
      fiveHundreds > 0 && `${fiveHundreds} responses were 5xx`,
      result.non2xx > 0 && `${result.non2xx} responses were not 2xx`,
      result.errors > 0 && `${result.errors} connection errors`,
      result.timeouts > 0 && `${result.timeouts} timeouts`,
      growth > maxGrowthPercent &&
        `RSS grew ${fmt(growth)} % (> ${maxGrowthPercent} %) from the first to the last third`,
    ].filter(Boolean);
    if (failures.length > 0) {
      console.error(`\nSOAK FAILED: ${failures.join("; ")}\n${server.tail()}`);
      process.exitCode = 1;
    } else {
      console.log("\nsoak passed: zero 5xx, zero errors, flat memory");
    }
  } finally {
    await server.stop("SIGTERM");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
