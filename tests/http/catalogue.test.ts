import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function getJson(path: string) {
  const res = await ctx.app.request(path);
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
}

describe("health", () => {
  it("/healthz answers ok and /readyz reports the database", async () => {
    expect(await getJson("/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
    const ready = await getJson("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
    expect(["pglite", "postgres"]).toContain(ready.body.database);
  });
});

describe("GET /v1/providers", () => {
  it("lists the curated and imported providers with how fresh their prices are", async () => {
    const { status, body } = await getJson("/v1/providers");
    expect(status).toBe(200);
    const ids = body.data.map((p: any) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "anthropic",
        "aws-bedrock",
        "azure",
        "google",
        "groq",
        "mistral",
        "openai",
        "together",
      ]),
    );
    expect(ids.length).toBeGreaterThanOrEqual(40);
    const deepseek = body.data.find((p: any) => p.id === "deepseek");
    // Latest sheet: the import's (2026-09-23); last checked: the curated sheets read off DeepSeek's Nov 2026 page.
    expect(deepseek).toMatchObject({ latestEffectiveFrom: "2026-09-23", lastCheckedOn: "2026-11-15" });
    const google = body.data.find((p: any) => p.id === "google");
    expect(google.latestEffectiveFrom).toBe("2027-01-01");
    expect(google.sheetCount).toBeGreaterThanOrEqual(3);
  });
});

describe("GET /v1/models", () => {
  it("lists every model of the seed article with sources", async () => {
    for (const id of [
      "gpt-4o-2024-08-06",
      "claude-3-5-sonnet-20240620",
      "gemini-1.5-pro",
      "llama-3-70b",
      "mixtral-8x7b",
      "falcon-180b",
      "openchat-3.5",
    ]) {
      const { body } = await getJson(`/v1/models?q=${id}`);
      const model = body.data.find((m: any) => m.id === id);
      expect(model?.source, id).toBeTruthy();
      expect(model.origin).toBe("curated");
    }
  });

  it("filters by openWeights, minContextWindow and provider", async () => {
    const open = await getJson("/v1/models?openWeights=true");
    expect(open.body.data.length).toBeGreaterThan(5);
    expect(open.body.data.every((m: any) => m.openWeights && m.architecture)).toBe(true);
    const closed = await getJson("/v1/models?openWeights=false");
    expect(closed.body.data.every((m: any) => !m.openWeights)).toBe(true);
    const long = await getJson("/v1/models?minContextWindow=1000000&limit=1000");
    // Llama 4 Scout (10,485,760 positions) and Maverick (1,048,576) are long-context open weights;
    // the imported catalogue adds many more, so the curated ones are looked for among them.
    expect(long.body.data.map((m: any) => m.id)).toEqual(
      expect.arrayContaining(["gemini-1.5-pro", "llama-4-maverick", "llama-4-scout"]),
    );
    expect(long.body.data.every((m: any) => m.contextWindow >= 1_000_000)).toBe(true);
    const groq = await getJson("/v1/models?provider=groq&limit=1000");
    expect(groq.body.data.map((m: any) => m.id)).toEqual(
      expect.arrayContaining(["llama-3-70b", "llama-3-8b", "mixtral-8x7b"]),
    );
  });

  it("refuses bad filters with pointers and unknown providers with 404", async () => {
    const bad = await getJson("/v1/models?openWeights=yes&minContextWindow=-5");
    expect(bad.status).toBe(422);
    expect(bad.type).toBe("application/problem+json");
    expect(bad.body.errors.map((e: any) => e.pointer).sort()).toEqual([
      "/query/minContextWindow",
      "/query/openWeights",
    ]);
    const unknown = await getJson("/v1/models?provider=acme");
    expect(unknown.status).toBe(404);
  });

  it("GET /v1/models/{id} shows aliases and today's offerings; unknown id is a 404 problem", async () => {
    const { status, body } = await getJson("/v1/models/llama-3-70b");
    expect(status).toBe(200);
    expect(body.architecture).toMatchObject({ layers: 80, kvHeads: 8, headDim: 128 });
    expect(body.offerings.map((o: any) => o.provider)).toEqual(
      expect.arrayContaining(["aws-bedrock", "groq", "together"]),
    );
    expect(body.aliases.some((a: any) => a.provider === "groq" && a.alias === "llama3-70b-8192")).toBe(true);
    const missing = await getJson("/v1/models/gpt-7");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: "/problems/not-found", status: 404 });
  });
});

describe("price sheets and prices", () => {
  it("lists sheet versions per provider, oldest first, and returns one with all its prices", async () => {
    const list = await getJson("/v1/price-sheets?provider=google");
    expect(list.body.data.map((s: any) => s.id).slice(0, 2)).toEqual([
      "google-2024-05-30",
      "google-2024-10-01",
    ]);
    expect(list.body.data[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    const sheet = await getJson("/v1/price-sheets/google-2024-10-01");
    expect(sheet.status).toBe(200);
    expect(sheet.body.prices[0]).toMatchObject({
      model: "gemini-1.5-pro",
      inputPerMillion: "1.25",
      outputPerMillion: "5",
      tiers: [{ aboveInputTokens: 128000, inputPerMillion: "2.5", outputPerMillion: "10" }],
    });
    expect((await getJson("/v1/price-sheets/google-1999-01-01")).status).toBe(404);
    expect((await getJson("/v1/price-sheets?provider=acme")).status).toBe(404);
  });

  it("GET /v1/prices returns the prices in force at a date, with aliases resolved at that date", async () => {
    const before = await getJson("/v1/prices?provider=openai&model=gpt-4o&at=2024-09-01");
    expect(before.body.data).toHaveLength(1);
    expect(before.body.data[0]).toMatchObject({
      model: "gpt-4o-2024-05-13",
      priceSheetId: "openai-2024-08-06",
      inputPerMillion: "5",
    });
    const after = await getJson("/v1/prices?provider=openai&model=gpt-4o&at=2024-11-01");
    expect(after.body.data[0]).toMatchObject({
      model: "gpt-4o-2024-08-06",
      priceSheetId: "openai-2024-10-01",
      cachedInputPerMillion: "1.25",
    });
    const all = await getJson("/v1/prices?at=2024-11-01&limit=1000");
    expect(new Set(all.body.data.map((p: any) => p.provider)).size).toBe(8);
    expect(all.body.nextCursor).toBeNull();
    const llama = await getJson("/v1/prices?model=llama-3-70b&at=2024-11-01");
    expect(llama.body.data.map((p: any) => p.provider).sort()).toEqual(["aws-bedrock", "groq", "together"]);
  });

  it("GET /v1/prices refuses impossible dates and unknown models", async () => {
    const bad = await getJson("/v1/prices?at=2024-02-30");
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe("/query/at");
    expect((await getJson("/v1/prices?model=gpt-7")).status).toBe(404);
  });
});
