/**
 * `npm run bench`: every comparison of issue 7 in one process run, printed as a table and written to
 * bench/results.json.
 *
 *   npm run bench                      engine, comparison, http, floor, scale, startup → bench/results.json
 *   npm run bench -- engine http       only those sections (printed; results.json is left alone)
 *
 * Environment: DATABASE_URL (the server and throwaway databases on that Postgres server; unset: the
 * embedded database in temp folders), BENCH_DURATION (seconds per HTTP run, default 5),
 * BENCH_CONNECTIONS (default 50), BENCH_ROUNDS (HTTP rounds, default 2), BENCH_ENGINE_ROUNDS (7).
 */
import { execSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { bestShareOfFloor, type RouteBudget, runBudgetBench } from "./budget.js";
import { type ComparisonPhaseResult, runComparisonBench } from "./comparison.js";
import { createBenchDatabase } from "./db.js";
import { type EngineResults, runEngineBench } from "./engine.js";
import { type FloorResult, runFloorBench } from "./floor.js";
import { type HttpLevelResult, runHttpLevel } from "./http.js";
import { runScaleBench, type ScaleResults } from "./scale.js";
import { measureStartup, type StartupResult } from "./startup.js";

const SECTIONS = ["engine", "comparison", "http", "floor", "scale", "startup"] as const;
type Section = (typeof SECTIONS)[number];

const asked = process.argv.slice(2).filter((a): a is Section => (SECTIONS as readonly string[]).includes(a));
const sections: Section[] = asked.length > 0 ? asked : [...SECTIONS];
const full = sections.length === SECTIONS.length;

const settings = {
  durationSeconds: Number(process.env.BENCH_DURATION ?? 5),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  pipelining: 1,
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  engineRounds: Number(process.env.BENCH_ENGINE_ROUNDS ?? 7),
  database: process.env.DATABASE_URL ? "postgres" : "pglite",
};

function sh(cmd: string): string {
  try {
    return execSync(cmd, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

function machine() {
  const cpuModel =
    /model name\s*:\s*(.+)/.exec(
      (() => {
        try {
          return readFileSync("/proc/cpuinfo", "utf8");
        } catch {
          return "";
        }
      })(),
    )?.[1] ??
    os.cpus()[0]?.model ??
    "unknown";
  return {
    cpus: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    gitCommit: sh("git rev-parse --short HEAD"),
    gitDirty: sh("git status --porcelain").length > 0,
  };
}

const log = (line: string) => console.log(line);
const started = performance.now();
const info = machine();
log(
  `bench: ${sections.join(", ")} — ${info.cpus} CPUs (${info.cpuModel}), Node ${info.node}, load ${info.loadAverageAtStart.join(" ")}, database ${settings.database}`,
);

let engine: EngineResults | undefined;
let comparisonPhases: ComparisonPhaseResult[] | undefined;
const http: Record<string, HttpLevelResult> = {};
let floor: FloorResult | undefined;
let budget: RouteBudget[] | undefined;
let scale: ScaleResults | undefined;
const startup: StartupResult[] = [];

if (sections.includes("engine")) {
  log("\n[1/6] engine vs @pydantic/genai-prices");
  engine = await runEngineBench(undefined, settings.engineRounds);
}

if (sections.includes("comparison")) {
  log("\n[2/6] the comparison engine by phase, in process");
  comparisonPhases = await runComparisonBench();
}

if (sections.includes("http") || sections.includes("floor")) {
  const db = await createBenchDatabase("http");
  try {
    if (sections.includes("http")) {
      log("\n[3/6] HTTP vs the /healthz ceiling (autocannon in a worker thread)");
      for (const level of ["info", "warn"]) {
        http[level] = await runHttpLevel(db, level, { ...settings, log });
      }
    }
    if (sections.includes("floor")) {
      log("\n[4/6] each route against its floor: a bare Hono app answering the same bytes (LOG_LEVEL=info)");
      floor = await runFloorBench(db, { ...settings, log });
      for (const r of floor.rows)
        log(
          `  ${r.route}: ${r.realRps.toFixed(0)} vs ${r.floorRps.toFixed(0)} req/s = ${(r.shareOfFloor * 100).toFixed(1)} %` +
            (r.cpuShareOfFloor == null
              ? ""
              : `; CPU ${r.realCpuMicros?.toFixed(0)} vs ${r.floorCpuMicros?.toFixed(0)} µs/request = ${(r.cpuShareOfFloor * 100).toFixed(1)} %`),
        );
      log("  … and the least our own parts cost per request, in process (bench/budget.ts)");
      budget = await runBudgetBench();
    }
  } finally {
    await db.drop();
  }
}

if (sections.includes("scale")) {
  log("\n[5/6] scale: a 10,000-model price sheet");
  scale = await runScaleBench({ ...settings, log });
}

if (sections.includes("startup")) {
  log("\n[6/6] start-up to the first /healthz");
  startup.push(await measureStartup("pglite"));
  if (process.env.DATABASE_URL) startup.push(await measureStartup("postgres"));
}

// ---------------------------------------------------------------------------------------------------

const info0 = http.info;
const warn0 = http.warn;
const embedded = startup.find((s) => s.database === "pglite");
const pg = startup.find((s) => s.database === "postgres");
const r2 = (x: number | undefined | null) => (x == null ? null : Math.round(x * 100) / 100);
const r3 = (x: number | undefined | null) => (x == null ? null : Math.round(x * 1000) / 1000);

const results = {
  generatedAt: new Date().toISOString(),
  machine: { ...info, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  settings,
  // Headline figures (issue 7 targets).
  apiEstimateMicros: r2(engine?.apiEstimateMicros),
  genaiPricesMicros: r2(engine?.genaiPricesMicros),
  apiEstimateVsGenaiPrices: r3(engine?.apiEstimateVsGenaiPrices),
  apiEstimateVsGenaiPricesByCase: engine
    ? Object.fromEntries(engine.cases.map((c) => [c.name, r3(c.ratio)]))
    : null,
  apiEstimateWithWireStringsMicros: r2(engine?.cases[0]?.withPresentMicros),
  sameDollarFigures: engine?.sameDollarFigures ?? null,
  engineWholeCatalogVs2024: r3(engine?.catalogSize?.speedVsSmall),
  healthzRps: r2(info0?.healthz.rps),
  estimatesRps: r2(info0?.estimates.rps),
  comparisonsRps: r2(info0?.comparisons.rps),
  comparisonsRoute: info0?.comparisonsRoute ?? null,
  estimatesRpsShareOfHealthz: r3(info0?.estimatesRpsShareOfHealthz),
  comparisonsRpsShareOfHealthz: r3(info0?.comparisonsRpsShareOfHealthz),
  estimatesRpsShareOfHealthzLogWarn: r3(warn0?.estimatesRpsShareOfHealthz),
  comparisonsRpsShareOfHealthzLogWarn: r3(warn0?.comparisonsRpsShareOfHealthz),
  failedRequests:
    Object.values(http).reduce(
      (n, l) => n + l.healthz.failed + l.estimates.failed + l.comparisons.failed,
      0,
    ) +
    (floor?.rows.reduce((n, r) => n + r.failed, 0) ?? 0) +
    (scale?.failedRequests ?? 0),
  /** Each route's req/s as a share of its floor (a bare Hono app answering the same bytes, same run). */
  shareOfFloor: floor ? Object.fromEntries(floor.rows.map((r) => [r.route, r3(r.shareOfFloor)])) : null,
  /** The same by server CPU per request (floor ÷ real): steadier than req/s on a busy machine. */
  cpuShareOfFloor: floor ? Object.fromEntries(floor.rows.map((r) => [r.route, r3(r.cpuShareOfFloor)])) : null,
  /**
   * Per route: validation + domain work + serialisation in process (a lower bound of our own CPU per
   * request) and the best share of the floor it leaves, floor ÷ (floor + ours), with nothing else of ours.
   */
  floorBudget: budget
    ? Object.fromEntries(
        budget.map((b) => {
          const floorCpu = floor?.rows.find((r) => r.route === b.route)?.floorCpuMicros;
          return [
            b.route,
            {
              validationMicros: r2(b.validationMicros),
              domainMicros: r2(b.domainMicros),
              serialisationMicros: r2(b.serialisationMicros),
              ownMicros: r2(b.ownMicros),
              bestShareOfFloor: floorCpu == null ? null : r3(bestShareOfFloor(b, floorCpu)),
            },
          ];
        }),
      )
    : null,
  comparisonPhasesMicros: comparisonPhases
    ? Object.fromEntries(comparisonPhases.map((p) => [p.name, r2(p.micros)]))
    : null,
  scaleImportMs: r2(scale?.importMs),
  scaleEstimatesVsSmall: r3(scale?.largeVsSmall),
  scaleEstimatesVsSmallAfterImport: r3(scale?.largeVsSmallAfterImport),
  startupPostgresMs: r2(pg?.secondStartMs),
  startupPostgresFirstMs: r2(pg?.firstStartMs),
  startupEmbeddedFirstMs: r2(embedded?.firstStartMs),
  startupEmbeddedSecondMs: r2(embedded?.secondStartMs),
  details: { engine, http, floor, scale, startup },
  benchSeconds: Math.round((performance.now() - started) / 1000),
};

// ---------------------------------------------------------------------------------------------------

type Row = [string, string, string, string];
const rows: Row[] = [];
const ok = (pass: boolean | null) => (pass == null ? "" : pass ? "ok" : "MISSED");
const fmt = (x: number | null | undefined, digits = 0, unit = "") =>
  x == null ? "—" : `${x.toFixed(digits)}${unit}`;
const pct = (x: number | null | undefined) => (x == null ? "—" : `${(x * 100).toFixed(1)} %`);

if (engine) {
  for (const c of engine.cases) {
    rows.push([
      `engine: ${c.name}`,
      `${c.apiEstimateMicros.toFixed(2)} µs vs ${c.genaiPricesMicros.toFixed(2)} µs → ${c.ratio.toFixed(2)}×`,
      "≤ 1×",
      ok(c.ratio <= 1),
    ]);
    rows.push([
      "  same dollar figure (exact vs float)",
      `$${c.apiMonthlyCost} vs $${c.peerTotal}`,
      "equal",
      ok(c.sameDollarFigure),
    ]);
    rows.push(["  + wire strings (presentApiEstimate)", `${c.withPresentMicros.toFixed(2)} µs`, "", ""]);
  }
  const size = engine.catalogSize;
  if (size) {
    rows.push([
      `engine: the 3 cases, whole catalogue (${size.wholeSheets} sheets) vs 2024's (17)`,
      `${size.wholeMicros.toFixed(2)} vs ${size.smallMicros.toFixed(2)} µs → ${pct(size.speedVsSmall)} speed`,
      "≥ 95 %",
      ok(size.speedVsSmall >= 0.95),
    ]);
  }
}
for (const p of comparisonPhases ?? [])
  rows.push([`comparison engine: ${p.name}`, `${p.micros.toFixed(1)} µs`, "", ""]);
for (const [level, l] of Object.entries(http)) {
  rows.push([`http LOG_LEVEL=${level}: GET /healthz`, `${fmt(l.healthz.rps)} req/s`, "ceiling", ""]);
  rows.push([
    `  POST /v1/estimates/api (3 offerings)`,
    `${fmt(l.estimates.rps)} req/s = ${pct(l.estimatesRpsShareOfHealthz)}`,
    "≥ 50 %",
    ok(l.estimatesRpsShareOfHealthz >= 0.5),
  ]);
  rows.push([
    `  POST ${l.comparisonsRoute}${l.comparisonsRoute === "/v1/comparisons" ? " (API + self-hosted + 50-pt sweep)" : " (comparisons route missing)"}`,
    `${fmt(l.comparisons.rps)} req/s = ${pct(l.comparisonsRpsShareOfHealthz)}`,
    "≥ 30 %",
    ok(l.comparisonsRoute === "/v1/comparisons" ? l.comparisonsRpsShareOfHealthz >= 0.3 : null),
  ]);
  const failed = l.healthz.failed + l.estimates.failed + l.comparisons.failed;
  rows.push(["  failed requests (non-2xx, errors)", String(failed), "0", ok(failed === 0)]);
  rows.push(["  log bytes per request", fmt(l.logBytesPerRequest), "", ""]);
}
if (floor) {
  const target: Record<string, number> = { "POST /v1/estimates/api": 0.5, "POST /v1/comparisons": 0.25 };
  for (const r of floor.rows) {
    const goal = target[r.route];
    rows.push([
      `vs floor (LOG_LEVEL=${floor.logLevel}): ${r.route} (${r.responseBytes} B)`,
      `${fmt(r.realRps)} vs ${fmt(r.floorRps)} req/s = ${pct(r.shareOfFloor)}`,
      goal === undefined ? "" : `≥ ${goal * 100} %`,
      r.failed > 0 ? `failed ${r.failed}` : goal === undefined ? "" : ok(r.shareOfFloor >= goal),
    ]);
    if (r.cpuShareOfFloor != null)
      rows.push([
        "  by server CPU per request",
        `${fmt(r.realCpuMicros)} vs ${fmt(r.floorCpuMicros)} µs = ${pct(r.cpuShareOfFloor)}`,
        "",
        "",
      ]);
    const own = budget?.find((b) => b.route === r.route);
    if (own && r.floorCpuMicros != null) {
      rows.push([
        "  our parts alone, in process (lower bound)",
        `validation ${own.validationMicros.toFixed(1)} + domain ${own.domainMicros.toFixed(1)} + serialisation ${own.serialisationMicros.toFixed(1)} = ${own.ownMicros.toFixed(1)} µs`,
        "",
        "",
      ]);
      rows.push([
        "  best share they leave: floor ÷ (floor + ours)",
        pct(bestShareOfFloor(own, r.floorCpuMicros)),
        goal === undefined ? "" : `≥ ${goal * 100} %`,
        goal === undefined
          ? ""
          : bestShareOfFloor(own, r.floorCpuMicros) >= goal
            ? "reachable"
            : "UNREACHABLE",
      ]);
    }
  }
}
if (scale) {
  rows.push([
    `scale: import 10,000-row sheet (${scale.database})`,
    `${fmt(scale.importMs)} ms`,
    "< 2000 ms",
    ok(scale.importMs < 2000),
  ]);
  rows.push([
    "  estimates on it vs small catalogue (HTTP)",
    `${fmt(scale.largeRps)} vs ${fmt(scale.smallRps)} req/s = ${pct(scale.largeVsSmall)}`,
    "≥ 90 %",
    ok(scale.largeVsSmall >= 0.9),
  ]);
  rows.push([
    "  … vs small sheets after the import",
    `${fmt(scale.smallAfterImportRps)} req/s → ${pct(scale.largeVsSmallAfterImport)}`,
    "",
    "",
  ]);
  rows.push([
    "  engine: 3 offerings, 10k vs file catalogue",
    `${scale.engineLargeMicros.toFixed(1)} vs ${scale.engineSmallMicros.toFixed(1)} µs`,
    "",
    "",
  ]);
  rows.push(["  PriceCatalog build (files + 10k rows)", `${fmt(scale.catalogBuildMs)} ms`, "", ""]);
  rows.push(["  failed requests", String(scale.failedRequests), "0", ok(scale.failedRequests === 0)]);
}
for (const s of startup) {
  const label = s.database === "postgres" ? "DATABASE_URL (Postgres)" : "embedded (PGlite)";
  rows.push([`start-up, ${label}: first start`, `${fmt(s.firstStartMs)} ms`, "report", ""]);
  rows.push([
    `  second start`,
    `${fmt(s.secondStartMs)} ms`,
    s.database === "postgres" ? "< 1500 ms" : "report",
    s.database === "postgres" ? ok(s.secondStartMs < 1500) : "",
  ]);
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length), 6));
const line = (r: Row) => r.map((c, i) => c.padEnd(widths[i] as number)).join("  ");
log(`\n${line(["measure", "result", "target", ""])}`);
log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) log(line(r));

if (full) {
  const file = fileURLToPath(new URL("./results.json", import.meta.url));
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nwrote bench/results.json (${results.benchSeconds} s)`);
} else {
  log(`\n(partial run: bench/results.json left as it is; ${results.benchSeconds} s)`);
}
