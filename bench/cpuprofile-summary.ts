/**
 * Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): top functions by self time and by total
 * (inclusive) time, with their file:line, so a profile can be read without DevTools.
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top 25] [--filter substring]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

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
