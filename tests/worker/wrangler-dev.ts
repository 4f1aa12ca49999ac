/**
 * Run the worker (api/worker.ts, wrangler.toml) on workerd with `wrangler dev` in local mode: no login,
 * no Cloudflare account, Hyperdrive emulated by a direct connection to the given Postgres database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyWorkerAssets } from "../../scripts/worker-assets.js";
import { WRANGLER_CLI as WRANGLER } from "../../scripts/wrangler.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface WranglerDev {
  url: string;
  child: ChildProcess;
  logs: string[];
  /** Milliseconds from spawning `wrangler dev` to the worker's first 200 (GET /healthz). */
  coldStartMs: number;
  /** Milliseconds from spawning to wrangler's "Ready on" (CLI start, esbuild bundle, workerd start). */
  readyMs: number | undefined;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (wrangler dev needs fixed ports for HTTP and its inspector). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Miniflare's Hyperdrive emulation insists on a password in the connection string; a server that
 * trusts local connections (CI's) never asks for it.
 */
export function withPassword(url: string): string {
  const u = new URL(url);
  if (!u.password) u.password = "unused";
  return u.toString();
}

export async function startWranglerDev(options: {
  databaseUrl: string;
  vars?: Record<string, string>;
  timeoutMs?: number;
}): Promise<WranglerDev> {
  await copyWorkerAssets();
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const stateDir = await mkdtemp(path.join(tmpdir(), "llm-tco-wrangler-"));
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      stateDir,
      "--show-interactive-dev-session=false",
      ...vars,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(options.databaseUrl),
        // Offline and non-interactive: no telemetry, no prompts, no developer .env/.dev.vars surprises.
        WRANGLER_SEND_METRICS: "false",
        CI: "true",
        NO_COLOR: "1",
        CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: "false",
        WRANGLER_LOG_PATH: stateDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so stop() ends wrangler and the workerd processes it spawned.
      detached: true,
    },
  );
  const logs: string[] = [];
  let readyMs: number | undefined;
  child.stdout?.on("data", (c: Buffer) => {
    logs.push(c.toString());
    if (readyMs === undefined && c.toString().includes("Ready on")) readyMs = performance.now() - started;
  });
  child.stderr?.on("data", (c: Buffer) => logs.push(c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      const killer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {}
      }, 5_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(stateDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 90_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
      if (performance.now() > deadline) throw new Error("wrangler dev did not answer in time");
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
      if (res?.status === 200) {
        await res.arrayBuffer();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${logs.join("")}`);
  }
  return { url, child, logs, coldStartMs: performance.now() - started, readyMs, stop };
}
