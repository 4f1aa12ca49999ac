import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dec } from "../../api/domain/shared/decimal.js";
import { EXAMPLE_COMPARISON, EXAMPLE_COMPARISON_2024 } from "../../api/examples.js";
import { formatUsd } from "../../api/presentation/format.js";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

/** The rows of the table labelled `label`: [rank, option, kind, monthly cost, per 1M tokens]. */
function tableRows(html: string, label: string): string[][] {
  const table = new RegExp(`<table aria-label="${label}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1] ?? ""),
  );
}

/** The text of the `<ul class="…">` list, tags dropped. */
function listText(html: string, className: string): string {
  const list = new RegExp(`<ul class="${className}">([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? "";
  return list.replace(/<[^>]+>/g, "");
}

describe("/ (the home page)", () => {
  it("shows the canonical example priced live: chart, ranked table and break-even, style allowed by hash", async () => {
    const res = await ctx.app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(res.headers.get("content-security-policy")).toContain(`style-src 'sha256-${hash}'`);
    expect(html).toMatch(/<figure><svg[^>]*>/);
    const names = EXAMPLE_COMPARISON.options.map((o) => ("name" in o ? o.name : `${o.provider}/${o.model}`));
    const rows = tableRows(html, "Options ranked by monthly cost");
    expect(rows.map((r) => r[1]).sort()).toEqual([...names].sort());
    expect(html).toMatch(/<ul class="break-even"><li>/);
    // The request behind it is the canonical example, escaped as text.
    expect(html).toContain("&quot;claude-sonnet-4-5&quot;");
    expect(html).toContain("&quot;2026-11-01&quot;");
  });

  // Worked by hand, 2B input + 0.5B output tokens a month at 2026-11-01 (no cache, batch or tiers):
  // - GPT-5, $1.25 in / $10 out per 1M (openai sheet of 2026-09-23): 2,000 × 1.25 + 500 × 10 = $7,500,
  //   $3 per 1M tokens of this 4:1 mix;
  // - Claude Sonnet 4.5, $3 / $15 (anthropic 2026-09-23): 2,000 × 3 + 500 × 15 = $13,500, $5.40 per 1M;
  // - gpt-oss-120b on one rented H200: 730 h × $4.50 (the 2026 default quote, Nebius) = $3,285, plus
  //   operations 0.25 FTE × $18,000 = $4,500 → $7,785 (one replica carries far more than 2.5B tokens);
  // - break-even: one replica's $7,785 against $3 per 1M → 2,595,000,000 tokens cost the same, the
  //   next whole token is cheaper self-hosted: 2,595,000,001 ("2.6B"); against $5.40 per 1M →
  //   1,441,666,666.7 → 1,441,666,667 ("1.44B"). GPT-5 is cheapest at this volume by $285.
  it("the 2026 example: the numbers worked by hand, the same as POST /v1/comparisons answers", async () => {
    const api = await postJson(ctx.app, "/v1/comparisons", EXAMPLE_COMPARISON);
    expect(api.status).toBe(200);
    const body = (await api.json()) as any;
    expect(body.data.map((o: any) => [o.name, o.monthlyCost])).toEqual([
      ["openai/gpt-5", "7500"],
      ["gpt-oss-120b, 1×H200 rented", "7785"],
      ["anthropic/claude-sonnet-4-5", "13500"],
    ]);
    const selfHosted = body.data[1].estimate;
    expect(selfHosted).toMatchObject({ replicas: 1, hourlyCostPerReplica: "4.5" });
    expect(selfHosted.lineItems.map((l: any) => [l.component, l.quantity, l.unitPrice, l.cost])).toEqual(
      expect.arrayContaining([
        ["rent", "730", "4.5", "3285"],
        ["operations", "0.25", "18000", "4500"],
      ]),
    );
    expect(body.breakEven.map((b: any) => [b.api, b.monthlyTokens])).toEqual([
      ["openai/gpt-5", "2595000001"],
      ["anthropic/claude-sonnet-4-5", "1441666667"],
    ]);

    const html = await (await ctx.app.request("/")).text();
    expect(tableRows(html, "Options ranked by monthly cost")).toEqual([
      ["1", "openai/gpt-5", "API", "$7,500.00", "$3.00"],
      ["2", "gpt-oss-120b, 1×H200 rented", "self-hosted", "$7,785.00", "$3.11"],
      ["3", "anthropic/claude-sonnet-4-5", "API", "$13,500.00", "$5.40"],
    ]);
    const breakEven = listText(html, "break-even");
    expect(breakEven).toContain(
      "gpt-oss-120b, 1×H200 rented is cheaper than openai/gpt-5 from 2.6B tokens/month",
    );
    expect(breakEven).toContain("cheaper than anthropic/claude-sonnet-4-5 from 1.44B tokens/month");
  });

  // The same question at 2024-11-01, by hand on the API side: GPT-4o (→ gpt-4o-2024-08-06, $2.50 / $10)
  // 2,000 × 2.5 + 500 × 10 = $10,000; Claude 3.5 Sonnet ($3 / $15) $13,500. The bought 8×H100 server's
  // TCO (capital, energy, operations defaults) is the service's, checked equal to POST /v1/comparisons.
  it("keeps the November 2024 comparison as dated price history, priced live", async () => {
    const api = await postJson(ctx.app, "/v1/comparisons", EXAMPLE_COMPARISON_2024);
    expect(api.status).toBe(200);
    const body = (await api.json()) as any;
    const byName = Object.fromEntries(body.data.map((o: any) => [o.name, o.monthlyCost]));
    expect(byName).toMatchObject({
      "openai/gpt-4o": "10000",
      "anthropic/claude-3-5-sonnet-20240620": "13500",
    });

    const html = await (await ctx.app.request("/")).text();
    expect(html).toContain("The same question in November 2024");
    expect(html).toContain("at prices in force on 2024-11-01");
    const rows = tableRows(html, "November 2024: options ranked by monthly cost");
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ["openai/gpt-4o", "$10,000.00"],
      ["Llama 3 70B, 8×H100", formatUsd(dec(byName["Llama 3 70B, 8×H100"]))],
      ["anthropic/claude-3-5-sonnet-20240620", "$13,500.00"],
    ]);
    for (const b of body.breakEven) {
      expect(b.monthlyTokens, `${b.selfHosted} × ${b.api}`).not.toBeNull();
      expect(listText(html, "break-even-2024")).toContain(`${b.selfHosted} is cheaper than ${b.api} from`);
    }
  });
});
