/**
 * The services a request handler can use, built once per process (Node) or per request (Workers).
 */
import type { DatabaseHandle } from "../db/client.js";
import type { Env } from "../env.js";
import type { Logger } from "../logging/logger.js";
import { CatalogStore, databaseCatalogSource, type Snapshot } from "./catalog-store.js";

export interface Services {
  env: Env;
  database: DatabaseHandle;
  catalog: CatalogStore;
  /** The current catalogue snapshot (from memory; re-validated against the database after its TTL). */
  snapshot(): Promise<Snapshot>;
  /** Reload the snapshot now (after an import in this process). */
  reloadSnapshot(): Promise<Snapshot>;
  logger: Logger;
  /** Today's date (UTC, YYYY-MM-DD): the default `at` of every price lookup. */
  today(): string;
}

/**
 * Build the services. `catalog` may be shared across calls (a Workers isolate keeps one store while
 * its database client is per request); by default each call gets its own.
 */
export function createServices(
  env: Env,
  database: DatabaseHandle,
  logger: Logger,
  catalog: CatalogStore = new CatalogStore(env.SNAPSHOT_TTL_SECONDS * 1000, logger, databaseCatalogSource),
): Services {
  return {
    env,
    database,
    catalog,
    snapshot: () => catalog.current(database.db),
    reloadSnapshot: () => catalog.reload(database.db),
    logger,
    today: () => new Date().toISOString().slice(0, 10),
  };
}
