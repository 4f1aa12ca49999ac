/**
 * The framework's floor for a route: a bare Hono app on the project's own `@hono/node-server` (same
 * adapter, same versions), none of the project's middleware, services or logging, that answers the
 * same paths as the real server with the real route's response bytes, precomputed — captured from the
 * real server in the same bench run (bench/floor.ts) and handed over in the file named by
 * BENCH_FLOOR_RESPONSES: `{ "<METHOD> <path>": { "contentType": …, "body": … } }`.
 *
 * A POST reads and parses its JSON body, as the real route must, then answers the stored bytes with the
 * stored content type. The gap between this server and the real one on the same route is ours:
 * middleware, validation, pricing, presenting, serialisation, logging. Not part of the product.
 */
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

interface StoredResponse {
  contentType: string;
  body: string;
}

const file = process.env.BENCH_FLOOR_RESPONSES;
if (!file) throw new Error("BENCH_FLOOR_RESPONSES (a JSON file of captured responses) is required");
const responses = JSON.parse(readFileSync(file, "utf8")) as Record<string, StoredResponse>;

const app = new Hono();
for (const [route, stored] of Object.entries(responses)) {
  const [method, path] = route.split(" ") as [string, string];
  const headers = { "content-type": stored.contentType };
  if (method === "GET") app.get(path, (c) => c.body(stored.body, 200, headers));
  else
    app.post(path, async (c) => {
      await c.req.json();
      return c.body(stored.body, 200, headers);
    });
}

const server = serve({
  fetch: app.fetch,
  hostname: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT),
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
