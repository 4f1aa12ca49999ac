/**
 * The real server for benchmarks: `dist/server.mjs` in a child process exactly as `npm start` runs it
 * (built once per bench process with `npm run build`), on 127.0.0.1 and a free port; bench-only
 * entries written in TypeScript (floor-server.ts) run through tsx. Its stdout stays a pipe (as under
 * systemd, Docker or `| tee`) that this process drains; start-up is measured from spawn to the first
 * 200 of `/healthz`.
 */
import { type ChildProcess, execSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVER_BUNDLE = "dist/server.mjs";

let built = false;
/** `npm run build` once per bench process, so every run measures the bundle of the current sources. */
function buildServerOnce(): void {
  if (built) return;
  execSync("npm run -s build", { cwd: ROOT, stdio: "inherit" });
  built = true;
}

export interface BenchServer {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first successful `/healthz`. */
  startupMs: number;
  /** Bytes and lines the server has written to stdout so far. */
  logBytes(): number;
  logLines(): number;
  /** The last lines of output (for error reports). */
  tail(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A port free right now on 127.0.0.1 (the OS picks it; the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** The entry module (default dist/server.mjs, what `npm start` runs; `.ts` entries run through tsx). */
  entry?: string;
  timeoutMs?: number;
}

export async function startBenchServer(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<BenchServer> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let ready = false;
  let earlyExit: string | undefined;
  const started = performance.now();
  const entry = options.entry ?? SERVER_BUNDLE;
  if (entry === SERVER_BUNDLE) buildServerOnce();
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(entry.endsWith(".ts") ? ["--import", "tsx"] : ["--enable-source-maps"]),
      entry,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let bytes = 0;
  let lines = 0;
  let tail = "";
  const keep = (chunk: Buffer) => {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  // The port is picked here (not PORT=0) so the URL is known without the "listening" line, which
  // LOG_LEVEL=warn does not write.
  void exited.then((code) => {
    if (!ready) earlyExit = `server exited with ${code} before answering /healthz:\n${tail}`;
  });
  // Start-up ends when /healthz answers: that is what a caller (or a load balancer) sees.
  try {
    for (;;) {
      if (earlyExit) throw new Error(earlyExit);
      try {
        const res = await fetch(`${url}/healthz`);
        await res.arrayBuffer();
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > timeoutMs)
        throw new Error(`no /healthz in ${timeoutMs} ms:\n${tail}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const startupMs = performance.now() - started;
  ready = true;
  return {
    url,
    child,
    startupMs,
    logBytes: () => bytes,
    logLines: () => lines,
    tail: () => tail,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
