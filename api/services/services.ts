/**
 * The services a request handler can use, built once per process (Node) or per request (Workers).
 */
import type { DatabaseHandle } from "../db/client.js";
import type { Env } from "../env.js";
import type { Logger } from "../lib/logger.js";
import { CatalogStore } from "./catalog-store.js";

export interface Services {
  env: Env;
  database: DatabaseHandle;
  catalog: CatalogStore;
  logger: Logger;
  /** Today's date (UTC, YYYY-MM-DD): the default `at` of every price lookup. */
  today(): string;
}

export function createServices(env: Env, database: DatabaseHandle, logger: Logger): Services {
  return {
    env,
    database,
    catalog: new CatalogStore(database.db, env.SNAPSHOT_TTL_SECONDS * 1000, logger),
    logger,
    today: () => new Date().toISOString().slice(0, 10),
  };
}
