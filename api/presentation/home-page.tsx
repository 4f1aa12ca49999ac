/**
 * The landing page `/`: what the service answers, where the reference and the OpenAPI document are,
 * the live example comparison (a 2026 decision) drawn as the service's own chart, and the same question
 * priced in November 2024 as price history. Built with hono/jsx, so every
 * text it shows is escaped by construction; the chart (SVG this service rendered) and the stylesheet
 * are the only raw markup. No script, no external asset, no web font.
 */
import { raw } from "hono/html";
import type { Comparison } from "../domain/comparison/comparison.js";
import { EXAMPLE_2024_AT, EXAMPLE_AT, EXAMPLE_COMPARISON } from "../examples.js";
import { breakEvenReason } from "./break-even-text.js";
import { formatTokens, formatUsd } from "./format.js";

/** The page's one stylesheet, inline (the route allows it in its Content-Security-Policy by hash). */
export const HOME_PAGE_CSS = `
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

/** The example priced: the comparison and its chart; or why it could not be priced. */
export type HomeExample = { comparison: Comparison; chartSvg: string } | { error: string };
/** The November 2024 comparison priced (a table, no chart); or why it could not be priced. */
export type HomeHistory = { comparison: Comparison } | { error: string };

function curlExample(): string {
  return [
    "curl -s http://HOST/v1/comparisons \\",
    "  -H 'content-type: application/json' -H 'accept: image/svg+xml' \\",
    `  -d '${JSON.stringify(EXAMPLE_COMPARISON, null, 2).replace(/\n/g, "\n  ")}'`,
  ].join("\n");
}

function RankedTable({ comparison, label }: { comparison: Comparison; label: string }) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          <th>#</th>
          <th>Option</th>
          <th>Kind</th>
          <th class="num">Monthly cost</th>
          <th class="num">per 1M tokens</th>
        </tr>
      </thead>
      <tbody>
        {comparison.options.map((o) => (
          <tr>
            <td>{o.rank}</td>
            <td>{o.name}</td>
            <td>{o.kind === "api" ? "API" : o.kind}</td>
            <td class="num">{formatUsd(o.monthlyCost)}</td>
            <td class="num">{o.costPerMillionTokens ? formatUsd(o.costPerMillionTokens) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BreakEvenList({ comparison, className }: { comparison: Comparison; className: string }) {
  return (
    <ul class={className}>
      {comparison.breakEven.map((b) =>
        b.monthlyTokens ? (
          <li>
            <strong>{b.selfHosted}</strong> is cheaper than <strong>{b.api}</strong> from{" "}
            <strong>{formatTokens(b.monthlyTokens)} tokens/month</strong>.
          </li>
        ) : (
          <li>
            {b.selfHosted} never becomes cheaper than {b.api}: {breakEvenReason(b) ?? ""}
          </li>
        ),
      )}
    </ul>
  );
}

function ExampleResult({ comparison, chartSvg }: { comparison: Comparison; chartSvg: string }) {
  return (
    <>
      <figure>
        {raw(chartSvg.trim())}
        <figcaption>
          Drawn by this service: <code>POST /v1/comparisons</code> with <code>Accept: image/svg+xml</code>.
          Solid lines: APIs; dashed: the self-hosted server, stepping up with each whole replica; numbered
          circles: break-even points.
        </figcaption>
      </figure>
      <RankedTable comparison={comparison} label="Options ranked by monthly cost" />
      <BreakEvenList comparison={comparison} className="break-even" />
    </>
  );
}

function PriceHistory({ history }: { history: HomeHistory }) {
  return (
    <section aria-labelledby="history">
      <h2 id="history">The same question in November 2024</h2>
      <p class="muted">
        Price history, same workload: GPT-4o and Claude 3.5 Sonnet as APIs, against Llama 3 70B on a bought
        8×H100 server (catalogue defaults for power, facilities and operations), at prices in force on{" "}
        {EXAMPLE_2024_AT} — priced live from the dated sheets, like the example above.
      </p>
      {"error" in history ? (
        <p class="error">
          The 2024 comparison could not be priced with the current catalogue: {history.error}
        </p>
      ) : (
        <>
          <RankedTable
            comparison={history.comparison}
            label="November 2024: options ranked by monthly cost"
          />
          <BreakEvenList comparison={history.comparison} className="break-even-2024" />
        </>
      )}
    </section>
  );
}

function Page({ example, history }: { example: HomeExample; history: HomeHistory }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>LLM TCO API — API fees vs self-hosting</title>
        <style>{raw(HOME_PAGE_CSS)}</style>
      </head>
      <body>
        <main>
          <h1>LLM inference cost &amp; TCO API</h1>
          <p>
            What does an LLM workload cost a month <strong>on a pay-per-token API</strong> (GPT-5, Claude,
            Gemini, hosted open models…) versus <strong>self-hosting open weights</strong> on your own GPUs —
            and at what monthly volume does self-hosting become cheaper? Every answer is exact money from
            dated, sourced price sheets, broken into line items with the assumptions it made.
          </p>
          <nav aria-label="Documentation">
            <a href="/docs">Interactive API reference</a>
            <a href="/openapi.json">OpenAPI 3.1 document</a>
            <span>
              SDK: <code>@llm-tco/sdk</code> (<code>sdk/</code> in the repository), a typed TypeScript client
              generated from <a href="/openapi.json">/openapi.json</a>
            </span>
          </nav>
          <h2>Example: 2B input + 0.5B output tokens a month, November 2026</h2>
          <p class="muted">
            GPT-5 and Claude Sonnet 4.5 as APIs, against the open-weight gpt-oss-120b on one rented H200
            (catalogue defaults for the hourly rent and operations staff; throughput estimated), at prices in
            force on {EXAMPLE_AT}.
          </p>
          {"error" in example ? (
            <p class="error">
              The example comparison could not be priced with the current catalogue: {example.error}
            </p>
          ) : (
            <ExampleResult comparison={example.comparison} chartSvg={example.chartSvg} />
          )}
          <details>
            <summary>The request behind this example</summary>
            <pre>{curlExample()}</pre>
          </details>
          <PriceHistory history={history} />
          <h2>What you can ask</h2>
          <ul>
            <li>
              <code>POST /v1/estimates/api</code> — a workload's monthly fees on API offerings, at any date.
            </li>
            <li>
              <code>POST /v1/estimates/self-hosted</code> — the total cost of ownership of serving it
              yourself: hardware bought or rented, energy, facilities, operations.
            </li>
            <li>
              <code>POST /v1/comparisons</code> — both ranked, with break-even volumes, as JSON, CSV or this
              chart.
            </li>
            <li>
              <code>GET /v1/models</code>, <code>/v1/providers</code>, <code>/v1/prices</code>,{" "}
              <code>/v1/price-sheets</code> — the catalogue and its price history.
            </li>
          </ul>
        </main>
      </body>
    </html>
  );
}

/** The whole page as an HTML document. */
export function renderHomePage(example: HomeExample, history: HomeHistory): string {
  return `<!doctype html>\n${(<Page example={example} history={history} />).toString()}`;
}
