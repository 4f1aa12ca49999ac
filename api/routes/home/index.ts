/**
 * `/`: the landing page for people (api/presentation/home-page.tsx), with a live example comparison
 * (the 2026 decision of api/examples.ts) and the same question priced in November 2024.
 *
 * Server-rendered: the example runs through the same code as `POST /v1/comparisons` with
 * `Accept: image/svg+xml` (the request schema, `runComparison` and `renderCostChartSvg`) against the
 * current catalogue snapshot, so it always shows what the API answers today for that request; the 2024
 * comparison runs through the same schema and `runComparison` (a table, no chart). The page
 * is rebuilt when the snapshot changes (a new price sheet) and otherwise served from memory. No
 * filesystem, so it works the same on Node and on Workers. Not part of the OpenAPI document (a plain
 * Hono route).
 */
import { Hono } from "hono";
import { totalTokens } from "../../domain/pricing/workload.js";
import { EXAMPLE_2024_AT, EXAMPLE_AT, EXAMPLE_COMPARISON, EXAMPLE_COMPARISON_2024 } from "../../examples.js";
import type { AppBindings } from "../../http/types.js";
import type { Logger } from "../../logging/logger.js";
import {
  HOME_PAGE_CSS,
  type HomeExample,
  type HomeHistory,
  renderHomePage,
} from "../../presentation/home-page.js";
import { renderCostChartSvg } from "../../presentation/render-svg.js";
import { ComparisonRequestSchema } from "../../schemas/comparisons.js";
import type { Snapshot } from "../../services/catalog-store.js";
import { runComparison } from "../../services/comparisons.js";

/** One page per catalogue snapshot (a new price sheet gives a new snapshot, hence a new page). */
const pages = new WeakMap<Snapshot, string>();
let cspHash: Promise<string> | undefined;

/** `'sha256-…'` of the inline stylesheet, for the Content-Security-Policy (Web Crypto: Node and Workers). */
function styleHash(): Promise<string> {
  cspHash ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(HOME_PAGE_CSS)).then((digest) => {
    let binary = "";
    for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
    return `'sha256-${btoa(binary)}'`;
  });
  return cspHash;
}

/** Price the example exactly as POST /v1/comparisons does for Accept: image/svg+xml. */
function priceExample(snapshot: Snapshot): HomeExample {
  const request = ComparisonRequestSchema.parse(EXAMPLE_COMPARISON);
  const result = runComparison(snapshot, request, EXAMPLE_AT, true);
  if (!result.sweep) throw new Error("the comparison returned no sweep");
  const chartSvg = renderCostChartSvg({
    sweep: result.sweep,
    breakEven: result.comparison.breakEven,
    subtitle: `Prices in force on ${EXAMPLE_AT}`,
    workloadVolume: totalTokens(result.comparison.workload),
  });
  return { comparison: result.comparison, chartSvg };
}

/** Price the November 2024 comparison as POST /v1/comparisons does (JSON: no sweep needed). */
function priceHistory(snapshot: Snapshot): HomeHistory {
  const request = ComparisonRequestSchema.parse(EXAMPLE_COMPARISON_2024);
  return { comparison: runComparison(snapshot, request, EXAMPLE_2024_AT).comparison };
}

/** Either section's failure is shown in its place; the page itself always renders. */
function orError<T>(price: () => T, logger: Logger, which: string): T | { error: string } {
  try {
    return price();
  } catch (error) {
    // The landing page still explains the service when an example cannot be priced (e.g. a
    // catalogue without one of its models).
    const detail = error instanceof Error ? error.message : String(error);
    logger.warn("home page example failed", { example: which, err: detail });
    return { error: detail };
  }
}

export const homeRouter = new Hono<AppBindings>();

homeRouter.get("/", async (c) => {
  const snapshot = await c.var.services.snapshot();
  let page = pages.get(snapshot);
  if (!page) {
    const example = orError(() => priceExample(snapshot), c.var.logger, "2026");
    const history = orError(() => priceHistory(snapshot), c.var.logger, "2024");
    page = renderHomePage(example, history);
    // A page with a failed example is not cached, so it recovers with the catalogue.
    if (!("error" in example) && !("error" in history)) pages.set(snapshot, page);
  }
  return c.html(page, 200, {
    "content-security-policy": `default-src 'self'; script-src 'none'; style-src ${await styleHash()}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "public, max-age=300",
  });
});
