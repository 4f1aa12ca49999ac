/**
 * Debian's Chromium (`/usr/bin/chromium`, package `chromium`) driven by playwright-core — never a
 * browser downloaded by npm tooling. `.ci/run` installs the package when it is missing; on a machine
 * without it the browser tests fail with the command that fixes it (they are not skipped: CI has it).
 *
 * Every page's requests go through `offline()`: anything for a host other than the server under test
 * is aborted and recorded, so a page that needs the internet (a CDN script, a web font, a proxy) shows
 * up as a failed assertion, as it would on a machine with no internet.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/** Where screenshots go (git-ignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../../../test-artifacts", import.meta.url));

/**
 * A name the browser resolves to 127.0.0.1 (`--host-resolver-rules`). Pages are loaded under it rather
 * than under localhost, whose special treatment (Scalar exempts local hosts from its request proxy,
 * browsers relax some rules for it) would hide what a deployed service's visitors get.
 */
export const SERVICE_HOST = "llm-tco.internal";

/** The flags this machine's notes give for Chromium in a closed network (headless is Playwright's). */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  `--host-resolver-rules=MAP ${SERVICE_HOST} 127.0.0.1`,
];

/** Launch Chromium headless with a fresh, empty profile (Playwright makes a new user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests (tests/browser) need Debian's package. ` +
        "Install it with `apt-get install chromium` (as root; .ci/run does this in CI), then run the tests again.",
    );
  }
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 30_000 });
}

/** The server's URL under SERVICE_HOST (same port). */
export function serviceUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.hostname = SERVICE_HOST;
  return url.origin;
}

/**
 * Abort every request of the context that leaves the machine; returns the list of what was blocked
 * (URLs), which the tests assert is empty.
 */
export async function offline(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  const local = new Set(["127.0.0.1", "localhost", "[::1]", SERVICE_HOST]);
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || local.has(url.hostname)) {
      return route.continue();
    }
    blocked.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  return blocked;
}
