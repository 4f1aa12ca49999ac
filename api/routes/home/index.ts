/**
 * `/`: a short landing page for people — what the service answers, where the reference and the
 * OpenAPI document are, and a live example comparison drawn as the service's own chart.
 *
 * Server-rendered: the example runs through the same code as `POST /v1/comparisons` with
 * `Accept: image/svg+xml` (the request schema, `runComparison` and `renderCostChartSvg`) against the
 * current catalogue snapshot, so it always shows what the API answers today for that request. The page
 * is rebuilt when the snapshot changes (a new price sheet) and otherwise served from memory.
 *
 * No script, no external asset, no web font: one inline stylesheet allowed by its hash in the
 * Content-Security-Policy. No filesystem either, so it works the same on Node and on Workers. Not part
 * of the OpenAPI document (a plain Hono route).
 */
import { Hono } from "hono";
import { formatTokens, formatUsd } from "../../domain/comparison/break-even.js";
import type { Comparison } from "../../domain/comparison/comparison.js";
import { totalTokens } from "../../domain/pricing/workload.js";
import type { AppBindings } from "../../http/types.js";
import { escapeXml, renderCostChartSvg } from "../../presentation/render-svg.js";
import { ComparisonRequestSchema } from "../../schemas/comparisons.js";
import type { Snapshot } from "../../services/catalog-store.js";
import { type ComparisonRequest, runComparison } from "../../services/comparisons.js";

/** The example: the request body a client would send to POST /v1/comparisons. */
export const HOME_EXAMPLE_AT = "2024-11-01";
export const HOME_EXAMPLE_REQUEST = {
  workload: { inputTokensPerMonth: 2_000_000_000, outputTokensPerMonth: 500_000_000 },
  options: [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    { kind: "api", provider: "anthropic", model: "claude-3-5-sonnet-20240620" },
    {
      kind: "self-hosted",
      name: "Llama 3 70B, 8×H100",
      deployment: {
        model: "llama-3-70b",
        accelerator: "h100-sxm",
        acceleratorsPerReplica: 8,
        acquisition: { mode: "purchase" },
      },
    },
  ],
  at: HOME_EXAMPLE_AT,
} as const;

const CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #ddd; --accent: #0060a0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #fafafa; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.9rem; margin: 0 0 6px; }
h2 { font-size: 1.25rem; margin: 28px 0 6px; }
p { margin: 6px 0; max-width: 78ch; }
a { color: var(--accent); }
nav { display: flex; flex-wrap: wrap; gap: 10px 22px; margin: 14px 0 4px; }
nav a { font-weight: 600; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; }
.muted { color: var(--muted); }
figure { margin: 14px 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: var(--muted); padding: 4px 6px 0; }
table { border-collapse: collapse; margin: 8px 0; background: #fff; }
th, td { text-align: left; padding: 5px 12px; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ul { margin: 6px 0; padding-left: 22px; max-width: 78ch; }
details { margin: 10px 0; }
pre { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
.error { border-left: 4px solid #b00020; padding: 6px 12px; background: #fff; }
`.trim();

/** One page per catalogue snapshot (a new price sheet gives a new snapshot, hence a new page). */
const pages = new WeakMap<Snapshot, string>();
let cspHash: Promise<string> | undefined;

/** `'sha256-…'` of the inline stylesheet, for the Content-Security-Policy (Web Crypto: Node and Workers). */
function styleHash(): Promise<string> {
  cspHash ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(CSS)).then((digest) => {
    let binary = "";
    for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
    return `'sha256-${btoa(binary)}'`;
  });
  return cspHash;
}

const h = escapeXml;

function curlExample(): string {
  return [
    "curl -s http://HOST/v1/comparisons \\",
    "  -H 'content-type: application/json' -H 'accept: image/svg+xml' \\",
    `  -d '${JSON.stringify(HOME_EXAMPLE_REQUEST, null, 2).replace(/\n/g, "\n  ")}'`,
  ].join("\n");
}

function exampleSection(comparison: Comparison, svg: string): string {
  const rows = comparison.options
    .map(
      (o) =>
        `<tr><td>${o.rank}</td><td>${h(o.name)}</td><td>${o.kind === "api" ? "API" : h(o.kind)}</td>` +
        `<td class="num">${h(formatUsd(o.monthlyCost))}</td>` +
        `<td class="num">${o.costPerMillionTokens ? h(formatUsd(o.costPerMillionTokens)) : "—"}</td></tr>`,
    )
    .join("\n");
  const breakEvens = comparison.breakEven
    .map((b) =>
      b.monthlyTokens
        ? `<li><strong>${h(b.selfHosted)}</strong> is cheaper than <strong>${h(b.api)}</strong> from <strong>${h(formatTokens(b.monthlyTokens))} tokens/month</strong>.</li>`
        : `<li>${h(b.selfHosted)} never becomes cheaper than ${h(b.api)}: ${h(b.reason ?? "")}</li>`,
    )
    .join("\n");
  return `<figure>
${svg.trim()}
<figcaption>Drawn by this service: <code>POST /v1/comparisons</code> with <code>Accept: image/svg+xml</code>. Solid lines: APIs; dashed: the self-hosted server, stepping up with each whole replica; numbered circles: break-even points.</figcaption>
</figure>
<table aria-label="Options ranked by monthly cost">
<thead><tr><th>#</th><th>Option</th><th>Kind</th><th class="num">Monthly cost</th><th class="num">per 1M tokens</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<ul class="break-even">
${breakEvens}
</ul>`;
}

function renderPage(example: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>LLM TCO API — API fees vs self-hosting</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>LLM inference cost &amp; TCO API</h1>
<p>What does an LLM workload cost a month <strong>on a pay-per-token API</strong> (GPT-4o, Claude, Gemini, hosted Llama…) versus <strong>self-hosting open weights</strong> on your own GPUs — and at what monthly volume does self-hosting become cheaper?
Every answer is exact money from dated, sourced price sheets, broken into line items with the assumptions it made.</p>
<nav aria-label="Documentation">
<a href="/docs">Interactive API reference</a>
<a href="/openapi.json">OpenAPI 3.1 document</a>
<span>SDK: <code>@llm-tco/sdk</code> (<code>sdk/</code> in the repository), a typed TypeScript client generated from <a href="/openapi.json">/openapi.json</a></span>
</nav>
<h2>Example: 2B input + 0.5B output tokens a month</h2>
<p class="muted">GPT-4o and Claude 3.5 Sonnet as APIs, against Llama 3 70B on a bought 8×H100 server (catalogue defaults for power, facilities and operations), at prices in force on ${HOME_EXAMPLE_AT}.</p>
${example}
<details>
<summary>The request behind this example</summary>
<pre>${h(curlExample())}</pre>
</details>
<h2>What you can ask</h2>
<ul>
<li><code>POST /v1/estimates/api</code> — a workload's monthly fees on API offerings, at any date.</li>
<li><code>POST /v1/estimates/self-hosted</code> — the total cost of ownership of serving it yourself: hardware bought or rented, energy, facilities, operations.</li>
<li><code>POST /v1/comparisons</code> — both ranked, with break-even volumes, as JSON, CSV or this chart.</li>
<li><code>GET /v1/models</code>, <code>/v1/providers</code>, <code>/v1/prices</code>, <code>/v1/price-sheets</code> — the catalogue and its price history.</li>
</ul>
</main>
</body>
</html>
`;
}

function buildPage(snapshot: Snapshot): string {
  const request = ComparisonRequestSchema.parse(HOME_EXAMPLE_REQUEST) as ComparisonRequest;
  // Exactly what POST /v1/comparisons does for Accept: image/svg+xml (comparisons.handlers.ts).
  const result = runComparison(snapshot, request, HOME_EXAMPLE_AT, true);
  if (!result.sweep) throw new Error("the comparison returned no sweep");
  const svg = renderCostChartSvg({
    sweep: result.sweep,
    breakEven: result.comparison.breakEven,
    subtitle: `Prices in force on ${HOME_EXAMPLE_AT}`,
    workloadVolume: totalTokens(result.comparison.workload),
  });
  return renderPage(exampleSection(result.comparison, svg));
}

export const homeRouter = new Hono<AppBindings>();

homeRouter.get("/", async (c) => {
  const snapshot = await c.var.services.snapshot();
  let page = pages.get(snapshot);
  if (!page) {
    try {
      page = buildPage(snapshot);
      pages.set(snapshot, page);
    } catch (error) {
      // The landing page still explains the service when the example cannot be priced (e.g. a
      // catalogue without one of its models); not cached, so it recovers with the catalogue.
      const detail = error instanceof Error ? error.message : String(error);
      c.var.logger.warn("home page example failed", { err: detail });
      page = renderPage(
        `<p class="error">The example comparison could not be priced with the current catalogue: ${h(detail)}</p>`,
      );
    }
  }
  return c.html(page, 200, {
    "content-security-policy": `default-src 'self'; script-src 'none'; style-src ${await styleHash()}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "public, max-age=300",
  });
});
