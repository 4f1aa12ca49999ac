import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = (await res.json()) as any;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
    status: res.status,
    detail: expect.any(String),
  });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|stack|SELECT|INSERT/i);
  return body;
}

describe("every error is an RFC 9457 problem", () => {
  it("unknown path → 404", async () => {
    const res = await ctx.app.request("/v1/nothing-here");
    expect(res.status).toBe(404);
    await problem(res);
  });

  it("wrong method on a known path → 405 with Allow", async () => {
    const res = await ctx.app.request("/v1/estimates/api", { method: "GET" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    await problem(res);
    const del = await ctx.app.request("/v1/models/llama-3-8b", { method: "DELETE" });
    expect(del.status).toBe(405);
  });

  it("malformed JSON → 400", async () => {
    const res = await postJson(ctx.app, "/v1/estimates/api", '{"workload": {');
    expect(res.status).toBe(400);
    expect((await problem(res)).type).toBe("/problems/malformed-json");
  });

  it("a body that is not JSON → 415", async () => {
    const res = await ctx.app.request("/v1/estimates/api", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    expect(res.status).toBe(415);
    await problem(res);
    const none = await ctx.app.request("/v1/estimates/api", { method: "POST", body: "{}" });
    expect(none.status).toBe(415);
  });

  it("a body over 1 MiB → 413", async () => {
    const big = JSON.stringify({
      workload: { inputTokensPerMonth: 1, outputTokensPerMonth: 1 },
      pad: "x".repeat(1024 * 1024),
    });
    const res = await postJson(ctx.app, "/v1/estimates/api", big);
    expect(res.status).toBe(413);
    await problem(res);
  });

  it("JSON that is not an object, or null → 422", async () => {
    for (const body of ["[]", "null", "42", '"text"']) {
      const res = await postJson(ctx.app, "/v1/estimates/api", body);
      expect(res.status).toBe(422);
      await problem(res);
    }
  });

  it("prototype-pollution keys are harmless", async () => {
    const res = await postJson(
      ctx.app,
      "/v1/estimates/api",
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "workload": {"inputTokensPerMonth": 1, "outputTokensPerMonth": 1}, "offerings": [{"provider": "openai", "model": "gpt-4o"}], "at": "2024-11-01"}',
    );
    expect(res.status).toBe(200);
    expect(({} as any).polluted).toBeUndefined();
  });
});
