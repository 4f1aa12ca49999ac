/**
 * Paged catalogue lists (DESIGN §4 "Lists") at the scale of the imported catalogue: every row once,
 * `q` search, bounds, bad cursors, and no gaps or duplicates while sheets are imported between pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, postJson, TEST_ADMIN_TOKEN, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function getJson(path: string) {
  const res = await ctx.app.request(path);
  return { status: res.status, body: (await res.json()) as any };
}

async function allPages(path: string, limit: number, between?: (page: number) => Promise<void>) {
  const rows: any[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const r = await getJson(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBeLessThanOrEqual(limit);
    rows.push(...r.body.data);
    cursor = r.body.nextCursor;
    page++;
    if (between) await between(page);
  } while (cursor);
  return { rows, pages: page };
}

describe("paged lists", () => {
  it("GET /v1/models: 100 by default, every model exactly once across pages, in id order", async () => {
    const first = await getJson("/v1/models");
    expect(first.body.data).toHaveLength(100);
    expect(typeof first.body.nextCursor).toBe("string");
    const { rows, pages } = await allPages("/v1/models", 250);
    const ids = rows.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(1200);
    expect(pages).toBe(Math.ceil(ids.length / 250));
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
    const whole = await getJson("/v1/models?limit=1000");
    expect(whole.body.data.map((m: any) => m.id)).toEqual(ids.slice(0, 1000));
  });

  it("q matches a case-insensitive substring of id, name or alias", async () => {
    const sonnet = await getJson("/v1/models?q=SONNET&limit=1000");
    expect(sonnet.body.data.length).toBeGreaterThan(5);
    expect(sonnet.body.data.every((m: any) => `${m.id} ${m.name}`.toLowerCase().includes("sonnet"))).toBe(
      true,
    );
    const byAlias = await getJson("/v1/models?q=llama3-70b-8192");
    expect(byAlias.body.data.map((m: any) => m.id)).toContain("llama-3-70b");
    const none = await getJson("/v1/models?q=no-such-model-anywhere");
    expect(none.body).toEqual({ data: [], nextCursor: null });
  });

  it("refuses limits outside 1–1000 and cursors it did not issue, with pointers", async () => {
    for (const limit of ["0", "1001", "x"]) {
      const r = await getJson(`/v1/models?limit=${limit}`);
      expect(r.status).toBe(422);
      expect(r.body.errors[0].pointer).toBe("/query/limit");
    }
    const bad = await getJson("/v1/prices?cursor=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe("/query/cursor");
  });

  it("GET /v1/prices lists ≥ 1,500 offerings, one per provider and model, from ≥ 40 providers", async () => {
    const { rows } = await allPages("/v1/prices", 1000);
    const keys = rows.map((p) => `${p.provider}/${p.model}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(1500);
    expect(new Set(rows.map((p) => p.model)).size).toBeGreaterThanOrEqual(1200);
    expect(new Set(rows.map((p) => p.provider)).size).toBeGreaterThanOrEqual(40);
  });

  it("paging /v1/prices and /v1/price-sheets has no gaps or duplicates while sheets are imported", async () => {
    const before = (await allPages("/v1/prices?at=2026-11-30", 1000)).rows.map(
      (p) => `${p.provider}/${p.model}`,
    );
    const sheetsBefore = (await allPages("/v1/price-sheets", 1000)).rows.map((s) => s.id);
    let n = 0;
    const importBetween = async () => {
      n++;
      const res = await postJson(
        ctx.app,
        "/v1/price-sheets",
        {
          provider: "groq",
          effectiveFrom: `2026-11-${String(n).padStart(2, "0")}`,
          currency: "USD",
          source: "https://example.test/paging",
          checked: false,
          note: "paging test: a price change imported between two page requests",
          prices: [{ model: "llama-3-70b", inputPerMillion: `0.${n}`, outputPerMillion: "0.79" }],
        },
        { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      );
      expect(res.status).toBe(201);
    };
    const during = (await allPages("/v1/prices?at=2026-11-30", 150, importBetween)).rows.map(
      (p) => `${p.provider}/${p.model}`,
    );
    expect(new Set(during).size).toBe(during.length);
    expect(during).toEqual(before);
    const sheets = (await allPages("/v1/price-sheets", 10, importBetween)).rows.map((s) => s.id);
    expect(new Set(sheets).size).toBe(sheets.length);
    for (const id of sheetsBefore) expect(sheets).toContain(id);
  });
});
