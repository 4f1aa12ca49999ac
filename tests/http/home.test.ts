import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_COMPARISON } from "../../api/examples.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

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
    const rows = [...html.matchAll(/<tr><td>(\d)<\/td><td>([^<]+)<\/td>/g)].map((m) => m[2]);
    const names = EXAMPLE_COMPARISON.options.map((o) => ("name" in o ? o.name : `${o.provider}/${o.model}`));
    expect(rows.sort()).toEqual([...names].sort());
    expect(html).toMatch(/<td class="num">\$[\d,]+\.\d\d<\/td>/);
    expect(html).toMatch(/<ul class="break-even"><li>/);
    // The request behind it is the canonical example, escaped as text.
    expect(html).toContain("&quot;claude-3-5-sonnet-20240620&quot;");
  });
});
