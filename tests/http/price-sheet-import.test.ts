import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { priceSheets, prices } from "../../api/db/schema.js";
import { timingSafeEqualText } from "../../api/http/auth.js";
import { createTestApp, postJson, TEST_ADMIN_TOKEN, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const sheet = (overrides: Record<string, unknown> = {}) => ({
  provider: "groq",
  effectiveFrom: "2025-01-15",
  currency: "USD",
  source: "https://groq.com/pricing (test)",
  checked: true,
  prices: [
    { model: "llama-3-70b", inputPerMillion: "0.50", outputPerMillion: "0.70" },
    { model: "llama3-8b-8192", inputPerMillion: 0.04, outputPerMillion: "0.07" },
  ],
  ...overrides,
});
/** What the database itself holds for a sheet id (not the snapshot, not the API). */
async function storedSheets(id: string) {
  const db = ctx.database.handle.db;
  const [sheetRows, priceRows] = await Promise.all([
    db.select({ id: priceSheets.id }).from(priceSheets).where(eq(priceSheets.id, id)),
    db.select({ model: prices.modelId }).from(prices).where(eq(prices.priceSheetId, id)),
  ]);
  return { sheets: sheetRows.length, prices: priceRows.length };
}
const estimate = (at: string) =>
  postJson(ctx.app, "/v1/estimates/api", {
    workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
    offerings: [{ provider: "groq", model: "llama-3-70b" }],
    at,
  }).then((r) => r.json() as Promise<any>);

describe("POST /v1/price-sheets (admin import)", () => {
  it("refuses without a token (401 + WWW-Authenticate) and with a wrong one", async () => {
    const none = await postJson(ctx.app, "/v1/price-sheets", sheet());
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await postJson(ctx.app, "/v1/price-sheets", sheet(), {
      authorization: "Bearer nope-nope-nope-nope",
    });
    expect(wrong.status).toBe(401);
  });

  it("imports a sheet atomically; estimates use it from its date on, history is unchanged", async () => {
    const before = await estimate("2025-01-14");
    const res = await postJson(ctx.app, "/v1/price-sheets", sheet(), auth);
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/v1/price-sheets/groq-2025-01-15");
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ id: "groq-2025-01-15", priceCount: 2 });
    expect(body.prices.map((p: any) => p.model)).toEqual(["llama-3-70b", "llama-3-8b"]);
    expect((await estimate("2025-01-15")).data[0]).toMatchObject({
      priceSheetId: "groq-2025-01-15",
      monthlyCost: "1.2",
    });
    expect(await estimate("2025-01-14")).toEqual(before);
  });

  it("the same content again is the same version (200), a different sheet for that date is a 409", async () => {
    const again = await postJson(
      ctx.app,
      "/v1/price-sheets",
      sheet({ source: "re-sent", prices: [...sheet().prices].reverse() }),
      auth,
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).id).toBe("groq-2025-01-15");
    const changed = await postJson(
      ctx.app,
      "/v1/price-sheets",
      sheet({ prices: [{ model: "llama-3-70b", inputPerMillion: "0.55", outputPerMillion: "0.70" }] }),
      auth,
    );
    expect(changed.status).toBe(409);
    const list = (await (await ctx.app.request("/v1/price-sheets?provider=groq")).json()) as any;
    expect(list.data.filter((s: any) => s.effectiveFrom === "2025-01-15")).toHaveLength(1);
  });

  it("concurrent identical imports yield one version (10 at once, over two app instances sharing the database)", async () => {
    // A second process on the same database: the race is decided by the unique constraints, not in memory.
    const other = await createTestApp({}, ctx.database);
    const s = sheet({ effectiveFrom: "2025-03-01" });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => postJson((i % 2 ? other : ctx).app, "/v1/price-sheets", s, auth)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((st) => st === 201)).toHaveLength(1);
    expect(statuses.every((st) => st === 200 || st === 201)).toBe(true);
    const ids = await Promise.all(results.map(async (r) => ((await r.json()) as any).id));
    expect(new Set(ids)).toEqual(new Set(["groq-2025-03-01"]));
    expect(await storedSheets("groq-2025-03-01")).toEqual({ sheets: 1, prices: 2 });
  });

  it("concurrent different sheets for one provider and date: one is stored, the others get 409", async () => {
    const variants = Array.from({ length: 10 }, (_, i) =>
      sheet({
        effectiveFrom: "2025-03-02",
        prices: [{ model: "llama-3-70b", inputPerMillion: `0.${i + 11}`, outputPerMillion: "0.7" }],
      }),
    );
    const results = await Promise.all(variants.map((v) => postJson(ctx.app, "/v1/price-sheets", v, auth)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    expect(await storedSheets("groq-2025-03-02")).toEqual({ sheets: 1, prices: 1 });
  });

  it("another process sees an import at its next snapshot check (TTL 0: at once)", async () => {
    const other = await createTestApp({ SNAPSHOT_TTL_SECONDS: "0" }, ctx.database);
    const res = await postJson(ctx.app, "/v1/price-sheets", sheet({ effectiveFrom: "2025-03-03" }), auth);
    expect(res.status).toBe(201);
    const seen = await postJson(other.app, "/v1/estimates/api", {
      workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
      offerings: [{ provider: "groq", model: "llama-3-70b" }],
      at: "2025-03-03",
    });
    expect(((await seen.json()) as any).data[0].priceSheetId).toBe("groq-2025-03-03");
  });

  it("a failure inside the transaction (after the sheet row is written) leaves nothing behind", async () => {
    // A trigger makes the database refuse the tier rows, which are written last in the transaction.
    const db = ctx.database.handle.db;
    await db.execute(sql`create or replace function refuse_marker_tier() returns trigger language plpgsql as $$
      begin
        if new.above_input_tokens = 99999999 then raise exception 'injected failure'; end if;
        return new;
      end $$`);
    await db.execute(sql`create trigger refuse_marker_tier before insert on price_tiers
      for each row execute function refuse_marker_tier()`);
    try {
      const res = await postJson(
        ctx.app,
        "/v1/price-sheets",
        sheet({
          effectiveFrom: "2025-03-04",
          prices: [
            { model: "llama-3-70b", inputPerMillion: "0.5", outputPerMillion: "0.7" },
            {
              model: "llama-3-8b",
              inputPerMillion: "0.05",
              outputPerMillion: "0.08",
              tiers: [{ aboveInputTokens: 99_999_999, inputPerMillion: "1", outputPerMillion: "1" }],
            },
          ],
        }),
        auth,
      );
      // A database fault is a server fault: a 500 problem, without the SQL or the database's message.
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(body).not.toMatch(/injected|insert|price_tiers/i);
      expect(await storedSheets("groq-2025-03-04")).toEqual({ sheets: 0, prices: 0 });
      expect((await ctx.app.request("/v1/price-sheets/groq-2025-03-04")).status).toBe(404);
    } finally {
      await db.execute(sql`drop trigger refuse_marker_tier on price_tiers`);
    }
  });

  it("one bad row → 422 naming it, and nothing is written", async () => {
    const bad = sheet({
      effectiveFrom: "2025-02-01",
      prices: [
        { model: "llama-3-70b", inputPerMillion: "0.5", outputPerMillion: "0.7" },
        { model: "llama-3-8b", inputPerMillion: "-1", outputPerMillion: "0.7" },
      ],
    });
    const res = await postJson(ctx.app, "/v1/price-sheets", bad, auth);
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).errors[0].pointer).toBe("/prices/1/inputPerMillion");
    const unknownModel = await postJson(
      ctx.app,
      "/v1/price-sheets",
      sheet({
        effectiveFrom: "2025-02-01",
        prices: [...sheet().prices, { model: "gpt-9", inputPerMillion: "1", outputPerMillion: "1" }],
      }),
      auth,
    );
    expect(unknownModel.status).toBe(422);
    expect(((await unknownModel.json()) as any).errors[0].pointer).toBe("/prices/2/model");
    const duplicate = await postJson(
      ctx.app,
      "/v1/price-sheets",
      sheet({
        effectiveFrom: "2025-02-01",
        prices: [
          ...sheet().prices,
          { model: "llama3-70b-8192", inputPerMillion: "1", outputPerMillion: "1" },
        ],
      }),
      auth,
    );
    expect(duplicate.status).toBe(422);
    expect((await ctx.app.request("/v1/price-sheets/groq-2025-02-01")).status).toBe(404);
    expect(await storedSheets("groq-2025-02-01")).toEqual({ sheets: 0, prices: 0 });
  });

  it("unknown fields and unknown providers are refused with pointers", async () => {
    const extra = await postJson(
      ctx.app,
      "/v1/price-sheets",
      sheet({ effectiveFrom: "2025-02-02", discount: "all" }),
      auth,
    );
    expect(extra.status).toBe(422);
    const provider = await postJson(
      ctx.app,
      "/v1/price-sheets",
      sheet({ provider: "acme", effectiveFrom: "2025-02-02" }),
      auth,
    );
    expect(provider.status).toBe(422);
    expect(((await provider.json()) as any).errors[0].pointer).toBe("/provider");
  });
});

describe("the bearer-token check", () => {
  it("compares digests of both sides, so the answer is exactly string equality", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), async (a, b) => {
        expect(await timingSafeEqualText(a, b)).toBe(a === b);
        expect(await timingSafeEqualText(a, a)).toBe(true);
      }),
    );
  });

  it("a token differing only in its last character, its length or its case is refused", async () => {
    for (const token of [
      `${TEST_ADMIN_TOKEN.slice(0, -1)}X`,
      `${TEST_ADMIN_TOKEN}x`,
      TEST_ADMIN_TOKEN.slice(0, -1),
      TEST_ADMIN_TOKEN.toUpperCase(),
    ]) {
      const res = await postJson(ctx.app, "/v1/price-sheets", sheet({ effectiveFrom: "2025-06-01" }), {
        authorization: `Bearer ${token}`,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=".*", error="invalid_token"$/);
    }
  });

  it("other schemes, an empty token or a malformed header → 401 with the Bearer challenge", async () => {
    for (const authorization of [
      "Basic dXNlcjpwYXNz",
      "Bearer",
      "Bearer ",
      `Token ${TEST_ADMIN_TOKEN}`,
      "x".repeat(8000),
    ]) {
      const res = await postJson(ctx.app, "/v1/price-sheets", sheet({ effectiveFrom: "2025-06-01" }), {
        authorization,
      });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await storedSheets("groq-2025-06-01")).toEqual({ sheets: 0, prices: 0 });
  });
});

describe("with no ADMIN_TOKEN configured", () => {
  it("writes are refused with 403 and reads still work", async () => {
    const noToken = await createTestApp({ ADMIN_TOKEN: "" }, ctx.database);
    const res = await postJson(noToken.app, "/v1/price-sheets", sheet({ effectiveFrom: "2025-05-01" }), auth);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await storedSheets("groq-2025-05-01")).toEqual({ sheets: 0, prices: 0 });
    for (const path of ["/v1/providers", "/v1/models", "/v1/price-sheets", "/v1/prices?provider=groq"]) {
      expect((await noToken.app.request(path)).status).toBe(200);
    }
    const read = await postJson(noToken.app, "/v1/estimates/api", {
      workload: { inputTokensPerMonth: 1, outputTokensPerMonth: 1 },
      offerings: [{ provider: "openai", model: "gpt-4o" }],
      at: "2024-11-01",
    });
    expect(read.status).toBe(200);
  });
});
