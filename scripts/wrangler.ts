/**
 * Where the wrangler CLI is, for the scripts and tests that spawn it with the running Node: the
 * project's (pinned, see README "Node versions"), or the package in WRANGLER_PACKAGE_DIR — `.ci/run`
 * points that at a current release it installs, to try the worker with it on Node 22 and 24.
 * Resolved through package.json: current wrangler's `exports` do not expose `bin/`.
 */
import { createRequire } from "node:module";
import path from "node:path";

const packageDir =
  process.env.WRANGLER_PACKAGE_DIR ||
  path.dirname(createRequire(import.meta.url).resolve("wrangler/package.json"));

/** Absolute path of wrangler's CLI entry (`bin.wrangler` in its package.json). */
export const WRANGLER_CLI = path.join(path.resolve(packageDir), "bin", "wrangler.js");
