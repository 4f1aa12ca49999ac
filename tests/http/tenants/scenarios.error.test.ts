/** Saved scenarios: bad input with a valid key → RFC 9457 problems pointing at the field. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, comparison, getWith, type IssuedKey, issueKey } from "../../support/tenants.js";
import { createTestApp, type TestContext } from "../../support/test-app.js";

let ctx: TestContext;
let key: IssuedKey;
beforeAll(async () => {
  ctx = await createTestApp();
  key = await issueKey(ctx.app, "acme-finance");
});
afterAll(async () => ctx?.close());

const save = (body: unknown) =>
  ctx.app.request("/v1/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(key.key) },
    body: JSON.stringify(body),
  });

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as any;
}

describe("saved scenarios (errors)", () => {
  it("refuses a scenario that does not price, pointing inside its comparison", async () => {
    const body = await problem(
      await save({
        name: "bad",
        comparison: { ...comparison(), options: [{ kind: "api", provider: "openai", model: "gpt-9" }] },
      }),
      404,
    );
    expect(body.errors[0].pointer).toBe("/comparison/options/0/model");
  });

  it("unknown ids → 404, ids that are not UUIDs → 422 at /path/id", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const path of [`/v1/scenarios/${missing}`, `/v1/scenarios/${missing}/result`]) {
      const body = await problem(await getWith(ctx.app, path, key.key), 404);
      expect(body.errors[0].pointer).toBe("/path/id");
    }
    const del = await ctx.app.request(`/v1/scenarios/${missing}`, {
      method: "DELETE",
      headers: bearer(key.key),
    });
    await problem(del, 404);
    const body = await problem(await getWith(ctx.app, "/v1/scenarios/not-a-uuid", key.key), 422);
    expect(body.errors[0].pointer).toBe("/path/id");
  });

  it("missing or blank name → 422 at /name", async () => {
    for (const name of [undefined, "", "   \t "]) {
      const body = await problem(await save({ name, comparison: comparison() }), 422);
      expect(body.errors.map((e: any) => e.pointer)).toEqual(["/name"]);
    }
  });

  it("refuses bidi override and isolate controls in names, with a pointer and the code point", async () => {
    for (const control of [
      "\u202a",
      "\u202b",
      "\u202c",
      "\u202d",
      "\u202e",
      "\u2066",
      "\u2067",
      "\u2068",
      "\u2069",
    ]) {
      const body = await problem(
        await save({ name: `invoice${control}fdp.exe`, comparison: comparison() }),
        422,
      );
      const code = `U+${control.codePointAt(0)?.toString(16).toUpperCase()}`;
      expect(body.errors).toEqual([{ pointer: "/name", detail: expect.stringContaining(code) }]);
    }
    // In a comparison option's name too.
    const options = [...comparison().options];
    options[1] = { ...options[1], name: "box\u202eevil" } as never;
    const nested = await problem(await save({ name: "ok", comparison: { ...comparison(), options } }), 422);
    expect(nested.errors[0].pointer).toBe("/comparison/options/1/name");
    // Marks that reorder nothing (LRM, RLM) and right-to-left text itself are fine.
    expect((await save({ name: "\u200fمیزانیه 2026\u200e", comparison: comparison() })).status).toBe(201);
  });

  it("a bad limit or cursor → 422 at /query/…", async () => {
    for (const [query, pointer] of [
      ["limit=0", "/query/limit"],
      ["limit=1001", "/query/limit"],
      ["limit=abc", "/query/limit"],
      ["limit=1.5", "/query/limit"],
      ["cursor=not-a-cursor!", "/query/cursor"],
      [`cursor=${btoa("123.nope")}`, "/query/cursor"],
      ["cursor=", "/query/cursor"],
    ] as const) {
      const body = await problem(await getWith(ctx.app, `/v1/scenarios?${query}`, key.key), 422);
      expect(body.errors[0].pointer, query).toBe(pointer);
    }
  });
});
