/**
 * Cloudflare Workers entry (wrangler.toml `main`): the same app as Node, on workerd, against Postgres
 * through Hyperdrive (or a plain `DATABASE_URL` var). No filesystem, no migrations, no seeding — those
 * run from Node before `wrangler deploy` (README, "Deploying to Cloudflare Workers").
 *
 * Per isolate (module scope, built on the first request): the parsed environment, the logger, the app
 * (routes compiled once) and one CatalogStore, so a warm isolate answers estimates from its price
 * snapshot and only re-checks the catalogue revision after SNAPSHOT_TTL_SECONDS.
 * Per request: the postgres.js client (Workers may not share I/O objects across requests), handed to
 * the app through Hono's `c.env` and closed after the response with `ctx.waitUntil`. Opening it is
 * cheap: it connects on its first query, which a warm snapshot often never makes.
 */
import type { ExecutionContext } from "hono";
import { type App, createApp } from "./app.js";
import { createDatabase, type DatabaseHandle } from "./db/client.js";
import { type Env, parseEnv } from "./env.js";
import { ApiError } from "./http/problem.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { CatalogStore, databaseCatalogSource } from "./services/catalog-store.js";
import { createServices, type Services } from "./services/services.js";

/** The Worker's bindings (wrangler.toml): Hyperdrive, and `[vars]`/secrets as strings. */
export interface WorkerBindings {
  /** Hyperdrive binding: an object whose `connectionString` reaches Postgres through Cloudflare's pool. */
  HYPERDRIVE?: { connectionString: string };
  /** Plain Postgres URL, used only when there is no HYPERDRIVE binding. */
  DATABASE_URL?: string;
  [name: string]: unknown;
}

/** What the worker hands the app per request as Hono's `c.env`. */
interface RequestEnv {
  services: Services;
}

interface Isolate {
  env: Env;
  logger: Logger;
  catalog: CatalogStore;
  app: App;
}

let isolate: Isolate | undefined;

/** Where this request's database is: the Hyperdrive binding, else DATABASE_URL. */
function databaseUrl(bindings: WorkerBindings): string | undefined {
  return bindings.HYPERDRIVE?.connectionString || bindings.DATABASE_URL || undefined;
}

/** Parse the environment and build the app once per isolate (a bad value throws, and is retried). */
function isolateState(bindings: WorkerBindings): Isolate {
  if (isolate) return isolate;
  const env = parseEnv({ ...bindings, DATABASE_URL: databaseUrl(bindings) });
  if (!env.DATABASE_URL) {
    throw new Error("Invalid environment: bind HYPERDRIVE (wrangler.toml) or set a DATABASE_URL var");
  }
  const logger = createLogger(env.LOG_LEVEL);
  const catalog = new CatalogStore(env.SNAPSHOT_TTL_SECONDS * 1000, logger, databaseCatalogSource);
  // No docsAssets: /docs/scalar.js is a Workers static asset (public/, wrangler.toml [assets]), served
  // before the worker runs.
  const app = createApp((c) => (c.env as RequestEnv).services);
  isolate = { env, logger, catalog, app };
  return isolate;
}

/** A 500 problem for failures outside the app (configuration); details go to the log only. */
function startupProblem(request: Request, error: unknown): Response {
  console.error(
    JSON.stringify({
      time: new Date().toISOString(),
      level: "error",
      msg: "worker cannot serve",
      err: error instanceof Error ? error.message : String(error),
    }),
  );
  const problem = new ApiError(
    500,
    "internal-error",
    "The service is not configured correctly; its operators have the details in the logs.",
  ).toProblem(new URL(request.url).pathname);
  return new Response(JSON.stringify(problem), {
    status: 500,
    headers: { "content-type": "application/problem+json" },
  });
}

export default {
  async fetch(request: Request, bindings: WorkerBindings, ctx: ExecutionContext): Promise<Response> {
    let state: Isolate;
    let database: DatabaseHandle;
    try {
      state = isolateState(bindings);
      // Read per request: the binding's string is not promised to stay the same for an isolate's life.
      const url = databaseUrl(bindings) ?? (state.env.DATABASE_URL as string);
      database = await createDatabase({ kind: "postgres", url, max: 1, workers: true });
    } catch (error) {
      return startupProblem(request, error);
    }
    try {
      const services = createServices(state.env, database, state.logger, state.catalog);
      return await state.app.fetch(request, { services } satisfies RequestEnv, ctx);
    } finally {
      ctx.waitUntil(database.close());
    }
  },
};
