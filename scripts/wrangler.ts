/**
 * Where the project's wrangler CLI is, for the scripts and tests that spawn it with the running Node.
 * Resolved through its package.json: wrangler's `exports` do not expose `bin/` (current releases).
 */
import { createRequire } from "node:module";
import path from "node:path";

const manifest = createRequire(import.meta.url).resolve("wrangler/package.json");

/** Absolute path of wrangler's CLI entry (`bin.wrangler` in its package.json). */
export const WRANGLER_CLI = path.join(path.dirname(manifest), "bin", "wrangler.js");
