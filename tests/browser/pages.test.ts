/**
 * The pages people look at, in a real browser: Debian's Chromium driven by playwright-core against the
 * real server (`npm start`'s entry; embedded database, or in CI a Postgres database of its own), with
 * every request that would leave the machine blocked.
 *
 * - `/docs`: the Scalar reference renders from this service alone (operations by tag, examples,
 *   schemas), and "Test Request" sends the documented example to the service and shows the 200.
 * - `/`: the landing page explains the service and draws the live example comparison with the
 *   service's own SVG chart: a curve per option, break-even markers, axis labels with units, a legend,
 *   and no text drawn over other text.
 *
 * Screenshots go to test-artifacts/ (git-ignored): docs.png, docs-try-it.png, home.png, home-chart.png.
 * One browser and one server for the file; everything is closed in afterAll.
 */
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnServer, startServerOnOwnDatabase } from "../support/own-server.js";
import { issueKey, overHttp, saveScenario } from "../support/tenants.js";
import { TEST_ADMIN_TOKEN } from "../support/test-app.js";
import { ARTIFACTS_DIR, launchChromium, offline, serviceUrl } from "./support/browser.js";

let browser: Browser | undefined;
let server: OwnServer | undefined;
let base: string;

beforeAll(async () => {
  // The browser first: without Chromium the file fails at once, saying how to install it.
  browser = await launchChromium();
  // The admin token lets the scenario test below issue a tenant key, as an admin would.
  server = await startServerOnOwnDatabase({ ADMIN_TOKEN: TEST_ADMIN_TOKEN });
  base = serviceUrl(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Session {
  context: BrowserContext;
  page: Page;
  /** Off-machine requests the page tried (aborted). */
  blocked: string[];
  /** Every request the page made, as "METHOD path". */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/** A fresh context (no cache, no storage) at 1280×900 with the network cut off at the machine. */
async function openSession(): Promise<Session> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const blocked = await offline(context);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    // The browser's own /favicon.ico probe gets the service's 404; nothing on the pages asks for it.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) {
      errors.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  return { context, page, blocked, requests, errors };
}

const artifact = (name: string) => path.join(ARTIFACTS_DIR, name);

describe("/docs in Chromium, off the internet", () => {
  it("renders the whole reference from this service: operations by tag, examples and schemas", async () => {
    const { context, page, blocked, requests, errors } = await openSession();
    try {
      const response = await page.goto(`${base}/docs`);
      expect(response?.status()).toBe(200);
      const sidebar = page.locator("aside").first();
      await expect
        .poll(() => sidebar.getByText("Cost of a workload on API offerings").count(), { timeout: 20_000 })
        .toBeGreaterThan(0);

      // Operations grouped by tag (the sidebar), the first tag open with its operations.
      for (const tag of ["Estimates", "Scenarios", "Catalogue", "Price sheets", "Health"]) {
        expect(await sidebar.getByRole("button", { name: new RegExp(`^${tag}`) }).count(), tag).toBe(1);
      }
      for (const summary of [
        "Cost of a workload on API offerings",
        "TCO of serving a workload on your own (or rented) accelerators",
        "Rank API and self-hosted options and find where self-hosting breaks even",
      ]) {
        await expect.poll(() => page.getByRole("heading", { name: summary }).isVisible()).toBe(true);
      }
      // The request example of the first operation, as a curl command.
      const main = page.locator("main").first();
      expect(await main.textContent()).toContain("inputTokensPerMonth");
      await page.screenshot({ path: artifact("docs.png") });

      // Schemas ("Models" in Scalar's sidebar).
      await sidebar.getByRole("button", { name: /^Models/ }).click();
      for (const schema of ["ComparisonRequest", "BreakEven", "Workload", "Problem"]) {
        await expect
          .poll(() => page.getByRole("heading", { name: schema, exact: true }).first().isVisible(), {
            message: schema,
          })
          .toBe(true);
      }

      expect(blocked, "requests that needed the internet").toEqual([]);
      expect(requests).toEqual(
        expect.arrayContaining(["GET /docs", "GET /docs/scalar.js", "GET /openapi.json"]),
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  // Scalar's client renders in seconds, but a loaded CI machine has taken over 30 s: minutes, not seconds.
  it('sends the documented example through "Test Request" and shows the 200 response', {
    timeout: 90_000,
  }, async () => {
    const { context, page, blocked, errors } = await openSession();
    try {
      await page.goto(`${base}/docs`);
      await page.getByRole("button", { name: /Test Request.*post \/v1\/estimates\/api/i }).click();
      const client = page.getByRole("dialog");
      const send = client.getByRole("button", { name: /Send post request/i });
      await send.waitFor({ timeout: 10_000 });
      // The body is the documented example, prefilled: send it as it stands.
      expect(await client.textContent()).toContain("inputTokensPerMonth");
      const [answer] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/estimates/api"),
        send.click(),
      ]);
      expect(answer.status()).toBe(200);
      expect(new URL(answer.url()).origin, "straight to the service, no proxy").toBe(base);

      await client.getByText("200 OK").waitFor({ timeout: 10_000 });
      // The example: 1M input + 1M output tokens on GPT-5 at 2026-11-01, 1 × $1.25 + 1 × $10.
      await expect.poll(() => client.textContent()).toMatch(/"monthlyCost":\s*"11\.25"/);
      expect(await client.textContent()).toContain('"provider": "openai"');
      await page.screenshot({ path: artifact("docs-try-it.png") });

      expect(blocked, "requests that needed the internet").toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('"Test Request" on a scenario route asks for the tenant API key; pasted, it lists that tenant\'s scenarios', {
    timeout: 90_000,
  }, async () => {
    const service = overHttp(server?.url as string);
    const key = await issueKey(service, "docs-tenant", "pasted into /docs");
    await saveScenario(service, key.key, "visible through /docs");
    const { context, page, blocked, errors } = await openSession();
    try {
      // Straight to the operation, as its sidebar link goes (Scalar renders a tag's operations on demand).
      await page.goto(`${base}/docs#tag/scenarios/GET/v1/scenarios`);
      await page.getByRole("button", { name: /Test Request.*get \/v1\/scenarios(?!\/)/i }).click();
      const client = page.getByRole("dialog");
      const token = client.getByPlaceholder("Token");
      await token.waitFor({ timeout: 10_000 });
      // The operation names its scheme: the tenant API key, not the admin token.
      expect(await client.textContent()).toMatch(/Selected Auth Type:\s*tenantApiKey/);
      await token.fill(key.key);
      const [answer] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/scenarios"),
        client.getByRole("button", { name: /Send get request/i }).click(),
      ]);
      expect(answer.request().headers().authorization).toBe(`Bearer ${key.key}`);
      expect(answer.status()).toBe(200);
      await expect.poll(() => client.textContent()).toContain("visible through /docs");
      await page.screenshot({ path: artifact("docs-try-it-key.png") });
      expect(blocked, "requests that needed the internet").toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("/ in Chromium", () => {
  it("says what the service answers and links to the reference, the OpenAPI document and the SDK", async () => {
    const { context, page, blocked, requests, errors } = await openSession();
    try {
      const response = await page.goto(`${base}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
      expect(await page.title()).toMatch(/API fees vs self-hosting/);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("TCO");
      const text = await page.locator("main").textContent();
      expect(text).toMatch(/self-hosting/i);
      expect(text).toMatch(/break|cheaper/i);
      expect(text).toContain("@llm-tco/sdk");
      const links = await page
        .locator("nav a")
        .evaluateAll((as) =>
          as.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute("href")),
        );
      expect(links).toEqual(expect.arrayContaining(["/docs", "/openapi.json"]));
      // `/` asks for nothing but itself (and the browser's own favicon probe); its inline stylesheet
      // is allowed by the CSP (a violation would be a console error).
      expect(requests.filter((r) => r !== "GET /favicon.ico")).toEqual(["GET /"]);
      // The links lead somewhere: follow the reference's as a person would.
      await page.getByRole("link", { name: "Interactive API reference" }).click();
      await page.waitForURL(`${base}/docs`);
      expect((await fetch(`${server?.url}/openapi.json`)).status).toBe(200);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("draws the live example: one curve per option, break-even markers, labelled axes, a legend", async () => {
    const { context, page, errors } = await openSession();
    try {
      await page.goto(`${base}/`);
      const chart = page.locator("figure svg");
      await chart.waitFor();
      await chart.scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifact("home.png"), fullPage: true });
      await chart.screenshot({ path: artifact("home-chart.png") });

      const drawn = await chart.evaluate((svg: any) => {
        const box = (el: any) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        };
        return {
          title: svg.querySelector("title")?.textContent,
          series: [...svg.querySelectorAll("path[data-series]")].map((p: any) => ({
            name: p.getAttribute("data-series"),
            kind: p.getAttribute("data-kind"),
            stroke: p.getAttribute("stroke"),
            length: p.getTotalLength(),
          })),
          breakEvens: svg.querySelectorAll("[data-break-even]").length,
          axisX: svg.querySelector('[data-axis="x"]')?.textContent,
          axisY: svg.querySelector('[data-axis="y"]')?.textContent,
          legend: svg.querySelector('[data-layer="legend"]')?.textContent,
          svgBox: box(svg),
          texts: [...svg.querySelectorAll("text")]
            .filter((t: any) => t.textContent.trim())
            .map((t: any) => ({ text: t.textContent, ...box(t) })),
        };
      });

      expect(drawn.title).toBe("Monthly cost by volume");
      expect(drawn.series.map((s) => s.name)).toEqual([
        "openai/gpt-5",
        "gpt-oss-120b, 1×H200 rented",
        "anthropic/claude-sonnet-4-5",
      ]);
      expect(drawn.series.map((s) => s.kind).sort()).toEqual(["api", "api", "self-hosted"]);
      expect(new Set(drawn.series.map((s) => s.stroke)).size, "distinct colours").toBe(3);
      for (const s of drawn.series) expect(s.length, `${s.name} is drawn`).toBeGreaterThan(300);
      // Self-hosting undercuts both APIs inside the plotted range.
      expect(drawn.breakEvens).toBe(2);
      expect(drawn.axisX).toContain("tokens per month, log scale");
      expect(drawn.axisX).toMatch(/1B/);
      expect(drawn.axisY).toContain("USD per month, log scale");
      expect(drawn.axisY).toMatch(/\$10k/);
      for (const s of drawn.series) expect(drawn.legend).toContain(s.name);
      expect(drawn.legend).toContain("tokens/month");

      // Drawn at a readable size, every label inside the picture and clear of every other label.
      expect(drawn.svgBox.w).toBeGreaterThan(1000);
      const inside = (t: (typeof drawn.texts)[number]) =>
        t.x >= drawn.svgBox.x - 1 &&
        t.y >= drawn.svgBox.y - 1 &&
        t.x + t.w <= drawn.svgBox.x + drawn.svgBox.w + 1 &&
        t.y + t.h <= drawn.svgBox.y + drawn.svgBox.h + 1;
      expect(drawn.texts.filter((t) => !inside(t)).map((t) => t.text)).toEqual([]);
      const overlapping: string[] = [];
      drawn.texts.forEach((a, i) => {
        for (const b of drawn.texts.slice(i + 1)) {
          const ix = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          const iy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
          if (ix > 1 && iy > 1) overlapping.push(`"${a.text}" × "${b.text}"`);
        }
      });
      expect(overlapping).toEqual([]);

      // The ranked table and break-even sentences beside the chart.
      const ranked = page.getByRole("table", { name: "Options ranked by monthly cost", exact: true });
      expect(await ranked.locator("tbody tr").count()).toBe(3);
      expect(await page.locator("ul.break-even").textContent()).toMatch(
        /cheaper than openai\/gpt-5 from [\d.]+B/,
      );
      // Below it, the same question at November 2024 prices, as dated price history.
      await expect
        .poll(() => page.getByRole("heading", { name: "The same question in November 2024" }).isVisible())
        .toBe(true);
      const history = page.getByRole("table", { name: "November 2024: options ranked by monthly cost" });
      expect(await history.locator("tbody tr").count()).toBe(3);
      expect(await page.locator("ul.break-even-2024").textContent()).toMatch(
        /cheaper than openai\/gpt-4o from [\d.]+B/,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
