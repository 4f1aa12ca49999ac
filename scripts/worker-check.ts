/**
 * `npm run worker:check` (part of `npm test`): build the worker exactly as `wrangler deploy` would
 * (`--dry-run`: no login, no network, nothing uploaded) and hold its bundle to a budget:
 * - the upload (every module, source map excluded) gzipped must stay within BUDGET_GZIP_KIB;
 * - Node-only code must not be in it: the embedded database (PGlite) or the 3.5 MB docs script
 *   (a static asset, see wrangler.toml).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { copyWorkerAssets } from "./worker-assets.js";
import { WRANGLER_CLI as WRANGLER } from "./wrangler.js";

/** Gzipped bundle budget (KiB). The issue asks for ≤ 400; the minified bundle is about half of that. */
export const BUDGET_GZIP_KIB = 300;
/**
 * Never in the bundle: the embedded database, the docs UI (a static asset), and the catalogue data —
 * it lives in Postgres, so the bundle does not grow with the ~1,700 imported offerings (issue 15).
 */
const FORBIDDEN_INPUTS = [
  "node_modules/@electric-sql/pglite",
  "node_modules/@scalar/api-reference/",
  "pricing-data/",
];

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`wrangler ${args[0]} exited with ${code}:\n${output}`)),
    );
  });
}

await copyWorkerAssets();
const outdir = await mkdtemp(path.join(tmpdir(), "llm-tco-worker-"));
try {
  const metafile = path.join(outdir, "meta.json");
  const output = await run(["deploy", "--dry-run", "--outdir", outdir, "--metafile", metafile]);
  const modules = (await readdir(outdir)).filter((f) => /\.(m?js|wasm)$/.test(f));
  if (modules.length === 0) throw new Error(`wrangler wrote no bundle to ${outdir}:\n${output}`);
  let raw = 0;
  let gzip = 0;
  for (const file of modules) {
    const bytes = await readFile(path.join(outdir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const meta = JSON.parse(await readFile(metafile, "utf8")) as { inputs: Record<string, unknown> };
  const forbidden = Object.keys(meta.inputs).filter((input) =>
    FORBIDDEN_INPUTS.some((f) => input.includes(f)),
  );
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  const report = {
    msg: "worker bundle",
    modules,
    rawKiB: kib(raw),
    gzipKiB: kib(gzip),
    budgetGzipKiB: BUDGET_GZIP_KIB,
    wrangler: /Total Upload:[^\n]*/.exec(output)?.[0],
  };
  console.log(JSON.stringify(report));
  if (forbidden.length > 0) {
    throw new Error(`Node-only code in the worker bundle: ${forbidden.slice(0, 5).join(", ")}`);
  }
  if (gzip > BUDGET_GZIP_KIB * 1024) {
    throw new Error(`worker bundle is ${kib(gzip)} KiB gzipped, over the ${BUDGET_GZIP_KIB} KiB budget`);
  }
} finally {
  await rm(outdir, { recursive: true, force: true });
}
