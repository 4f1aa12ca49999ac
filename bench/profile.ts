/**
 * Profile the real server under load: start it with `node --cpu-prof`, warm up, load one route with
 * autocannon, stop it gracefully (the profile is written on exit) and print the top functions of the
 * load window (start-up and warm-up excluded).
 *
 *   npx tsx bench/profile.ts [estimates|comparisons|self-hosted|healthz] [--seconds 10]
 *                            [--log-level info] [--connections 50] [--keep]
 *
 * Uses DATABASE_URL (a fresh database on that server) or a temp embedded database.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatSummary, summariseFile } from "./cpuprofile-summary.js";
import { createBenchDatabase } from "./db.js";
import { runLoad } from "./load.js";
import { checkTarget, TARGETS, type Target } from "./requests.js";
import { startBenchServer } from "./server.js";

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

const dir = await mkdtemp(path.join(tmpdir(), "llm-tco-profile-"));
const db = await createBenchDatabase("profile");
const spawnedAt = performance.now();
const server = await startBenchServer(
  { ...db.env, LOG_LEVEL: logLevel },
  { nodeArgs: ["--cpu-prof", "--cpu-prof-dir", dir] },
);
try {
  await checkTarget(server.url, target);
  const load = (s: number) =>
    runLoad({
      url: `${server.url}${target.path}`,
      method: target.method,
      ...(target.body ? { body: target.body } : {}),
      durationSeconds: s,
      connections,
    });
  await load(2);
  const fromMs = performance.now() - spawnedAt;
  const result = await load(seconds);
  const toMs = performance.now() - spawnedAt;
  await server.stop("SIGTERM");
  const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no .cpuprofile written");
  console.log(
    `${target.method} ${target.path}, LOG_LEVEL=${logLevel}, ${connections} connections, ${seconds} s: ` +
      `${result.rps.toFixed(0)} req/s, non-2xx ${result.non2xx}, errors ${result.errors}`,
  );
  console.log(formatSummary(await summariseFile(path.join(dir, file), 30, { fromMs, toMs })));
  if (args.includes("--keep")) console.log(`\nprofile kept: ${path.join(dir, file)}`);
} finally {
  await server.stop("SIGKILL");
  await db.drop();
  if (!args.includes("--keep")) await rm(dir, { recursive: true, force: true });
}
