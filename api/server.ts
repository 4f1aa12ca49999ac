/**
 * Node entry: `npm start`. Serves the API on HOST:PORT with the embedded database (no DATABASE_URL)
 * or Postgres; finishes in-flight requests and closes the database on SIGTERM/SIGINT.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { nodeDocsAssets, startServices } from "./bootstrap.js";
import { parseEnv } from "./env.js";
import { createLogger } from "./lib/logger.js";

const startedAt = performance.now();
const env = parseEnv(process.env);
const logger = createLogger(env.LOG_LEVEL);
const { services, seed } = await startServices(env, logger);
const app = createApp(services, { docsAssets: nodeDocsAssets });

const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  logger.info("listening", {
    url: `http://${info.address.includes(":") ? `[${info.address}]` : info.address}:${info.port}`,
    database: services.database.kind,
    sheetsCreated: seed.sheetsCreated,
    sheetsUnchanged: seed.sheetsUnchanged,
    startupMs: Math.round(performance.now() - startedAt),
  });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    await services.database.close().catch(() => {});
    process.exit(0);
  });
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
