/**
 * Two real server processes (`dist/server.mjs`, what `npm start` runs) on one Postgres database, each
 * with its own catalogue snapshot and a 1-second SNAPSHOT_TTL_SECONDS: an import through one, and a
 * seed that corrects a model in place, are visible in the other within the TTL (plus the time a
 * re-check and reload take). Needs DATABASE_URL: two processes cannot share an embedded PGlite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeedData } from "../../api/bootstrap.js";
import { seedDatabase } from "../../api/db/seed.js";
import { createLogger } from "../../api/logging/logger.js";
import { type ServerProcess, startServer } from "../support/server-process.js";
import { createTestDatabase, TEST_ADMIN_TOKEN, type TestDatabase } from "../support/test-app.js";

const hasPostgres = Boolean(process.env.DATABASE_URL);
const TTL_MS = 1_000;
/** Beyond the TTL: one re-check and one reload, on a loaded CI machine. */
const SLACK_MS = 4_000;

let database: TestDatabase;
let importer: ServerProcess;
let reader: ServerProcess;

beforeAll(async () => {
  if (!hasPostgres) return;
  database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url as string,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SNAPSHOT_TTL_SECONDS: String(TTL_MS / 1000),
  };
  [importer, reader] = await Promise.all([startServer(env), startServer(env)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([importer?.stop(), reader?.stop()]);
  await database?.drop();
});

/** Milliseconds until `probe` holds on the reader, polling every 50 ms; fails after TTL + slack. */
async function msUntil(probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await probe())) {
    if (performance.now() - started > TTL_MS + SLACK_MS) throw new Error("not visible in time");
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - started;
}

describe.skipIf(!hasPostgres)("two server processes on one database", () => {
  it("an import through one is visible in the other within the TTL", async () => {
    const sheetUrl = `${reader.url}/v1/price-sheets/groq-2030-02-01`;
    expect((await fetch(sheetUrl)).status).toBe(404); // the reader's snapshot is warm and lacks it
    const imported = await fetch(`${importer.url}/v1/price-sheets`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({
        provider: "groq",
        effectiveFrom: "2030-02-01",
        currency: "USD",
        source: "https://groq.com/pricing (test)",
        checked: true,
        prices: [{ model: "llama-3-70b", inputPerMillion: "0.59", outputPerMillion: "0.79" }],
      }),
    });
    expect(imported.status).toBe(201);
    const ms = await msUntil(async () => (await fetch(sheetUrl)).status === 200);
    console.log(`import visible in the other process after ${Math.round(ms)} ms (TTL ${TTL_MS} ms)`);
  });

  it("a seed that corrects a model's context window is visible in both within the TTL", async () => {
    const contextWindow = async (server: ServerProcess) =>
      ((await (await fetch(`${server.url}/v1/models/llama-3-8b`)).json()) as { contextWindow: number })
        .contextWindow;
    const before = await contextWindow(reader);
    const data = structuredClone(await loadSeedData());
    const model = data.models.find((m) => m.id === "llama-3-8b");
    if (!model) throw new Error("llama-3-8b is not in pricing-data");
    model.contextWindow = before * 2;
    await seedDatabase(database.handle.db, data, createLogger("silent"));
    const ms = await msUntil(async () => (await contextWindow(reader)) === before * 2);
    await msUntil(async () => (await contextWindow(importer)) === before * 2);
    console.log(`seed correction visible in the other process after ${Math.round(ms)} ms (TTL ${TTL_MS} ms)`);
  });
});
