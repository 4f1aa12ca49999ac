/** API-key management: bad input → 422 with pointers, unknown key → 404, no admin → 401/403. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuth, issueKey } from "../../support/tenants.js";
import { createTestApp, type TestContext } from "../../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const issue = (body: unknown, headers: Record<string, string> = adminAuth) =>
  ctx.app.request("/v1/api-keys", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as any;
}
const pointers = (body: any) => body.errors.map((e: any) => e.pointer);

describe("API keys (errors)", () => {
  it("missing or blank tenant → 422 at /tenant", async () => {
    for (const tenant of [undefined, "", "   "]) {
      expect(pointers(await problem(await issue({ tenant, name: "n" }), 422))).toEqual(["/tenant"]);
    }
  });

  it("a tenant that is not a slug → 422 at /tenant, saying what a slug is", async () => {
    for (const tenant of [
      "Acme",
      "acme finance",
      "acme--finance",
      "-acme",
      "acme-",
      "acme_finance",
      "acmé",
      "a".repeat(64),
      42,
    ]) {
      const body = await problem(await issue({ tenant, name: "n" }), 422);
      expect(pointers(body), String(tenant)).toEqual(["/tenant"]);
    }
    expect((await problem(await issue({ tenant: "Acme", name: "n" }), 422)).errors[0].detail).toMatch(/slug/);
    expect((await issue({ tenant: "a".repeat(63), name: "n" })).status).toBe(201);
  });

  it("missing or blank name → 422 at /name; bidi controls and NUL refused with a pointer", async () => {
    for (const name of [
      undefined,
      "",
      " \t ",
      "key\u202ename",
      "key\u2066name",
      "key\u0000name",
      "x".repeat(201),
    ]) {
      expect(
        pointers(await problem(await issue({ tenant: "acme", name }), 422)),
        JSON.stringify(name),
      ).toEqual(["/name"]);
    }
  });

  it("both missing → two pointers; malformed JSON → 400; not JSON → 415", async () => {
    expect(pointers(await problem(await issue({}), 422)).sort()).toEqual(["/name", "/tenant"]);
    await problem(await issue("{"), 400);
    const text = await ctx.app.request("/v1/api-keys", {
      method: "POST",
      headers: { "content-type": "text/plain", ...adminAuth },
      body: "tenant=acme",
    });
    await problem(text, 415);
  });

  it("revoking an unknown key → 404 at /path/id; an id that is not a UUID → 422", async () => {
    const unknown = await ctx.app.request("/v1/api-keys/00000000-0000-4000-8000-000000000000", {
      method: "DELETE",
      headers: adminAuth,
    });
    expect(pointers(await problem(unknown, 404))).toEqual(["/path/id"]);
    const bad = await ctx.app.request("/v1/api-keys/nope", { method: "DELETE", headers: adminAuth });
    expect(pointers(await problem(bad, 422))).toEqual(["/path/id"]);
  });

  it("a bad limit, cursor or tenant filter on the list → 422 at /query/…", async () => {
    for (const [query, pointer] of [
      ["limit=0", "/query/limit"],
      ["cursor=%%%", "/query/cursor"],
      ["tenant=Not A Slug", "/query/tenant"],
    ] as const) {
      const res = await ctx.app.request(`/v1/api-keys?${query}`, { headers: adminAuth });
      expect(pointers(await problem(res, 422)), query).toEqual([pointer]);
    }
  });

  it("every key route needs the admin token: none or wrong → 401 with WWW-Authenticate; no ADMIN_TOKEN configured → 403", async () => {
    const key = await issueKey(ctx.app, "acme");
    const calls = [
      () => issue({ tenant: "acme", name: "n" }, {}),
      () => ctx.app.request("/v1/api-keys"),
      () => ctx.app.request(`/v1/api-keys/${key.id}`, { method: "DELETE" }),
    ];
    for (const call of calls) {
      const res = await call();
      await problem(res, 401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    }
    // A tenant's key is not the admin token.
    const withTenantKey = await ctx.app.request("/v1/api-keys", {
      headers: { authorization: `Bearer ${key.key}` },
    });
    await problem(withTenantKey, 401);
    const noAdmin = await createTestApp({ ADMIN_TOKEN: "" }, ctx.database);
    await problem(await noAdmin.app.request("/v1/api-keys", { headers: adminAuth }), 403);
  });
});
