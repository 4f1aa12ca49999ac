/**
 * The one database client factory: embedded PGlite (no DATABASE_URL — zero-setup runs and tests) or a
 * real Postgres server through postgres.js (Node with DATABASE_URL, and Workers through Hyperdrive).
 * Everything above this module sees the same drizzle `Database` type.
 */

import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema.js";
import { withDeadline } from "./unavailable.js";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Options of both kinds of database. */
interface CommonOptions {
  /** Called with the SQL of every query drizzle sends (tests count round trips with it). */
  onQuery?: (sql: string) => void;
}

export type DatabaseOptions = CommonOptions &
  /** Embedded Postgres (PGlite). `dataDir` persists to disk; omit it for an in-memory database. */
  (
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
      }
  );

/** drizzle's query logger, when a caller wants to see the queries. */
function queryLogger(options: CommonOptions) {
  const onQuery = options.onQuery;
  return onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {};
}

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Cheap reachability check (/readyz, and writes before they start): at most PING_TIMEOUT_MS. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: a dump of the data directory (tests clone a seeded database from it). */
  dumpDataDir?(): Promise<Blob>;
}

/**
 * Longest a readiness ping waits. postgres.js has no client-side query deadline: on a connection whose
 * packets vanish (a partition, a host gone without a reset) a query waits for the kernel's TCP
 * timeout, minutes, and `statement_timeout` never fires because the server never sees the query.
 */
export const PING_TIMEOUT_MS = 2_000;

/** `select 1`, failing with a DatabaseUnavailableError after PING_TIMEOUT_MS. */
async function pingWithin(db: Database): Promise<void> {
  await withDeadline(db.execute(sql`select 1`), PING_TIMEOUT_MS, "a ping");
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
    const db = drizzle(client, { schema, ...queryLogger(options) }) as unknown as Database;
    return {
      db,
      kind: "pglite",
      ping: () => pingWithin(db),
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
    // Seconds a connection waits before reconnecting after a failure. postgres.js grows it with every
    // failed attempt, up to 20 s, so after an outage a request could wait that long for a connection
    // whose delay ran up while the server was away; capped at 2 s, the process recovers in seconds.
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 2),
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
  const db = drizzle(client, { schema, ...queryLogger(options) }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    ping: () => pingWithin(db),
    close: () => client.end({ timeout: 5 }),
  };
}
