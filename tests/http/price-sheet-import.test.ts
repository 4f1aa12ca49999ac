import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("concurrent identical imports yield one version", async () => {
    const s = sheet({ effectiveFrom: "2025-03-01" });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => postJson(ctx.app, "/v1/price-sheets", s, auth)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((st) => st === 201)).toHaveLength(1);
    expect(statuses.every((st) => st === 200 || st === 201)).toBe(true);
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

describe("with no ADMIN_TOKEN configured", () => {
  it("writes are refused with 403 and reads still work", async () => {
    const noToken = await createTestApp({ ADMIN_TOKEN: "" }, ctx.database);
    const res = await postJson(noToken.app, "/v1/price-sheets", sheet({ effectiveFrom: "2025-05-01" }), auth);
    expect(res.status).toBe(403);
    expect((await noToken.app.request("/v1/providers")).status).toBe(200);
  });
});
