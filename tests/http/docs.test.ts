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
        else if (!path.startsWith("/v1/scenarios"))
          expect(op.responses["503"], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it("every operation declares its security and a 4XX problem response; servers and schemes are declared", async () => {
    const doc = (await (await ctx.app.request("/openapi.json")).json()) as any;
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["adminBearer"]);
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
