/**
 * The real app (same middleware, same services, same log sink as api/server.ts) plus three bench-only
 * routes that do less and less of what POST /v1/estimates/api does, to find the framework's floor for
 * that route's shape on this machine:
 *
 * - `POST /v1/floor/tiny`: reads the JSON body, answers `{"status":"ok"}`;
 * - `POST /v1/floor/raw`: reads the JSON body, answers the estimate response precomputed at start-up
 *   (same 5.4 KB);
 * - `POST /v1/floor/validated`: the estimate route's OpenAPI/zod request validation, then the same
 *   precomputed response — everything the estimate route does except pricing and presenting;
 * - `POST /v1/floor/comparison-validated`: the same for `POST /v1/comparisons` (its validation, its
 *   precomputed 14.6 KB response for BENCH_COMPARISON_BODY).
 *
 * Started by bench/floor.ts with BENCH_BODY = the estimate request body and BENCH_COMPARISON_BODY =
 * the comparison request body. Not part of the product.
 */
import { serve } from "@hono/node-server";
import { createRoute } from "@hono/zod-openapi";
import { createApp } from "../api/app.js";
import { nodeDocsAssets, startServices } from "../api/bootstrap.js";
import { parseEnv } from "../api/env.js";
import { bufferedStdout } from "../api/logging/log-sink.js";
import { createLogger } from "../api/logging/logger.js";
import { ComparisonRequestSchema } from "../api/schemas/comparisons.js";
import { ApiEstimateRequestSchema } from "../api/schemas/estimates.js";

const env = parseEnv(process.env);
const logger = createLogger(env.LOG_LEVEL, bufferedStdout().write);
const { services } = await startServices(env, logger);
const app = createApp(services, { docsAssets: nodeDocsAssets });

let precomputed: object = {};
let precomputedComparison: object = {};
app.post("/v1/floor/tiny", async (c) => {
  await c.req.json();
  return c.json({ status: "ok" }, 200);
});
app.post("/v1/floor/raw", async (c) => {
  await c.req.json();
  return c.json(precomputed, 200);
});
app.openapi(
  createRoute({
    method: "post",
    path: "/v1/floor/validated",
    request: {
      body: { required: true, content: { "application/json": { schema: ApiEstimateRequestSchema } } },
    },
    responses: { 200: { description: "the precomputed estimate response" } },
  }),
  (c) => {
    c.req.valid("json");
    return c.json(precomputed, 200);
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/v1/floor/comparison-validated",
    request: {
      body: { required: true, content: { "application/json": { schema: ComparisonRequestSchema } } },
    },
    responses: { 200: { description: "the precomputed comparison response" } },
  }),
  (c) => {
    c.req.valid("json");
    return c.json(precomputedComparison, 200);
  },
);

const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, async () => {
  const res = await app.request("/v1/estimates/api", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: process.env.BENCH_BODY ?? "{}",
  });
  precomputed = (await res.json()) as object;
  const comparison = await app.request("/v1/comparisons", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: process.env.BENCH_COMPARISON_BODY ?? "{}",
  });
  precomputedComparison = (await comparison.json()) as object;
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
