/**
 * The one database client factory: embedded PGlite (no DATABASE_URL — zero-setup runs and tests) or a
 * real Postgres server through postgres.js (Node with DATABASE_URL, and Workers through Hyperdrive).
 * Everything above this module sees the same drizzle `Database` type.
 */

import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema.js";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseOptions =
  /** Embedded Postgres (PGlite). `dataDir` persists to disk; omit it for an in-memory database. */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob }
  /** A Postgres server. `max` connections (Workers: 1 per request; Node: a small pool). */
  | {
      kind: "postgres";
      url: string;
      max?: number;
      connectTimeoutSeconds?: number;
      statementTimeoutMs?: number;
      /**
       * A Cloudflare Worker's per-request client (through Hyperdrive): no array-type lookup on connect
       * and no startup parameters (see below). Pair with `max: 1`.
       */
      workers?: boolean;
    };

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Cheap reachability check used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a dump of the data directory (tests clone a seeded database from it). */
  dumpDataDir?(): Promise<Blob>;
}

/**
 * Open a database. PGlite is imported lazily, and the Workers build aliases it away (wrangler.toml
 * `[alias]` → ./no-pglite.ts), so the worker bundle never carries it.
 */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    // `loadDataDir` starts from a dump (tests clone one migrated, seeded database instead of re-running initdb).
    const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
    await client.waitReady;
    const db = drizzle(client, { schema }) as unknown as Database;
    return {
      db,
      kind: "pglite",
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => client.close(),
      dumpDataDir: async () => (await client.dumpDataDir("none")) as Blob,
    };
  }
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(options.url, {
    max: options.max ?? 10,
    // Fail fast when the server is away instead of hanging requests (reliability: no hang > seconds).
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    idle_timeout: 30,
    onnotice: () => {},
    ...(options.workers
      ? {
          // A Worker opens one connection per request: skip postgres.js's array-type query on connect
          // (the schema has no array columns), and send no startup parameters, which Hyperdrive's
          // pooled connections do not promise to honour; the Workers runtime bounds a request instead.
          fetch_types: false,
        }
      : {
          connection: {
            statement_timeout: options.statementTimeoutMs ?? 10_000,
            application_name: "llm-tco",
          },
        }),
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
  };
}
