/**
 * The one app factory: composes middleware, routes, docs and error handling. Shared by the Node entry
 * (api/server.ts), the Workers entry and the tests, which pass their own services.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { ApiError, notFoundHandler, onError, validationHook } from "./http/problem.js";
import type { AppBindings } from "./http/types.js";
import { acceleratorsRouter } from "./routes/accelerators/index.js";
import { apiKeysRouter } from "./routes/api-keys/index.js";
import { comparisonsRouter } from "./routes/comparisons/index.js";
import { type DocsAssets, registerDocs } from "./routes/docs/index.js";
import { estimatesRouter } from "./routes/estimates/index.js";
import { healthRouter } from "./routes/health/index.js";
import { homeRouter } from "./routes/home/index.js";
import { modelsRouter } from "./routes/models/index.js";
import { priceSheetsRouter } from "./routes/price-sheets/index.js";
import { pricesRouter } from "./routes/prices/index.js";
import { providersRouter } from "./routes/providers/index.js";
import { scenariosRouter } from "./routes/scenarios/index.js";
import type { Services } from "./services/services.js";

/** Largest request body accepted (bigger → 413 problem). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  docsAssets?: DocsAssets;
}

/**
 * The services every request sees (Node, tests), or a function giving each request its own (the
 * Workers entry: one app per isolate, a database client per request, read from Hono's `c.env`).
 */
export type ServicesSource = Services | ((c: Context<AppBindings>) => Services);

/** Compile route templates once, to answer 405 with `Allow` for known paths. */
function methodIndex(routes: { method: string; path: string }[]) {
  const compiled = routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({
      method: r.method,
      pattern: new RegExp(
        `^${r.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{[^}]+\\\}|:[^/]+/g, "[^/]+")}$`,
      ),
    }));
  return (path: string) => [...new Set(compiled.filter((r) => r.pattern.test(path)).map((r) => r.method))];
}

/**
 * Hono's bodyLimit, without its cost on Node: it reads `c.req.raw.body` on every request, which makes
 * @hono/node-server build a full web `Request` (AbortController, ReadableStream over the socket)
 * instead of its lightweight one, and then re-wraps the body. Here a declared Content-Length is
 * checked from the header alone, exactly as bodyLimit does; GET and HEAD requests have no body there
 * either; only a streamed (chunked) body goes through bodyLimit's counting reader.
 */
function bodyLimitByLength(maxSize: number): MiddlewareHandler<AppBindings> {
  const tooLarge = (): never => {
    throw new ApiError(413, "payload-too-large", `The request body exceeds ${maxSize} bytes (1 MiB).`);
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number.parseInt(length || "0", 10) > maxSize ? tooLarge() : next();
    }
    return streamed(c, next);
  };
}

export function createApp(source: ServicesSource, options: AppOptions = {}) {
  const app = new OpenAPIHono<AppBindings>({ strict: false, defaultHook: validationHook as never });

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    const services = typeof source === "function" ? source(c) : source;
    c.set("services", services);
    c.set("logger", services.logger);
    const started = performance.now();
    await next();
    services.logger.info("request", {
      // c.get, not c.var: Hono builds a new object of every variable on each `c.var` read.
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
  });
  app.use("/v1/*", bodyLimitByLength(MAX_BODY_BYTES));
  // JSON bodies only: anything else on a write is a 415 problem rather than a confusing 422.
  app.use("/v1/*", async (c, next) => {
    if (c.req.method === "POST" || c.req.method === "PUT" || c.req.method === "PATCH") {
      const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (type !== "application/json" && !/^application\/[\w.-]+\+json$/.test(type)) {
        throw new ApiError(415, "unsupported-media-type", "Send the request body as application/json.");
      }
    }
    await next();
  });

  app.route("/", homeRouter);
  app.route("/", healthRouter);
  app.route("/", providersRouter);
  app.route("/", modelsRouter);
  app.route("/", acceleratorsRouter);
  app.route("/", priceSheetsRouter);
  app.route("/", pricesRouter);
  app.route("/", estimatesRouter);
  app.route("/", comparisonsRouter);
  app.route("/", scenariosRouter);
  app.route("/", apiKeysRouter);

  registerDocs(app, options.docsAssets);

  app.onError(onError);
  app.notFound(notFoundHandler(methodIndex(app.routes)));
  return app;
}

export type App = ReturnType<typeof createApp>;
