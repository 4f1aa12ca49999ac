/**
 * Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): top functions by self time and by total
 * (inclusive) time, with their file:line, so a profile can be read without DevTools.
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top 25] [--filter substring]
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  location: string;
  selfMs: number;
  selfShare: number;
  totalMs: number;
  totalShare: number;
}

export interface ProfileSummary {
  durationMs: number;
  sampledMs: number;
  /** Share of samples in (idle) / (program) / (garbage collector). */
  idleShare: number;
  gcShare: number;
  bySelf: FunctionTime[];
  byTotal: FunctionTime[];
  /** Self time per package / area (node_modules/<pkg>, api/…, node:internal, …). */
  byArea: { area: string; selfMs: number; share: number }[];
}

const ROOT = path.resolve(new URL("..", import.meta.url).pathname);

function shortUrl(url: string): string {
  if (!url) return "";
  let u = url.replace(/^file:\/\//, "");
  if (u.startsWith(ROOT)) u = u.slice(ROOT.length + 1);
  return u;
}

function areaOf(frame: CallFrame): string {
  const u = shortUrl(frame.url);
  if (!u) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (nm) return nm[1] as string;
  if (u.startsWith("node:")) return "node: (runtime)";
  const first = u.split("/").slice(0, 2).join("/");
  return first;
}

export interface SummaryWindow {
  /** Only samples taken this many ms after the profile started (e.g. skip start-up and warm-up). */
  fromMs?: number;
  toMs?: number;
}

export function summariseProfile(profile: CpuProfile, top = 25, window: SummaryWindow = {}): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per node from samples × deltas (more exact than hitCount × interval).
  const selfUs = new Map<number, number>();
  const fromUs = (window.fromMs ?? 0) * 1000;
  const toUs = (window.toMs ?? Number.POSITIVE_INFINITY) * 1000;
  let at = 0;
  let firstUs: number | undefined;
  let lastUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) continue;
    firstUs ??= at;
    lastUs = at;
    const id = profile.samples[i] as number;
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  let sampledUs = 0;
  for (const v of selfUs.values()) sampledUs += v;
  const key = (f: CallFrame) => `${f.functionName || "(anonymous)"}\u0000${f.url}\u0000${f.lineNumber}`;
  const self = new Map<string, { frame: CallFrame; us: number }>();
  const total = new Map<string, { frame: CallFrame; us: number }>();
  const areas = new Map<string, number>();
  let idleUs = 0;
  let gcUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    if (f.functionName === "(idle)") idleUs += us;
    if (f.functionName === "(garbage collector)") gcUs += us;
    const k = key(f);
    const s = self.get(k) ?? { frame: f, us: 0 };
    s.us += us;
    self.set(k, s);
    areas.set(areaOf(f), (areas.get(areaOf(f)) ?? 0) + us);
    // Inclusive: count each distinct function once per sample stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const kk = key(n.callFrame);
      if (seen.has(kk)) continue;
      seen.add(kk);
      const t = total.get(kk) ?? { frame: n.callFrame, us: 0 };
      t.us += us;
      total.set(kk, t);
    }
  }
  const busyUs = Math.max(1, sampledUs - idleUs);
  const row = (e: { frame: CallFrame; us: number }, selfOrTotal: "self" | "total"): FunctionTime => {
    const f = e.frame;
    const s = self.get(key(f))?.us ?? 0;
    const t = selfOrTotal === "total" ? e.us : (total.get(key(f))?.us ?? e.us);
    const loc = shortUrl(f.url);
    return {
      name: f.functionName || "(anonymous)",
      location: loc ? `${loc}:${f.lineNumber + 1}` : "",
      selfMs: s / 1000,
      selfShare: s / busyUs,
      totalMs: t / 1000,
      totalShare: t / busyUs,
    };
  };
  const skip = (f: CallFrame) => ["(root)", "(idle)", "(program)"].includes(f.functionName);
  return {
    durationMs:
      ((firstUs === undefined ? 0 : lastUs - firstUs) || profile.endTime - profile.startTime) / 1000,
    sampledMs: sampledUs / 1000,
    idleShare: idleUs / Math.max(1, sampledUs),
    gcShare: gcUs / busyUs,
    bySelf: [...self.values()]
      .filter((e) => !skip(e.frame))
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => row(e, "self")),
    byTotal: [...total.values()]
      .filter((e) => !skip(e.frame))
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => row(e, "total")),
    byArea: [...areas.entries()]
      .filter(([a]) => a !== "(idle)")
      .map(([area, us]) => ({ area, selfMs: us / 1000, share: us / busyUs }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, 15),
  };
}

export async function summariseFile(
  file: string,
  top = 25,
  window: SummaryWindow = {},
): Promise<ProfileSummary> {
  return summariseProfile(JSON.parse(await readFile(file, "utf8")) as CpuProfile, top, window);
}

// ---------------------------------------------------------------------------------------------------
// Attribution: each sample's time to one part of the request — ours (by module of the original
// source, through the bundle's source map) or the framework's — for a per-request table.

/** A frame as written in the sources: the bundle's positions mapped back through its source map. */
interface SourceFrame {
  name: string;
  /** Project-relative source path (api/…, node_modules/…), `node:…`, or "" for natives. */
  file: string;
  line: number;
}

const sourceMaps = new Map<string, SourceMap | null>();
function sourceMapFor(url: string): SourceMap | null {
  if (!sourceMaps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = fileURLToPath(url);
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
    } catch {
      map = null;
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url) ?? null;
}

function toSource(frame: CallFrame): SourceFrame {
  const name = frame.functionName || "(anonymous)";
  if (frame.url.startsWith("file://") && frame.url.endsWith(".mjs")) {
    const map = sourceMapFor(frame.url);
    const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as
      | { originalSource?: string; originalLine?: number }
      | undefined;
    if (entry?.originalSource) {
      const src = entry.originalSource.startsWith("file://")
        ? fileURLToPath(entry.originalSource)
        : path.resolve(path.dirname(fileURLToPath(frame.url)), entry.originalSource);
      return { name, file: path.relative(ROOT, src), line: (entry.originalLine ?? 0) + 1 };
    }
  }
  return { name, file: shortUrl(frame.url), line: frame.lineNumber + 1 };
}

/**
 * The part of a request a frame belongs to, or undefined for frames that take their caller's part
 * (Node internals, natives, decimal.js and other libraries called by our code). "@stringify" and
 * "@parse" mark JSON.stringify / JSON.parse, placed by their nearest categorised caller.
 */
export function partOf(f: SourceFrame): string | undefined {
  const { file, name } = f;
  if (name === "(garbage collector)") return "GC";
  if (name === "(program)") return "V8 (program)";
  if (name === "(idle)") return "(idle)";
  if (file === "" && name === "stringify") return "@stringify";
  if (file === "" && name === "parse") return "@parse";
  if (file.startsWith("api/logging/")) return "logging (logger, log sink)";
  if (file.startsWith("api/domain/")) return "engine (api/domain)";
  if (file.startsWith("api/presentation/")) return "presenters (api/presentation)";
  if (file.startsWith("api/schemas/")) return "validation (zod, api/schemas)";
  if (/node_modules\/(zod|@hono\/zod-openapi|@hono\/zod-validator|@asteasolutions)\//.test(file))
    return "validation (zod, api/schemas)";
  if (file.startsWith("api/services/")) return "services (api/services)";
  if (file.startsWith("api/routes/")) return "route handlers (api/routes)";
  if (file.startsWith("api/http/")) return "api/http (problem, negotiate, router)";
  if (file === "api/app.ts") return `middleware: api/app.ts ${name}:${f.line}`;
  if (file.startsWith("api/")) return `other ${file}`;
  // V8 shows no frame for JSON.stringify: its time is the self time of Hono's c.json, which calls it.
  if (file.includes("node_modules/hono/dist/context.js") && name === "json")
    return "JSON.stringify (response)";
  if (file.includes("node_modules/hono/dist/middleware/request-id")) return "middleware: request id (hono)";
  if (file.includes("node_modules/hono/dist/middleware/body-limit")) return "middleware: body limit (hono)";
  if (file.includes("node_modules/hono/")) return "Hono (router, compose, context)";
  if (file.includes("node_modules/@hono/node-server/")) return "@hono/node-server adapter";
  if (file.startsWith("bench/")) return "floor app (bench/floor-server.ts)";
  return undefined;
}

/** Time per part (µs), and within each part per function that was running (self time). */
export interface Attribution {
  parts: Map<string, number>;
  functions: Map<string, Map<string, number>>;
}

/** Time per part, from each sample's stack (innermost categorised frame wins). */
export function attributeProfile(profile: CpuProfile, window: SummaryWindow = {}): Attribution {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partById = new Map<number, string>();
  const partOfNode = (id: number): string => {
    const cached = partById.get(id);
    if (cached) return cached;
    let marker: string | undefined;
    let part = "Node runtime (http parser, net, timers)";
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const p = partOf(toSource(n.callFrame));
      if (p === undefined) continue;
      if (p === "@stringify" || p === "@parse") {
        marker ??= p;
        continue;
      }
      part = p;
      break;
    }
    // JSON.stringify outside the logger is the response's serialisation; JSON.parse, the request body's.
    if (marker === "@stringify" && !part.startsWith("logging")) part = "JSON.stringify (response)";
    if (marker === "@parse" && !part.startsWith("logging")) part = "JSON.parse (request body)";
    partById.set(id, part);
    return part;
  };
  const out = new Map<string, number>();
  const functions = new Map<string, Map<string, number>>();
  const fromUs = (window.fromMs ?? 0) * 1000;
  const toUs = (window.toMs ?? Number.POSITIVE_INFINITY) * 1000;
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const dt = Math.max(0, profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0);
    const id = profile.samples[i] as number;
    const part = partOfNode(id);
    out.set(part, (out.get(part) ?? 0) + dt);
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const src = toSource(frame);
    const fn = `${src.name} ${src.file ? `${src.file}:${src.line}` : "(native)"}`;
    const perFn = functions.get(part) ?? new Map<string, number>();
    perFn.set(fn, (perFn.get(fn) ?? 0) + dt);
    functions.set(part, perFn);
  }
  return { parts: out, functions };
}

export async function attributeFile(file: string, window: SummaryWindow = {}): Promise<Attribution> {
  return attributeProfile(JSON.parse(await readFile(file, "utf8")) as CpuProfile, window);
}

/**
 * µs per request by part for the real route and (optionally) its floor, and the difference: what the
 * real route spends beyond the bare framework answering the same bytes.
 */
export function formatAttribution(
  real: Attribution & { requests: number },
  floor?: Attribution & { requests: number },
  detail = 0,
): string {
  const names = new Set([...real.parts.keys(), ...(floor?.parts.keys() ?? [])]);
  names.delete("(idle)");
  const per = (x: { parts: Map<string, number>; requests: number } | undefined, k: string) =>
    x ? (x.parts.get(k) ?? 0) / Math.max(1, x.requests) : 0;
  const rows = [...names]
    .map((k) => ({ k, r: per(real, k), f: per(floor, k) }))
    .sort((a, b) => b.r - b.f - (a.r - a.f));
  const sum = (x: { parts: Map<string, number>; requests: number } | undefined) =>
    [...names].reduce((n, k) => n + per(x, k), 0);
  const w = Math.max(...rows.map((x) => x.k.length), 10);
  const n = (x: number) => x.toFixed(1).padStart(8);
  const lines = [
    `${"part".padEnd(w)}  ${"real".padStart(8)}  ${floor ? `${"floor".padStart(8)}  ${"gap".padStart(8)}` : ""}   (CPU µs per request)`,
  ];
  for (const x of rows) {
    if (x.r < 0.05 && x.f < 0.05) continue;
    lines.push(`${x.k.padEnd(w)}  ${n(x.r)}  ${floor ? `${n(x.f)}  ${n(x.r - x.f)}` : ""}`);
    const fns = [...(real.functions.get(x.k)?.entries() ?? [])].sort((a, b) => b[1] - a[1]).slice(0, detail);
    for (const [fn, us] of fns) lines.push(`    ${n(us / Math.max(1, real.requests))}  ${fn}`);
  }
  const tr = sum(real);
  const tf = sum(floor);
  lines.push(`${"total (busy)".padEnd(w)}  ${n(tr)}  ${floor ? `${n(tf)}  ${n(tr - tf)}` : ""}`);
  return lines.join("\n");
}

const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;

export function formatSummary(s: ProfileSummary, filter?: string): string {
  const lines: string[] = [];
  lines.push(
    `profile: ${s.durationMs.toFixed(0)} ms wall, idle ${pct(s.idleShare)}, GC ${pct(s.gcShare)} of busy time`,
  );
  lines.push("", "self time (share of busy time):");
  for (const f of s.bySelf.filter((f) => !filter || f.location.includes(filter) || f.name.includes(filter)))
    lines.push(`  ${pct(f.selfShare)}  ${f.name}  ${f.location}`);
  lines.push("", "total (inclusive) time:");
  for (const f of s.byTotal.filter((f) => !filter || f.location.includes(filter) || f.name.includes(filter)))
    lines.push(`  ${pct(f.totalShare)}  ${f.name}  ${f.location}`);
  lines.push("", "self time by area:");
  for (const a of s.byArea) lines.push(`  ${pct(a.share)}  ${a.area}`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith("--") && !(args[i - 1] ?? "").startsWith("--"));
  if (!file) {
    console.error(
      "usage: tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top N] [--filter text] [--from ms] [--to ms]",
    );
    process.exit(2);
  }
  const topIdx = args.indexOf("--top");
  const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 25;
  const filterIdx = args.indexOf("--filter");
  const filter = filterIdx >= 0 ? args[filterIdx + 1] : undefined;
  const num = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const fromMs = num("--from");
  const toMs = num("--to");
  console.log(
    formatSummary(
      await summariseFile(file, top, {
        ...(fromMs !== undefined ? { fromMs } : {}),
        ...(toMs !== undefined ? { toMs } : {}),
      }),
      filter,
    ),
  );
}
