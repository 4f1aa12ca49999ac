/**
 * Apply the drizzle-kit migrations in migrations/ to a database (Node only: reads the folder).
 */
import { MIGRATIONS_FOLDER } from "../paths.js";
import type { DatabaseHandle } from "./client.js";

/** Apply every pending migration; a no-op on an up-to-date database. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
