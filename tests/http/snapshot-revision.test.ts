/**
 * Every change to the catalogue is seen by every process within its snapshot TTL, and a snapshot is
 * one consistent read. Two apps with their own snapshot stores on one database stand for two
 * processes here (tests/http/snapshot-processes.test.ts starts real ones); their clocks are the
 * test's, so "the TTL has passed" needs no waiting. Real database (PGlite, or Postgres with
 * DATABASE_URL), real seed, real HTTP handlers.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { loadSeedData, nodeDocsAssets } from "../../api/bootstrap.js";
import { loadCatalogAtRevision } from "../../api/db/repository.js";
import { type SeedData, seedDatabase } from "../../api/db/seed.js";
import { parseEnv } from "../../api/env.js";
import { createLogger } from "../../api/logging/logger.js";
import { CatalogStore, databaseCatalogSource } from "../../api/services/catalog-store.js";
import { createServices } from "../../api/services/services.js";
import { createTestDatabase, postJson, TEST_ADMIN_TOKEN, type TestDatabase } from "../support/test-app.js";

const TTL_SECONDS = 30;
const logger = createLogger("silent");
let database: TestDatabase;
let now = Date.UTC(2026, 0, 1);

/** An app with its own snapshot store on the shared test database: one "process". */
function processOnDatabase() {
  const env = parseEnv({
    LOG_LEVEL: "silent",
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SNAPSHOT_TTL_SECONDS: String(TTL_SECONDS),
  });
  const catalog = new CatalogStore(TTL_SECONDS * 1000, logger, databaseCatalogSource, { now: () => now });
  return createApp(createServices(env, database.handle, logger, catalog), { docsAssets: nodeDocsAssets });
}

let writer: ReturnType<typeof createApp>;
let reader: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  writer = processOnDatabase();
  reader = processOnDatabase();
});
afterAll(async () => database?.drop());

const getJson = async (app: typeof reader, path: string) => {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return (await res.json()) as any;
};
const contextWindowOf = async (id: string) => (await getJson(reader, `/v1/models/${id}`)).contextWindow;
const gpt4oAt = async (at: string) =>
  (await getJson(reader, `/v1/prices?provider=openai&model=gpt-4o&at=${at}`)).data.map(
    (p: { model: string }) => p.model,
  );
const revision = async () => (await getJson(reader, "/readyz")).catalogVersion;

/** The seed data of pricing-data/, with `change` applied to a deep copy. */
async function seedWith(change: (data: SeedData) => void): Promise<void> {
  const data = structuredClone(await loadSeedData());
  change(data);
  await seedDatabase(database.handle.db, data, logger);
}

describe("a snapshot sees every change to the catalogue within its TTL", () => {
  it("a seed that corrects a model's context window", async () => {
    const before = await contextWindowOf("llama-3-70b");
    await seedWith((data) => {
      const model = data.models.find((m) => m.id === "llama-3-70b");
      if (!model) throw new Error("llama-3-70b is not in pricing-data");
      model.contextWindow = before + 1024;
    });
    expect(await contextWindowOf("llama-3-70b")).toBe(before); // the reader's TTL has not passed
    now += TTL_SECONDS * 1000;
    expect(await contextWindowOf("llama-3-70b")).toBe(before + 1024);
  });

  it("a seed that moves an alias in place (same provider, name and date; another model)", async () => {
    expect(await gpt4oAt("2024-11-01")).toEqual(["gpt-4o-2024-08-06"]);
    await seedWith((data) => {
      const from = data.models.find((m) => m.id === "gpt-4o-2024-08-06");
      const to = data.models.find((m) => m.id === "gpt-4o-2024-05-13");
      const index = from?.aliases.findIndex((a) => a.provider === "openai" && a.alias === "gpt-4o") ?? -1;
      if (!from || !to || index < 0) throw new Error("pricing-data's gpt-4o alias moved");
      to.aliases.push(...from.aliases.splice(index, 1));
    });
    now += TTL_SECONDS * 1000;
    expect(await gpt4oAt("2024-11-01")).toEqual(["gpt-4o-2024-05-13"]);
  });

  it("an import in another process", async () => {
    const imported = await postJson(
      writer,
      "/v1/price-sheets",
      {
        provider: "mistral",
        effectiveFrom: "2030-01-01",
        currency: "USD",
        source: "https://mistral.ai/pricing (test)",
        checked: true,
        prices: [{ model: "mixtral-8x7b", inputPerMillion: "0.5", outputPerMillion: "0.5" }],
      },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect(imported.status).toBe(201);
    expect((await reader.request("/v1/price-sheets/mistral-2030-01-01")).status).toBe(404);
    now += TTL_SECONDS * 1000;
    expect((await getJson(reader, "/v1/price-sheets/mistral-2030-01-01")).prices).toHaveLength(1);
  });

  it("a seed that changes nothing leaves the revision alone (no needless reloads)", async () => {
    await seedWith(() => {}); // back to pricing-data as it is (the tests above changed it)
    now += TTL_SECONDS * 1000;
    const before = await revision();
    await seedWith(() => {});
    now += TTL_SECONDS * 1000;
    expect(await revision()).toBe(before);
  });

  it("every catalogue table bumps the revision (a new table must be tracked by its migration)", async () => {
    const result = await database.handle.db.execute<{ table: string; triggers: number }>(sql`
      select c.relname as "table", count(t.oid)::int as triggers
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_trigger t on t.tgrelid = c.oid and t.tgname like c.relname || '_revision_%'
      where n.nspname = 'public' and c.relkind = 'r'
      group by c.relname order by c.relname`);
    const rows: { table: string; triggers: number }[] = Array.isArray(result)
      ? result
      : (result as unknown as { rows: { table: string; triggers: number }[] }).rows;
    const untracked = rows.filter((r) => r.triggers !== 4).map((r) => r.table);
    // Not catalogue: user data (scenarios, tenants and their API keys), and the revision itself.
    expect(untracked).toEqual(["api_keys", "catalog_revision", "scenarios", "tenants"]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("a snapshot is one consistent read", () => {
  it("an import that commits mid-load is wholly in or wholly out, never a sheet without its prices", async () => {
    const admin = postgres(database.url as string, { max: 2, onnotice: () => {} });
    const importer = await admin.reserve();
    try {
      // An import that holds `price_sheets` until the test lets it commit: a load's read of the sheets
      // waits for it, its other reads do not.
      await importer`begin`;
      await importer`lock table price_sheets in access exclusive mode`;
      await importer`insert into price_sheets (id, provider_id, effective_from, currency, source, checked_on, checked, content_hash)
        values ('openai-2031-01-01', 'openai', '2031-01-01', 'USD', 'https://openai.com/api/pricing (test)', '2031-01-01', true, 'mid-load-import')`;
      await importer`insert into prices (price_sheet_id, model_id, input_per_million, output_per_million)
        values ('openai-2031-01-01', 'gpt-4o-2024-08-06', '1', '4')`;
      const load = loadCatalogAtRevision(database.handle.db);
      const waiting = async () =>
        (
          await admin`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`
        )[0]?.n as number;
      for (let i = 0; i < 400 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(1);
      await new Promise((r) => setTimeout(r, 200)); // the load's other reads are done by now
      await importer`commit`;
      const { rows } = await load;
      const sheet = rows.sheets.find((s) => s.id === "openai-2031-01-01");
      const prices = rows.prices.filter((p) => p.priceSheetId === "openai-2031-01-01");
      expect({ sheet: sheet !== undefined, prices: prices.length }).toEqual(
        sheet ? { sheet: true, prices: 1 } : { sheet: false, prices: 0 },
      );
      // The next load has it, whole.
      const after = (await loadCatalogAtRevision(database.handle.db)).rows;
      expect(after.prices.filter((p) => p.priceSheetId === "openai-2031-01-01")).toHaveLength(1);
    } finally {
      importer.release();
      await admin.end();
    }
  });
});
