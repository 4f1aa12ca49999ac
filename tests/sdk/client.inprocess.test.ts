/**
 * The SDK against the app in-process (`fetch: app.fetch`) on a real test database: one call per
 * operation in the OpenAPI document, typed problems on 404/422, and the helpers on real answers.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ComparisonRequest,
  createTcoClient,
  decimalFields,
  isProblem,
  iterateLineItems,
  LINE_ITEM_DECIMALS,
  type PriceSheetInput,
  type Problem,
  sumLineItems,
  TcoApiError,
  type TcoClient,
  toDecimal,
  unwrap,
} from "../../sdk/index.js";
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let client: TcoClient;
/** `METHOD /path` of every request the SDK sent, to check every documented operation was called. */
const sent: string[] = [];
/** The app's own fetch, recording what the SDK sends. */
const appFetch = (request: Request) => {
  sent.push(`${request.method} ${new URL(request.url).pathname}`);
  return ctx.app.fetch(request);
};
beforeAll(async () => {
  ctx = await createTestApp();
  client = createTcoClient({ baseUrl: "http://local", fetch: appFetch });
});
afterAll(async () => ctx?.close());

const workload = { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 };
const comparisonBody: ComparisonRequest = {
  workload: { inputTokensPerMonth: 2_000_000_000, outputTokensPerMonth: 500_000_000 },
  options: [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    {
      kind: "self-hosted",
      name: "Llama 3 70B on 8×H100",
      deployment: { model: "llama-3-70b", accelerator: "h100-sxm", acceleratorsPerReplica: 8 },
    },
  ],
  at: "2024-11-01",
};

describe("SDK in-process: one call per operation", () => {
  it("the committed sdk/openapi.json is the document the app serves", async () => {
    const served = await (await ctx.app.request("/openapi.json")).json();
    const committed = JSON.parse(await readFile(new URL("../../sdk/openapi.json", import.meta.url), "utf8"));
    expect(committed).toEqual(served);
  });

  it("GET /healthz and /readyz", async () => {
    const health = await client.GET("/healthz");
    expect(health.data).toEqual({ status: "ok" });
    expect(health.response.status).toBe(200);
    const ready = unwrap(await client.GET("/readyz"));
    expect(ready.status).toBe("ready");
    expect(["pglite", "postgres"]).toContain(ready.database);
  });

  it("GET /v1/providers", async () => {
    const { data, error } = await client.GET("/v1/providers");
    expect(error).toBeUndefined();
    expect(data?.data.map((p) => p.id)).toContain("anthropic");
  });

  it("GET /v1/models with typed query filters", async () => {
    const open = unwrap(
      await client.GET("/v1/models", { params: { query: { openWeights: "true", minContextWindow: 32000 } } }),
    );
    expect(open.data.length).toBeGreaterThan(0);
    expect(open.data.every((m) => m.openWeights && m.contextWindow >= 32000 && m.architecture)).toBe(true);
    const groq = unwrap(await client.GET("/v1/models", { params: { query: { provider: "groq" } } }));
    expect(groq.data.map((m) => m.id)).toContain("llama-3-70b");
  });

  it("GET /v1/models/{modelId} with a path parameter", async () => {
    const model = unwrap(
      await client.GET("/v1/models/{modelId}", { params: { path: { modelId: "llama-3-70b" } } }),
    );
    expect(model.id).toBe("llama-3-70b");
    expect(model.architecture?.kvHeads).toBeGreaterThan(0);
    expect(model.offerings.map((o) => o.provider)).toContain("groq");
  });

  it("GET /v1/price-sheets and /v1/price-sheets/{id}", async () => {
    const sheets = unwrap(
      await client.GET("/v1/price-sheets", { params: { query: { provider: "google" } } }),
    );
    expect(sheets.data.map((s) => s.id)).toContain("google-2024-10-01");
    expect(sheets.data.every((s) => s.provider === "google")).toBe(true);
    const sheet = unwrap(
      await client.GET("/v1/price-sheets/{id}", { params: { path: { id: "google-2024-10-01" } } }),
    );
    expect(sheet.effectiveFrom).toBe("2024-10-01");
    const gemini = sheet.prices.find((p) => p.model === "gemini-1.5-pro");
    expect(gemini?.tiers[0]?.aboveInputTokens).toBe(128000);
    expect(toDecimal(gemini?.inputPerMillion as string).toString()).toBe("1.25");
  });

  it("GET /v1/prices at a date resolves an alias", async () => {
    const prices = unwrap(
      await client.GET("/v1/prices", {
        params: { query: { provider: "openai", model: "gpt-4o", at: "2024-09-01" } },
      }),
    );
    expect(prices.at).toBe("2024-09-01");
    expect(prices.data).toHaveLength(1);
    expect(prices.data[0]).toMatchObject({ model: "gpt-4o-2024-05-13", priceSheetId: "openai-2024-08-06" });
  });

  it("POST /v1/estimates/api, with the decimal and line-item helpers", async () => {
    const { data, error, response } = await client.POST("/v1/estimates/api", {
      body: {
        workload,
        offerings: [
          { provider: "openai", model: "gpt-4o-2024-08-06" },
          { provider: "anthropic", model: "claude-3-5-sonnet-20240620" },
        ],
        at: "2024-11-01",
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    const [gpt, claude] = data?.data ?? [];
    expect(gpt).toMatchObject({ kind: "api", monthlyCost: "12.5", currency: "USD" });
    expect(claude?.monthlyCost).toBe("18");

    const exact = decimalFields(gpt!, ["monthlyCost", "costPerMillionTokens"]);
    expect(exact.monthlyCost.times(12).toString()).toBe("150");
    expect(exact.costPerMillionTokens?.toString()).toBe("6.25");
    expect(sumLineItems(gpt!.lineItems).eq(exact.monthlyCost)).toBe(true);
    for (const item of gpt!.lineItems) {
      const d = decimalFields(item, LINE_ITEM_DECIMALS);
      expect(d.quantity.times(d.unitPrice).eq(d.cost)).toBe(true);
    }

    const rows = [...iterateLineItems(data!)];
    expect(rows.length).toBe(gpt!.lineItems.length + claude!.lineItems.length);
    expect(new Set(rows.map((r) => r.option))).toEqual(
      new Set(["openai/gpt-4o-2024-08-06", "anthropic/claude-3-5-sonnet-20240620"]),
    );
    expect(rows.every((r) => r.currency === "USD" && typeof r.cost === "string")).toBe(true);
    const claudeRows = rows.filter((r) => r.option === "anthropic/claude-3-5-sonnet-20240620");
    expect(sumLineItems(claudeRows).toString()).toBe("18");
  });

  it("GET /v1/accelerators", async () => {
    const accelerators = unwrap(await client.GET("/v1/accelerators"));
    const h100 = accelerators.data.find((a) => a.id === "h100-sxm");
    expect(toDecimal(h100?.memoryGB as string).toNumber()).toBe(80);
  });

  it("POST /v1/estimates/self-hosted: line items add up to the monthly cost", async () => {
    const estimate = unwrap(
      await client.POST("/v1/estimates/self-hosted", {
        body: {
          workload: { inputTokensPerMonth: 1_000_000_000, outputTokensPerMonth: 1_000_000_000 },
          deployment: { model: "llama-3-70b", accelerator: "h100-sxm" },
        },
      }),
    );
    expect(estimate).toMatchObject({ model: "llama-3-70b", accelerator: "h100-sxm", currency: "USD" });
    expect(estimate.replicas).toBeGreaterThanOrEqual(1);
    expect(sumLineItems(estimate.lineItems).eq(toDecimal(estimate.monthlyCost))).toBe(true);
    expect(estimate.assumptions.length).toBeGreaterThan(0);
    const [row] = iterateLineItems([estimate]);
    expect(row?.option).toBe("llama-3-70b on h100-sxm");
  });

  it("POST /v1/comparisons: ranked options with line items and break-even; CSV as text", async () => {
    const comparison = unwrap(await client.POST("/v1/comparisons", { body: comparisonBody }));
    expect(comparison.at).toBe("2024-11-01");
    expect(comparison.data.map((o) => o.rank)).toEqual([1, 2]);
    expect(comparison.breakEven).toHaveLength(1);
    for (const option of comparison.data) {
      expect(sumLineItems(option.estimate.lineItems).eq(toDecimal(option.monthlyCost))).toBe(true);
    }
    const rows = [...iterateLineItems(comparison)];
    expect(new Set(rows.map((r) => r.option))).toEqual(new Set(comparison.data.map((o) => o.name)));
    expect(rows.every((r) => r.currency === "USD")).toBe(true);

    const csv = await client.POST("/v1/comparisons", {
      body: comparisonBody,
      parseAs: "text",
      headers: { accept: "text/csv" },
    });
    expect(csv.response.headers.get("content-type")).toMatch(/^text\/csv/);
    const text: string | undefined = csv.data;
    expect(text?.split("\n")[0]).toContain("ListCost");
  });

  it("API keys (admin token): issue, list, revoke; a typed 401 without the token", async () => {
    const admin = createTcoClient({ baseUrl: "http://local", fetch: appFetch, token: TEST_ADMIN_TOKEN });
    const issued = unwrap(
      await admin.POST("/v1/api-keys", { body: { tenant: "sdk-tenant", name: "to revoke" } }),
    );
    expect(issued.key).toMatch(/^tco_/);
    const keys = unwrap(await admin.GET("/v1/api-keys", { params: { query: { tenant: "sdk-tenant" } } }));
    expect(keys.data.map((k) => k.id)).toContain(issued.id);
    expect(keys.nextCursor).toBeNull();
    const revoked = await admin.DELETE("/v1/api-keys/{id}", { params: { path: { id: issued.id } } });
    expect(revoked.response.status).toBe(204);
    const anonymous = await client.GET("/v1/api-keys");
    expect(anonymous.error?.status).toBe(401);
    // The revoked key, through the SDK: a typed 401 problem.
    const withRevoked = createTcoClient({ baseUrl: "http://local", fetch: appFetch, apiKey: issued.key });
    const refused = await withRevoked.GET("/v1/scenarios");
    expect(refused.error?.type).toBe("/problems/unauthorized");
    expect(refused.response.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });

  it("scenarios with an API key: save, list, get, re-price (JSON and CSV), delete; a typed 401 without a key", async () => {
    const admin = createTcoClient({ baseUrl: "http://local", fetch: appFetch, token: TEST_ADMIN_TOKEN });
    const issued = unwrap(
      await admin.POST("/v1/api-keys", { body: { tenant: "sdk-tenant", name: "budget" } }),
    );
    const tenant = createTcoClient({ baseUrl: "http://local", fetch: appFetch, apiKey: issued.key });

    // Without a key: 401, typed as a Problem (the generated types know the 401).
    const anonymous = await client.POST("/v1/scenarios", {
      body: { name: "SDK budget", comparison: comparisonBody },
    });
    const problem: Problem | undefined = anonymous.error;
    expect(problem?.status).toBe(401);
    expect((await client.GET("/v1/scenarios")).error?.status).toBe(401);

    const saved = await tenant.POST("/v1/scenarios", {
      body: { name: "SDK budget", comparison: comparisonBody },
    });
    expect(saved.response.status).toBe(201);
    const id = saved.data?.id as string;
    const list = unwrap(await tenant.GET("/v1/scenarios", { params: { query: { limit: 10 } } }));
    expect(list.data.map((s) => s.id)).toContain(id);
    expect(list.nextCursor).toBeNull();
    const one = unwrap(await tenant.GET("/v1/scenarios/{id}", { params: { path: { id } } }));
    expect(one).toMatchObject({ name: "SDK budget", comparison: { at: "2024-11-01" } });
    const result = unwrap(
      await tenant.GET("/v1/scenarios/{id}/result", {
        params: { path: { id }, query: { at: "2024-09-01" } },
      }),
    );
    expect(result.at).toBe("2024-09-01");
    expect(result.data).toHaveLength(2);
    const csv = await tenant.GET("/v1/scenarios/{id}/result", {
      params: { path: { id } },
      parseAs: "text",
      headers: { accept: "text/csv" },
    });
    expect(csv.data).toContain("ListCost");
    const deleted = await tenant.DELETE("/v1/scenarios/{id}", { params: { path: { id } } });
    expect(deleted.response.status).toBe(204);
    const missing = await tenant.GET("/v1/scenarios/{id}", { params: { path: { id } } });
    expect(missing.error?.status).toBe(404);
  });

  it("createTcoClient refuses both an apiKey and an admin token (both would be the Authorization header)", () => {
    expect(() => createTcoClient({ baseUrl: "http://local", apiKey: "tco_x", token: "admin" })).toThrow(
      TypeError,
    );
  });

  it("POST /v1/price-sheets with the admin token (and a typed 401 without it)", async () => {
    const sheet: PriceSheetInput = {
      provider: "groq",
      effectiveFrom: "2031-01-01",
      currency: "USD",
      source: "https://groq.com/pricing (SDK test)",
      checked: false,
      prices: [{ model: "llama3-70b-8192", inputPerMillion: "0.5", outputPerMillion: 0.7 }],
    };
    const anonymous = await client.POST("/v1/price-sheets", { body: sheet });
    expect(anonymous.error?.status).toBe(401);
    expect(anonymous.error?.type).toBe("/problems/unauthorized");

    const admin = createTcoClient({ baseUrl: "http://local", fetch: appFetch, token: TEST_ADMIN_TOKEN });
    const created = await admin.POST("/v1/price-sheets", { body: sheet });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ id: "groq-2031-01-01", priceCount: 1 });
    expect(created.data?.prices[0]).toMatchObject({ model: "llama-3-70b", inputPerMillion: "0.5" });
    const again = await admin.POST("/v1/price-sheets", { body: sheet });
    expect(again.response.status).toBe(200);
  });

  it("sends the configured headers on every request", async () => {
    const tagged = createTcoClient({
      baseUrl: "http://local",
      fetch: ctx.app.fetch,
      headers: { "x-request-id": "sdk-header-check" },
    });
    const { response } = await tagged.GET("/healthz");
    expect(response.headers.get("x-request-id")).toBe("sdk-header-check");
  });
});

describe("SDK in-process: typed problems", () => {
  it("404: unknown model and unknown price sheet", async () => {
    const { data, error, response } = await client.GET("/v1/models/{modelId}", {
      params: { path: { modelId: "gpt-9" } },
    });
    expect(data).toBeUndefined();
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(error?.status).toBe(404);
    expect(error?.type).toBe("/problems/not-found");
    expect(isProblem(error)).toBe(true);
    const sheet = await client.GET("/v1/price-sheets/{id}", { params: { path: { id: "acme-2024-01-01" } } });
    expect(sheet.error?.status).toBe(404);
  });

  it("404 from an estimate names the offering by pointer; unwrap throws TcoApiError", async () => {
    const result = await client.POST("/v1/estimates/api", {
      body: { workload, offerings: [{ provider: "acme", model: "gpt-4o" }], at: "2024-11-01" },
    });
    expect(result.error?.status).toBe(404);
    expect(result.error?.errors?.[0]?.pointer).toBe("/offerings/0/provider");
    let thrown: unknown;
    try {
      unwrap(result);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TcoApiError);
    const apiError = thrown as TcoApiError;
    expect(apiError.status).toBe(404);
    expect(apiError.pointers).toEqual(["/offerings/0/provider"]);
    expect(apiError.message).toContain("404 Not found (/v1/estimates/api)");
    expect(apiError.message).toContain(result.error?.detail);
  });

  it("422: invalid body fields carry JSON pointers", async () => {
    const { error, response } = await client.POST("/v1/estimates/api", {
      body: {
        workload: { ...workload, cachedInputShare: "1.5" },
        offerings: [{ provider: "openai", model: "gpt-4o" }],
      },
    });
    expect(response.status).toBe(422);
    expect(error?.status).toBe(422);
    expect(error?.type).toBe("/problems/validation-error");
    expect(error?.errors?.[0]?.pointer).toBe("/workload/cachedInputShare");
    expect(() => unwrap({ error, response })).toThrow(/422 Validation failed .*cachedInputShare/);
  });

  it("422: invalid query parameters point under /query; no price in force is a 422 too", async () => {
    const bad = await client.GET("/v1/prices", { params: { query: { at: "2024-13-01" } } });
    expect(bad.error?.status).toBe(422);
    expect(bad.error?.errors?.[0]?.pointer).toBe("/query/at");
    const early = await client.POST("/v1/estimates/api", {
      body: { workload, offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }], at: "2020-01-01" },
    });
    expect(early.error?.status).toBe(422);
    expect(early.error?.type).toBe("/problems/no-price-in-force");
  });

  it("unwrap turns a bodyless or non-problem error into a TcoApiError too", () => {
    const empty = new Response(null, { status: 502, statusText: "Bad Gateway" });
    expect(() => unwrap({ error: undefined, response: empty })).toThrow(
      /^502 Bad Gateway: The server answered 502/,
    );
    const html = new Response("<h1>oops</h1>", { status: 503 });
    expect(() => unwrap({ error: "<h1>oops</h1>", response: html })).toThrow(/503 .*<h1>oops<\/h1>/);
    expect(isProblem({ status: 404 })).toBe(false);
    expect(() => toDecimal("12,5")).toThrow(/Not a decimal: "12,5"/);
    expect(toDecimal(null)).toBeNull();
  });
});

describe("SDK in-process: coverage", () => {
  it("every operation in sdk/openapi.json was called through the SDK above", async () => {
    const doc = JSON.parse(await readFile(new URL("../../sdk/openapi.json", import.meta.url), "utf8")) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const missing: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const [method, op] of Object.entries(item)) {
        const called = sent.some((line) => {
          const [m, p] = line.split(" ");
          return m === method.toUpperCase() && pattern.test(p ?? "");
        });
        if (!called) missing.push(`${method.toUpperCase()} ${template} (${op.operationId})`);
      }
    }
    expect(missing, "operations with no SDK call in this file").toEqual([]);
  });
});
