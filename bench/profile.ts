/**
 * Profile a route under load, the real server against its floor: start the real server
 * (dist/server.mjs) and the bare floor app (floor-server.ts, answering the real route's captured
 * bytes) both with `node --cpu-prof`, warm both up, load the route on each for N seconds (one after
 * the other), stop them gracefully (the profiles are written on exit) and print, for the load window
 * only: the real server's top functions, and the CPU µs per request by part — middleware, validation,
 * engine, presenters, JSON.stringify, logging, framework, adapter, runtime, GC — for the real route,
 * its floor, and the gap between them.
 *
 *   npx tsx bench/profile.ts [estimates|comparisons|self-hosted|healthz] [--seconds 10]
 *                            [--log-level info] [--connections 50] [--no-floor] [--keep]
 *                            [--detail N]   (N top functions, by self time, within each part)
 *
 * Uses DATABASE_URL (a fresh database on that server) or a temp embedded database.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { attributeFile, formatAttribution, formatSummary, summariseFile } from "./cpuprofile-summary.js";
import { createBenchDatabase } from "./db.js";
import { captureResponses, startFloorServer } from "./floor.js";
import { runLoad } from "./load.js";
import { TARGETS, type Target } from "./requests.js";
import { type BenchServer, startBenchServer } from "./server.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};
const targetName = (args.find((a, i) => !a.startsWith("--") && !(args[i - 1] ?? "").startsWith("--")) ??
  "estimates") as Target["name"];
const target = TARGETS[targetName];
if (!target) throw new Error(`unknown target ${targetName}`);
const seconds = Number(flag("seconds", "10"));
const connections = Number(flag("connections", "50"));
const logLevel = flag("log-level", "info");
const withFloor = !args.includes("--no-floor");

interface Profiled {
  server: BenchServer;
  dir: string;
  spawnedAt: number;
}

async function startProfiled(start: (nodeArgs: string[]) => Promise<BenchServer>): Promise<Profiled> {
  const dir = await mkdtemp(path.join(tmpdir(), "llm-tco-profile-"));
  const before = performance.now();
  const server = await start(["--cpu-prof", "--cpu-prof-dir", dir]);
  // The profile starts when the process does: about when it was spawned (start-up is measured to /healthz).
  return { server, dir, spawnedAt: before };
}

const load = (url: string, s: number) =>
  runLoad({
    url: `${url}${target.path}`,
    method: target.method,
    ...(target.body ? { body: target.body } : {}),
    durationSeconds: s,
    connections,
  });

/** Load for `seconds`, stop the server, return the load result, the profile file and the window. */
async function measure(p: Profiled) {
  const fromMs = performance.now() - p.spawnedAt;
  const result = await load(p.server.url, seconds);
  const toMs = performance.now() - p.spawnedAt;
  await p.server.stop("SIGTERM");
  const file = (await readdir(p.dir)).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no .cpuprofile written");
  return { result, file: path.join(p.dir, file), window: { fromMs, toMs } };
}

const db = await createBenchDatabase("profile");
const load0 = loadavg();
const real = await startProfiled((nodeArgs) =>
  startBenchServer({ ...db.env, LOG_LEVEL: logLevel }, { nodeArgs }),
);
let floor: Profiled | undefined;
try {
  // /healthz too: the floor server's start-up is timed to its first /healthz, like the real one's.
  const captured = await captureResponses(real.server.url, [...new Set([TARGETS.healthz, target])]);
  const bytes = Buffer.byteLength(captured[`${target.method} ${target.path}`]?.body ?? "");
  if (withFloor) floor = await startProfiled((nodeArgs) => startFloorServer(captured, nodeArgs));
  await load(real.server.url, 2);
  if (floor) await load(floor.server.url, 2);
  const r = await measure(real);
  const f = floor ? await measure(floor) : undefined;
  const line = (label: string, x: typeof r) =>
    `${label}: ${x.result.rps.toFixed(0)} req/s, ${x.result.requests} requests, non-2xx ${x.result.non2xx}, errors ${x.result.errors}`;
  console.log(
    `${target.method} ${target.path} (${bytes} B), LOG_LEVEL=${logLevel}, ${connections} connections, ${seconds} s each; ` +
      `load average ${load0.map((x) => x.toFixed(2)).join(" ")} → ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  console.log(line("real ", r));
  if (f) console.log(line("floor", f));
  console.log(`\n${formatSummary(await summariseFile(r.file, 30, r.window))}`);
  console.log(
    `\nCPU time per request by part (real server${f ? " vs the bare floor app answering the same bytes" : ""}):\n`,
  );
  console.log(
    formatAttribution(
      { ...(await attributeFile(r.file, r.window)), requests: r.result.requests },
      f ? { ...(await attributeFile(f.file, f.window)), requests: f.result.requests } : undefined,
      Number(flag("detail", "0")),
    ),
  );
  if (args.includes("--keep")) console.log(`\nprofiles kept: ${r.file}${f ? `, ${f.file}` : ""}`);
} finally {
  await real.server.stop("SIGKILL");
  await floor?.server.stop("SIGKILL");
  await db.drop();
  if (!args.includes("--keep")) {
    await rm(real.dir, { recursive: true, force: true });
    if (floor) await rm(floor.dir, { recursive: true, force: true });
  }
}
