/**
 * A fresh app on its own database for one test file: a clone of the seeded template (Postgres) or a
 * PGlite loaded from the seeded dump. Real database, real app, no mocks.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { createApp } from "../../api/app.js";
import { nodeDocsAssets } from "../../api/bootstrap.js";
import { createDatabase, type DatabaseHandle } from "../../api/db/client.js";
import { type Env, parseEnv } from "../../api/env.js";
import { createLogger } from "../../api/logging/logger.js";
import { createServices, type Services } from "../../api/services/services.js";
import { adminSql, databaseUrlWithName } from "./postgres-admin.js";

export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Postgres URL of this test database (null on PGlite). */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A new database holding the migrated, seeded catalogue. `onQuery` sees the SQL of every query made
 * through it (to count database round trips).
 */
export async function createTestDatabase(
  options: { onQuery?: (sql: string) => void } = {},
): Promise<TestDatabase> {
  const template = inject("templateDatabase");
  const baseUrl = process.env.DATABASE_URL;
  if (template && baseUrl) {
    const name = `llm_tco_t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    const admin = adminSql(baseUrl);
    await admin.unsafe(`create database "${name}" template "${template}"`);
    const url = databaseUrlWithName(baseUrl, name);
    const handle = await createDatabase({ kind: "postgres", url, max: 5, ...options });
    return {
      handle,
      url,
      drop: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const dumpFile = inject("pgliteDumpFile");
  if (!dumpFile) throw new Error("global setup provided no test database");
  const handle = await createDatabase({
    kind: "pglite",
    loadDataDir: new Blob([await readFile(dumpFile)]),
    ...options,
  });
  return { handle, url: null, drop: () => handle.close() };
}

export interface TestContext {
  app: ReturnType<typeof createApp>;
  services: Services;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Receives every log line the app writes (at env LOG_LEVEL, default silent) instead of stdout. */
  logWrite?: (line: string) => void;
}

/** An app over a fresh test database. `env` overrides (e.g. ADMIN_TOKEN) are parsed like real ones. */
export async function createTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
  options: TestAppOptions = {},
): Promise<TestContext> {
  const db = database ?? (await createTestDatabase());
  const parsed: Env = parseEnv({ LOG_LEVEL: "silent", ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env });
  const services = createServices(parsed, db.handle, createLogger(parsed.LOG_LEVEL, options.logWrite));
  const app = createApp(services, { docsAssets: nodeDocsAssets });
  return { app, services, database: db, close: () => db.drop() };
}

/** POST a JSON body to the app. */
export async function postJson(
  app: TestContext["app"],
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
