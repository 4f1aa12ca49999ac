import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_TYPES } from "../../api/http/problem-types.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe("OpenAPI document and docs", () => {
  it("/openapi.json is OpenAPI 3.1 with an operationId, summary, description and tags on every operation", async () => {
    const res = await ctx.app.request("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
      Object.entries(item).map(([method, op]: [string, any]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const ids = new Set<string>();
    for (const { path, method, op } of operations) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId)).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(op.description, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
    for (const path of [
      "/healthz",
      "/readyz",
      "/v1/providers",
      "/v1/models",
      "/v1/models/{modelId}",
      "/v1/price-sheets",
      "/v1/price-sheets/{id}",
      "/v1/prices",
      "/v1/estimates/api",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.schemas.Workload.example).toBeDefined();
    expect(
      doc.paths["/v1/estimates/api"].post.responses["422"].content["application/problem+json"],
    ).toBeDefined();
  });

  // The documented request examples are the 2026 decision of api/examples.ts and price as documented:
  // 1M input + 1M output on GPT-5 at 2026-11-01 = 1 × $1.25 + 1 × $10 = $11.25; the comparison ranks
  // GPT-5 ($7,500), gpt-oss-120b on a rented H200 ($7,785), Claude Sonnet 4.5 ($13,500) — worked in
  // home.test.ts; gpt-oss-120b on a rented H200 at today's default quote is one GPU at 730 h × rent.
  it("the request examples of the estimate and comparison operations price (200) as worked by hand", async () => {
    const doc = (await (await ctx.app.request("/openapi.json")).json()) as any;
    const post = async (path: string, schema: string) => {
      const res = await ctx.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(doc.components.schemas[schema].example),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const api = await post("/v1/estimates/api", "ApiEstimateRequest");
    expect(api.status).toBe(200);
    expect(api.body.data.map((e: any) => [e.model, e.monthlyCost])).toEqual([["gpt-5", "11.25"]]);
    const comparison = await post("/v1/comparisons", "ComparisonRequest");
    expect(comparison.status).toBe(200);
    expect(comparison.body.data.map((o: any) => o.monthlyCost)).toEqual(["7500", "7785", "13500"]);
    expect(comparison.body.sweep.series).toHaveLength(3);
    const selfHosted = await post("/v1/estimates/self-hosted", "SelfHostedEstimateRequest");
    expect(selfHosted.status).toBe(200);
    expect(selfHosted.body).toMatchObject({ model: "gpt-oss-120b", accelerator: "h200", replicas: 1 });
    expect(selfHosted.body.lineItems.find((l: any) => l.component === "rent")?.quantity).toBe("730");
  });

  it("declares two security schemes, and which operation takes which: admin token, tenant API key, or none", async () => {
    const doc = (await (await ctx.app.request("/openapi.json")).json()) as any;
    expect(doc.components.securitySchemes).toEqual({
      adminBearer: expect.objectContaining({ type: "http", scheme: "bearer" }),
      tenantApiKey: expect.objectContaining({
        type: "http",
        scheme: "bearer",
        bearerFormat: expect.any(String),
      }),
    });
    const securityOf: Record<string, unknown> = {};
    for (const [path, item] of Object.entries(doc.paths) as [string, any][])
      for (const [method, op] of Object.entries(item) as [string, any][])
        securityOf[`${method.toUpperCase()} ${path}`] = op.security;
    const tenant = [{ tenantApiKey: [] }];
    const admin = [{ adminBearer: [] }];
    expect(securityOf).toMatchObject({
      "POST /v1/scenarios": tenant,
      "GET /v1/scenarios": tenant,
      "GET /v1/scenarios/{id}": tenant,
      "DELETE /v1/scenarios/{id}": tenant,
      "GET /v1/scenarios/{id}/result": tenant,
      "POST /v1/api-keys": admin,
      "GET /v1/api-keys": admin,
      "DELETE /v1/api-keys/{id}": admin,
      "POST /v1/price-sheets": admin,
    });
    // Every operation that takes a credential declares the 401 it answers without one.
    for (const [operation, security] of Object.entries(securityOf)) {
      const [method, path] = operation.split(" ") as [string, string];
      if (Array.isArray(security) && security.length > 0)
        expect(Object.keys(doc.paths[path][method.toLowerCase()].responses), operation).toContain("401");
    }
  });

  it("names every problem type the service answers with, in the OpenAPI text and the SDK's README", async () => {
    const doc = (await (await ctx.app.request("/openapi.json")).json()) as any;
    const readme = readFileSync(new URL("../../sdk/README.md", import.meta.url), "utf8");
    for (const [slug, type] of Object.entries(PROBLEM_TYPES)) {
      expect(doc.info.description, slug).toContain(`\`/problems/${slug}\` (${type.status},`);
      expect(readme, slug).toContain(`/problems/${slug}`);
    }
    // Every operation that reads the catalogue or the database declares the 503 it answers without one.
    for (const [path, item] of Object.entries(doc.paths) as [string, any][]) {
      for (const [method, op] of Object.entries(item) as [string, any][]) {
        if (path === "/healthz") expect(op.responses["503"], path).toBeUndefined();
        else expect(op.responses["503"], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it("every operation declares its security and a 4XX problem response; servers and schemes are declared", async () => {
    const doc = (await (await ctx.app.request("/openapi.json")).json()) as any;
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["adminBearer", "tenantApiKey"]);
    const security: Record<string, unknown> = {};
    for (const item of Object.values(doc.paths) as any[]) {
      for (const op of Object.values(item) as any[]) {
        security[op.operationId] = op.security;
        expect(op.responses["4XX"], op.operationId).toEqual({ $ref: "#/components/responses/ClientError" });
      }
    }
    expect(security.createPriceSheet).toEqual([{ adminBearer: [] }]);
    expect(security.estimateApiCost).toEqual([]);
    expect(security.getHealth).toEqual([]);
    // Without a token the admin import is refused, as its declared scheme says.
    const res = await ctx.app.request("/v1/price-sheets", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect([401, 403]).toContain(res.status);
  });

  it("/docs is served with its script from this service, not a CDN", async () => {
    const res = await ctx.app.request("/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('src="/docs/scalar.js"');
    expect(html).not.toMatch(/cdn\.jsdelivr|unpkg\.com/);
    const script = await ctx.app.request("/docs/scalar.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});
