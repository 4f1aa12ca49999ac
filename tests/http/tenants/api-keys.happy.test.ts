/** `POST/GET /v1/api-keys`, `DELETE /v1/api-keys/{id}` (admin): what a working admin sees. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuth, bearer, getWith, issueKey, revokeKey } from "../../support/tenants.js";
import { createTestApp, type TestContext } from "../../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const listKeys = async (query = "") =>
  (await (await ctx.app.request(`/v1/api-keys${query}`, { headers: adminAuth })).json()) as any;

describe("API keys (happy path)", () => {
  it("issues a key: 201 with id, tenant, name, createdAt and the secret key, shown once", async () => {
    const res = await ctx.app.request("/v1/api-keys", {
      method: "POST",
      headers: { "content-type": "application/json", ...adminAuth },
      body: JSON.stringify({ tenant: "acme-finance", name: "budget script" }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const issued = (await res.json()) as any;
    expect(issued).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tenant: "acme-finance",
      name: "budget script",
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      revokedAt: null,
      key: expect.stringMatching(/^tco_[A-Za-z0-9_-]{43}$/),
    });
    expect(res.headers.get("location")).toBe(`/v1/api-keys/${issued.id}`);
    // The list shows the key, never its secret (nor its digest).
    const listed = (await listKeys("?tenant=acme-finance")).data;
    const { key: _secret, ...withoutSecret } = issued;
    expect(listed).toEqual([withoutSecret]);
    expect(JSON.stringify(await listKeys())).not.toContain(issued.key);
  });

  it("keys are 256 random bits: 50 keys, all different, every base64url character in use", async () => {
    const keys = await Promise.all(
      Array.from({ length: 50 }, (_, i) => issueKey(ctx.app, "many-keys", `k${i}`)),
    );
    const secrets = keys.map((k) => k.key.slice(4));
    expect(new Set(secrets).size).toBe(50);
    // 43 base64url characters carry 258 bits, the last one only 2 of its 6: 256 bits of entropy.
    expect(new Set(secrets.join("")).size).toBe(64);
  });

  it("lists keys newest first, filters by tenant, and pages with limit, cursor and nextCursor", async () => {
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await issueKey(ctx.app, "paging-tenant", `key ${i}`));
    const first = await listKeys("?tenant=paging-tenant&limit=2");
    expect(first.data.map((k: any) => k.name)).toEqual(["key 4", "key 3"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listKeys(`?tenant=paging-tenant&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((k: any) => k.name)).toEqual(["key 2", "key 1"]);
    const third = await listKeys(`?tenant=paging-tenant&limit=2&cursor=${second.nextCursor}`);
    expect(third.data.map((k: any) => k.name)).toEqual(["key 0"]);
    expect(third.nextCursor).toBeNull();
    expect((await listKeys("?tenant=paging-tenant")).data).toHaveLength(5);
    expect((await listKeys("?tenant=nobody-here")).data).toEqual([]);
  });

  it("revokes a key: 204, the key stops working at once, the list shows when; revoking again changes nothing", async () => {
    const issued = await issueKey(ctx.app, "revoking-tenant");
    expect((await getWith(ctx.app, "/v1/scenarios", issued.key)).status).toBe(200);
    const revoked = await revokeKey(ctx.app, issued.id);
    expect(revoked.status).toBe(204);
    expect(await revoked.text()).toBe("");
    expect((await getWith(ctx.app, "/v1/scenarios", issued.key)).status).toBe(401);
    const [listed] = (await listKeys("?tenant=revoking-tenant")).data;
    expect(listed.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await revokeKey(ctx.app, issued.id)).status).toBe(204);
    expect((await listKeys("?tenant=revoking-tenant")).data[0].revokedAt).toBe(listed.revokedAt);
  });

  it("a tenant's other keys keep working when one is revoked", async () => {
    const [a, b] = [await issueKey(ctx.app, "two-keys"), await issueKey(ctx.app, "two-keys")];
    await revokeKey(ctx.app, a.id);
    expect((await ctx.app.request("/v1/scenarios", { headers: bearer(a.key) })).status).toBe(401);
    expect((await ctx.app.request("/v1/scenarios", { headers: bearer(b.key) })).status).toBe(200);
  });
});
