/** Saved scenarios with a tenant's API key: save, list (paged), read, re-price, delete. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearer,
  comparison,
  getWith,
  type IssuedKey,
  issueKey,
  saveScenario,
} from "../../support/tenants.js";
import { createTestApp, type TestContext } from "../../support/test-app.js";

let ctx: TestContext;
let key: IssuedKey;
let sameTenantKey: IssuedKey;
beforeAll(async () => {
  ctx = await createTestApp();
  key = await issueKey(ctx.app, "acme-finance", "budget script");
  sameTenantKey = await issueKey(ctx.app, "acme-finance", "dashboard");
});
afterAll(async () => ctx?.close());

describe("saved scenarios (happy path)", () => {
  it("saves a scenario, reads it back from a new app instance with another key of the tenant, and re-prices it at two dates", async () => {
    const created = await ctx.app.request("/v1/scenarios", {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(key.key) },
      body: JSON.stringify({ name: "Gemini vs box", comparison: comparison() }),
    });
    expect(created.status).toBe(201);
    const saved = (await created.json()) as any;
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get("location")).toBe(`/v1/scenarios/${saved.id}`);

    // A new app instance (as after a restart) on the same database; the tenant's other key.
    const restarted = await createTestApp({}, ctx.database);
    const list = (await (await getWith(restarted.app, "/v1/scenarios", sameTenantKey.key)).json()) as any;
    expect(list.data.map((s: any) => s.id)).toContain(saved.id);
    const one = (await (
      await getWith(restarted.app, `/v1/scenarios/${saved.id}`, sameTenantKey.key)
    ).json()) as any;
    expect(one).toMatchObject({ name: "Gemini vs box", comparison: { at: "2024-11-01" } });
    // Values as sent: the digit string stays a string, the number a number.
    expect(one.comparison.workload).toEqual({
      inputTokensPerMonth: 1_000_000_000,
      outputTokensPerMonth: "1000000000",
    });

    const result = async (at: string) =>
      (await (
        await getWith(restarted.app, `/v1/scenarios/${saved.id}/result?at=${at}`, key.key)
      ).json()) as any;
    const gemini = (r: any) => r.data.find((o: any) => o.name === "google/gemini-1.5-pro");
    const [before, after] = [await result("2024-09-01"), await result("2024-10-01")];
    expect(gemini(before).monthlyCost).toBe("14000"); // 1000 × 3.50 + 1000 × 10.50
    expect(gemini(after).monthlyCost).toBe("6250"); // 1000 × 1.25 + 1000 × 5
    expect(gemini(before).estimate.priceSheetId).toBe("google-2024-05-30");
    const csv = await getWith(restarted.app, `/v1/scenarios/${saved.id}/result`, key.key, {
      accept: "text/csv",
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const svg = await getWith(restarted.app, `/v1/scenarios/${saved.id}/result`, key.key, {
      accept: "image/svg+xml",
    });
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toContain("<svg");
  });

  it("lists the tenant's scenarios newest first, in pages: limit, cursor, nextCursor", async () => {
    const tenantKey = await issueKey(ctx.app, "paging-corp");
    const names = [];
    for (let i = 0; i < 5; i++) names.push((await saveScenario(ctx.app, tenantKey.key, `plan ${i}`)).name);
    const page = async (query: string) =>
      (await (await getWith(ctx.app, `/v1/scenarios${query}`, tenantKey.key)).json()) as any;
    const first = await page("?limit=2");
    expect(first.data.map((s: any) => s.name)).toEqual(["plan 4", "plan 3"]);
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((s: any) => s.name)).toEqual(["plan 2", "plan 1"]);
    const third = await page(`?limit=2&cursor=${second.nextCursor}`);
    expect(third).toMatchObject({ data: [{ name: "plan 0" }], nextCursor: null });
    const all = await page("");
    expect(all.data.map((s: any) => s.name)).toEqual(["plan 4", "plan 3", "plan 2", "plan 1", "plan 0"]);
    expect(all.nextCursor).toBeNull();
  });

  it("a tenant with no scenarios gets an empty list", async () => {
    const fresh = await issueKey(ctx.app, "new-tenant");
    const res = await getWith(ctx.app, "/v1/scenarios", fresh.key);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: [], nextCursor: null });
  });

  it("deletes a scenario for every key of the tenant: 204, then 404", async () => {
    const saved = await saveScenario(ctx.app, key.key, "to delete");
    const deleted = await ctx.app.request(`/v1/scenarios/${saved.id}`, {
      method: "DELETE",
      headers: bearer(sameTenantKey.key),
    });
    expect(deleted.status).toBe(204);
    expect((await getWith(ctx.app, `/v1/scenarios/${saved.id}`, key.key)).status).toBe(404);
    const list = (await (await getWith(ctx.app, "/v1/scenarios", key.key)).json()) as any;
    expect(list.data.map((s: any) => s.id)).not.toContain(saved.id);
  });
});
