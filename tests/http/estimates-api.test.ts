import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const oneAndOne = { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 };

async function estimate(body: unknown) {
  const res = await postJson(ctx.app, "/v1/estimates/api", body);
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
}

describe("POST /v1/estimates/api — happy paths", () => {
  it("prices several offerings at a date with line items, sheet and assumptions", async () => {
    const { status, body } = await estimate({
      workload: oneAndOne,
      offerings: [
        { provider: "openai", model: "gpt-4o-2024-08-06" },
        { provider: "anthropic", model: "claude-3-5-sonnet-20240620" },
        { provider: "google", model: "gemini-1.5-pro" },
      ],
      at: "2024-11-01",
    });
    expect(status).toBe(200);
    expect(body.at).toBe("2024-11-01");
    expect(
      body.data.map((e: any) => [e.provider, e.monthlyCost, e.costPerMillionTokens, e.currency]),
    ).toEqual([
      ["openai", "12.5", "6.25", "USD"],
      ["anthropic", "18", "9", "USD"],
      ["google", "6.25", "3.125", "USD"],
    ]);
    expect(body.data[0]).toMatchObject({
      priceSheetId: "openai-2024-10-01",
      effectiveFrom: "2024-10-01",
      model: "gpt-4o-2024-08-06",
    });
    expect(body.data[0].lineItems[0]).toEqual({
      component: "input",
      description: "Uncached input tokens",
      unit: "1M tokens",
      quantity: "1",
      unitPrice: "2.5",
      cost: "2.5",
    });
    expect(body.data[0].assumptions.map((a: any) => a.field)).toContain("/workload/cachedInputShare");
  });

  it("accepts decimal strings and JSON numbers alike, and digit strings for huge token counts", async () => {
    const asStrings = await estimate({
      workload: { inputTokensPerMonth: "1000000", outputTokensPerMonth: "1000000", batchShare: "0.5" },
      offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
      at: "2024-11-01",
    });
    const asNumbers = await estimate({
      workload: { ...oneAndOne, batchShare: 0.5 },
      offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
      at: "2024-11-01",
    });
    expect(asStrings.body.data[0].monthlyCost).toBe("9.375");
    expect(asNumbers.body.data[0].monthlyCost).toBe("9.375");
    const huge = await estimate({
      workload: { inputTokensPerMonth: "123456789012345678", outputTokensPerMonth: 0 },
      offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
      at: "2024-11-01",
    });
    expect(huge.body.data[0].monthlyCost).toBe("308641972530.864195"); // 123456789012.345678 M × 2.5
  });

  it("resolves aliases at the date and reports the dated model", async () => {
    const { body } = await estimate({
      workload: oneAndOne,
      offerings: [{ provider: "openai", model: "gpt-4o" }],
      at: "2024-09-01",
    });
    expect(body.data[0]).toMatchObject({
      model: "gpt-4o-2024-05-13",
      requestedModel: "gpt-4o",
      monthlyCost: "20",
    });
  });

  it("applies the Gemini cliff tier from inputTokensPerRequest", async () => {
    const { body } = await estimate({
      workload: { ...oneAndOne, inputTokensPerRequest: 200000 },
      offerings: [{ provider: "google", model: "gemini-1.5-pro" }],
      at: "2024-11-01",
    });
    expect(body.data[0]).toMatchObject({ monthlyCost: "12.5", tierAboveInputTokens: 128000 });
  });

  it("defaults `at` to today", async () => {
    const { body } = await estimate({
      workload: oneAndOne,
      offerings: [{ provider: "groq", model: "llama3-8b-8192" }],
    });
    expect(body.at).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe("POST /v1/estimates/api — errors", () => {
  it("unknown provider or model → 404 problem pointing at the offering", async () => {
    const r = await estimate({
      workload: oneAndOne,
      offerings: [
        { provider: "openai", model: "gpt-4o-2024-08-06" },
        { provider: "openai", model: "gpt-9" },
      ],
    });
    expect(r.status).toBe(404);
    expect(r.type).toBe("application/problem+json");
    expect(r.body.errors).toEqual([
      { pointer: "/offerings/1/model", detail: expect.stringContaining("gpt-9") },
    ]);
    const p = await estimate({ workload: oneAndOne, offerings: [{ provider: "acme", model: "x" }] });
    expect(p.status).toBe(404);
    expect(p.body.errors[0].pointer).toBe("/offerings/0/provider");
  });

  it("no price in force at the date → 422 problem that says so, never $0", async () => {
    const r = await estimate({
      workload: oneAndOne,
      offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
      at: "2024-06-01",
    });
    expect(r.status).toBe(422);
    expect(r.body.type).toBe("/problems/no-price-in-force");
    expect(r.body.detail).toMatch(/openai-2024-05-13.*gpt-4o-2024-08-06/);
    const early = await estimate({
      workload: oneAndOne,
      offerings: [{ provider: "google", model: "gemini-1.5-pro" }],
      at: "2023-01-01",
    });
    expect(early.status).toBe(422);
    expect(early.body.detail).toMatch(/earliest starts 2024-05-30/);
  });

  it("invalid workload fields → 422 with a pointer per field", async () => {
    const r = await estimate({
      workload: {
        inputTokensPerMonth: 1.5,
        outputTokensPerMonth: 2 ** 60,
        cachedInputShare: "1.2",
        cacheWriteShare: "NaN",
        batchShare: "0x10",
        peakToAverage: "1,5",
      },
      offerings: [{ provider: "openai", model: "gpt-4o" }],
      at: "2024-13-01",
    });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: any) => e.pointer).sort()).toEqual(
      [
        "/at",
        "/workload/batchShare",
        "/workload/cacheWriteShare",
        "/workload/cachedInputShare",
        "/workload/inputTokensPerMonth",
        "/workload/outputTokensPerMonth",
        "/workload/peakToAverage",
      ].sort(),
    );
  });

  it("cache shares that exceed the input together → 422 at cacheWriteShare", async () => {
    const r = await estimate({
      workload: { ...oneAndOne, cachedInputShare: "0.9", cacheWriteShare: "0.2" },
      offerings: [{ provider: "anthropic", model: "claude-3-5-sonnet-20240620" }],
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].pointer).toBe("/workload/cacheWriteShare");
  });

  it("missing required fields, empty or oversized offering lists → 422", async () => {
    expect((await estimate({ offerings: [] })).status).toBe(422);
    const many = Array.from({ length: 51 }, () => ({ provider: "openai", model: "gpt-4o" }));
    const r = await estimate({ workload: oneAndOne, offerings: many });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].pointer).toBe("/offerings");
  });

  it("extreme exponents are refused before decimal.js sees them", async () => {
    const r = await estimate({
      workload: { ...oneAndOne, peakToAverage: "1e-1000000" },
      offerings: [{ provider: "openai", model: "gpt-4o" }],
    });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].pointer).toBe("/workload/peakToAverage");
  });
});
