/**
 * `npm run worker:assets`: copy the Scalar API-reference script out of node_modules into public/docs/
 * (git-ignored), where wrangler serves it as a Workers static asset at /docs/scalar.js — the path the
 * /docs page loads it from (api/routes/docs). Node serves the same file from node_modules instead.
 */
import { copyFile, mkdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCALAR_SCRIPT_PATH } from "../api/routes/docs/index.js";

const PUBLIC_DIR = fileURLToPath(new URL("../public", import.meta.url));

export async function copyWorkerAssets(): Promise<string> {
  const source = createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js");
  const target = path.join(PUBLIC_DIR, SCALAR_SCRIPT_PATH);
  await mkdir(path.dirname(target), { recursive: true });
  await copyFile(source, target);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = await copyWorkerAssets();
  console.log(JSON.stringify({ msg: "worker assets ready", file: target, bytes: (await stat(target)).size }));
}
