/**
 * Node entry: `npm start`. Serves the API on HOST:PORT with the embedded database (no DATABASE_URL)
 * or Postgres; finishes in-flight requests and closes the database on SIGTERM/SIGINT.
 */
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { nodeDocsAssets, startServices } from "./bootstrap.js";
import { parseEnv } from "./env.js";
import { bufferedStdout } from "./logging/log-sink.js";
import { createLogger } from "./logging/logger.js";

const startedAt = performance.now();
const env = parseEnv(process.env);
// One write per event-loop turn rather than a synchronous write per log line (see log-sink.ts).
const logger = createLogger(env.LOG_LEVEL, bufferedStdout().write);
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
  // Stop accepting; in-flight requests finish; then the database pool is closed.
  server.close(async () => {
    const databaseClosed = await services.database.close().then(
      () => true,
      () => false,
    );
    logger.info("stopped", { signal, databaseClosed });
    process.exit(0);
  });
  // A keep-alive connection that goes idle after its last response would hold close() for the
  // keep-alive timeout (5 s): close each one as soon as it is idle.
  if ("closeIdleConnections" in server) setInterval(() => server.closeIdleConnections(), 100).unref();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
