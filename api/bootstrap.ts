/**
 * Node start-up: open the database (PGlite under DATA_DIR, or DATABASE_URL), migrate, seed from
 * pricing-data/, and build the services with a warm catalogue snapshot.
 */

import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { loadPricingDataFiles } from "./catalog/load-files.js";
import { loadHardwareFiles } from "./catalog/load-hardware-files.js";
import { createDatabase, type DatabaseHandle, type DatabaseOptions } from "./db/client.js";
import { migrateDatabase } from "./db/migrate.js";
import { type SeedReport, seedDatabase } from "./db/seed.js";
import type { Env } from "./env.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { PRICING_DATA_DIR } from "./paths.js";
import type { DocsAssets } from "./routes/docs/index.js";
import { createServices, type Services } from "./services/services.js";

/** Database options from the environment: DATABASE_URL → Postgres, else PGlite on disk. */
export function databaseOptionsFromEnv(env: Env): DatabaseOptions {
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: env.DATA_DIR };
}

/** Open the database described by the options (creating the PGlite data directory if needed). */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "pglite" && options.dataDir) await mkdir(options.dataDir, { recursive: true });
  return createDatabase(options);
}

/** Migrate and seed; returns what seeding did to the price sheets. */
export async function prepareDatabase(handle: DatabaseHandle, logger: Logger): Promise<SeedReport> {
  await migrateDatabase(handle);
  return seedDatabase(handle.db, await loadSeedData(), logger);
}

/** Every pricing-data/ file, validated. */
export async function loadSeedData() {
  const [files, hardware] = await Promise.all([
    loadPricingDataFiles(PRICING_DATA_DIR),
    loadHardwareFiles(PRICING_DATA_DIR),
  ]);
  return { ...files, hardware };
}

/** Docs assets served from node_modules (no CDN). */
export const nodeDocsAssets: DocsAssets = {
  scalarScript: async () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@scalar/api-reference/browser/standalone.js");
    return readFile(file, "utf8");
  },
};

export interface StartedServices {
  services: Services;
  seed: SeedReport;
}

/** Everything the Node server needs, ready to serve. */
export async function startServices(
  env: Env,
  logger: Logger = createLogger(env.LOG_LEVEL),
): Promise<StartedServices> {
  const database = await openDatabase(databaseOptionsFromEnv(env));
  try {
    const seed = await prepareDatabase(database, logger);
    const services = createServices(env, database, logger);
    await services.snapshot();
    return { services, seed };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
