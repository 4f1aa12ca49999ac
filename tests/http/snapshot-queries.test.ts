/**
 * No database round trip per estimate in steady state (issue 7): estimates read the in-memory catalogue
 * snapshot; the database is asked only for the catalogue version once the snapshot's TTL has passed,
 * and the catalogue is reloaded only when that version changed or a sheet was imported here. Every
 * query drizzle sends is counted (the database's `onQuery` hook); no timing is asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { nodeDocsAssets } from "../../api/bootstrap.js";
import { parseEnv } from "../../api/env.js";
import { createLogger } from "../../api/logging/logger.js";
import { CatalogStore, databaseCatalogSource } from "../../api/services/catalog-store.js";
import { createServices } from "../../api/services/services.js";
import { createTestDatabase, postJson, TEST_ADMIN_TOKEN, type TestDatabase } from "../support/test-app.js";

const TTL_SECONDS = 3600;
let queries: string[] = [];
let now = Date.UTC(2025, 0, 1);
let database: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createTestDatabase({ onQuery: (sql) => queries.push(sql) });
  const env = parseEnv({
    LOG_LEVEL: "silent",
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SNAPSHOT_TTL_SECONDS: String(TTL_SECONDS),
  });
  const logger = createLogger("silent");
  // The store's clock is the test's, so "the TTL has passed" needs no waiting.
  const catalog = new CatalogStore(TTL_SECONDS * 1000, logger, databaseCatalogSource, { now: () => now });
  app = createApp(createServices(env, database.handle, logger, catalog), { docsAssets: nodeDocsAssets });
});
afterAll(async () => database?.drop());

const workload = {
  inputTokensPerMonth: 2_000_000_000,
  outputTokensPerMonth: 500_000_000,
  cachedInputShare: "0.25",
  cacheWriteShare: "0.05",
  batchShare: "0.2",
  inputTokensPerRequest: 1500,
};
const apiEstimate = (at = "2024-11-01") =>
  postJson(app, "/v1/estimates/api", {
    workload,
    offerings: [
      { provider: "openai", model: "gpt-4o" },
      { provider: "anthropic", model: "claude-3-5-sonnet-20241022" },
      { provider: "google", model: "gemini-1.5-pro" },
    ],
    at,
  });
const deployment = { model: "llama-3-70b", accelerator: "h100-sxm", acceleratorsPerReplica: 8 };
const selfHosted = () => postJson(app, "/v1/estimates/self-hosted", { workload, deployment });
const comparison = () =>
  postJson(app, "/v1/comparisons", {
    workload,
    options: [
      { kind: "api", provider: "openai", model: "gpt-4o" },
      { kind: "self-hosted", name: "llama-3-70b on 8×H100", deployment },
    ],
    at: "2024-11-01",
    sweep: { points: 50 },
  });
/** The comparisons route is being built alongside; include it once the app has it. */
const hasComparisons = () => app.routes.some((r) => r.path === "/v1/comparisons" && r.method === "POST");

async function expectOk(responses: Promise<Response>[]) {
  for (const res of await Promise.all(responses)) expect(res.status).toBe(200);
}

describe("estimates read the catalogue snapshot, not the database", () => {
  it("make no query at all once the snapshot is loaded", async () => {
    await expectOk([apiEstimate()]);
    expect(queries.length).toBeGreaterThan(0); // the first request loaded the snapshot
    queries = [];
    const burst: Promise<Response>[] = [];
    for (let i = 0; i < 40; i++) burst.push(apiEstimate());
    for (let i = 0; i < 10; i++) burst.push(selfHosted());
    if (hasComparisons()) for (let i = 0; i < 5; i++) burst.push(comparison());
    await expectOk(burst);
    expect(queries).toEqual([]);
  });

  it("after the TTL, ask for the catalogue version once and keep the snapshot when it is unchanged", async () => {
    now += TTL_SECONDS * 1000 + 1;
    queries = [];
    const burst: Promise<Response>[] = [];
    for (let i = 0; i < 20; i++) burst.push(apiEstimate());
    await expectOk(burst);
    expect(queries).toHaveLength(1); // concurrent requests share the one check
    await expectOk([apiEstimate(), selfHosted()]);
    expect(queries).toHaveLength(1);
  });

  it("reload once after an import in this process, then serve the new sheet without queries", async () => {
    queries = [];
    const imported = await postJson(
      app,
      "/v1/price-sheets",
      {
        provider: "openai",
        effectiveFrom: "2025-03-01",
        currency: "USD",
        source: "https://openai.com/api/pricing (test)",
        checked: true,
        prices: [{ model: "gpt-4o-2024-08-06", inputPerMillion: "2.00", outputPerMillion: "8.00" }],
      },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect(imported.status).toBe(201);
    expect(queries.length).toBeGreaterThan(0);
    queries = [];
    const res = await postJson(app, "/v1/estimates/api", {
      workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
      offerings: [{ provider: "openai", model: "gpt-4o" }],
      at: "2025-03-02",
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data[0]).toMatchObject({
      priceSheetId: "openai-2025-03-01",
      monthlyCost: "10",
    });
    const burst: Promise<Response>[] = [];
    for (let i = 0; i < 20; i++) burst.push(apiEstimate("2025-03-02"));
    await expectOk(burst);
    expect(queries).toEqual([]);
  });
});
