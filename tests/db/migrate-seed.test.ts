import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { prepareDatabase } from "../../api/bootstrap.js";
import { createDatabase, type DatabaseHandle } from "../../api/db/client.js";
import { createLogger } from "../../api/logging/logger.js";
import { MIGRATIONS_FOLDER } from "../../api/paths.js";
import { adminSql, databaseUrlWithName } from "../support/postgres-admin.js";

const TABLES = [
  "providers",
  "models",
  "model_aliases",
  "price_sheets",
  "prices",
  "price_tiers",
  "accelerators",
  "servers",
  "throughput_benchmarks",
  "tco_defaults",
];

async function tableContents(handle: DatabaseHandle): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const result = await handle.db.execute(sql.raw(`select * from "${table}" order by 1, 2`));
    out[table] = Array.isArray(result) ? [...result] : (result as unknown as { rows: unknown[] }).rows;
  }
  return out;
}

/** A brand-new, empty database: a fresh Postgres database in CI, an in-memory PGlite otherwise. */
async function freshDatabase(): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const handle = await createDatabase({ kind: "pglite" });
    return { handle, drop: () => handle.close() };
  }
  const name = `llm_tco_fresh_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = adminSql(baseUrl);
  await admin.unsafe(`create database "${name}"`);
  const handle = await createDatabase({ kind: "postgres", url: databaseUrlWithName(baseUrl, name), max: 2 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

describe("migrations and seed", () => {
  it("fresh database → migrate → seed → seed again changes nothing", async () => {
    const { handle, drop } = await freshDatabase();
    try {
      const logger = createLogger("silent");
      const first = await prepareDatabase(handle, logger);
      expect(first.sheetsCreated).toBeGreaterThanOrEqual(17);
      expect(first.sheetConflicts).toEqual([]);
      const afterFirst = await tableContents(handle);
      expect(afterFirst.price_sheets?.length).toBe(first.sheetsCreated);

      const second = await prepareDatabase(handle, logger);
      expect(second).toEqual({ sheetsCreated: 0, sheetsUnchanged: first.sheetsCreated, sheetConflicts: [] });
      expect(await tableContents(handle)).toEqual(afterFirst);
    } finally {
      await drop();
    }
  }, 120_000);

  it("money columns are numeric, never float", async () => {
    const { handle, drop } = await freshDatabase();
    try {
      await prepareDatabase(handle, createLogger("silent"));
      const result = await handle.db.execute(
        sql.raw(`select table_name, column_name, data_type from information_schema.columns
                 where table_schema = 'public' and (column_name like '%per_million' or column_name in ('batch_discount', 'mmlu'))`),
      );
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: any[] }).rows) as {
        data_type: string;
      }[];
      expect(rows.length).toBeGreaterThanOrEqual(10);
      expect(new Set(rows.map((r) => r.data_type))).toEqual(new Set(["numeric"]));
    } finally {
      await drop();
    }
  }, 120_000);
});

/**
 * A copy of migrations/ whose journal stops after `tag`: what a database migrated by an older release
 * has applied.
 */
async function migrationsUpTo(tag: string): Promise<{ folder: string; remove(): Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), "llm-tco-migrations-"));
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  expect(end).toBeGreaterThanOrEqual(0);
  journal.entries = journal.entries.slice(0, end + 1);
  await writeFile(journalFile, JSON.stringify(journal));
  return { folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

describe("migration 0004: tenants and API keys", () => {
  it("scenarios saved before tenants existed move to the tenant 'default', unchanged otherwise", async () => {
    const database = await freshDatabase();
    const before = await migrationsUpTo("0002_scenarios");
    try {
      const { migrate } =
        database.handle.kind === "pglite"
          ? await import("drizzle-orm/pglite/migrator")
          : await import("drizzle-orm/postgres-js/migrator");
      await migrate(database.handle.db as never, { migrationsFolder: before.folder });
      const id = randomUUID();
      await database.handle.db.execute(
        sql`insert into scenarios (id, name, comparison) values (${id}, 'saved in 2024', '{"at":"2024-11-01"}')`,
      );
      await migrate(database.handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      const [row] = rowsOf(
        await database.handle.db.execute(
          sql`select tenant_id, name, comparison from scenarios where id = ${id}`,
        ),
      );
      expect(row).toEqual({ tenant_id: "default", name: "saved in 2024", comparison: { at: "2024-11-01" } });
      expect(rowsOf(await database.handle.db.execute(sql`select id from tenants`))).toEqual([
        { id: "default" },
      ]);
      // New rows must name their tenant: the column's default was only for the move.
      await expect(
        database.handle.db.execute(
          sql`insert into scenarios (id, name, comparison) values (${randomUUID()}, 'no tenant', '{}')`,
        ),
      ).rejects.toThrow();
    } finally {
      await before.remove();
      await database.drop();
    }
  });
});
