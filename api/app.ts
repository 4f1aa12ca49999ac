/**
 * The one app factory: composes middleware, routes, docs and error handling. Shared by the Node entry
 * (api/server.ts), the Workers entry and the tests, which pass their own services.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { ApiError, notFoundHandler, onError, validationHook } from "./lib/problem.js";
import type { AppBindings } from "./lib/types.js";
import { acceleratorsRouter } from "./routes/accelerators/index.js";
import { type DocsAssets, registerDocs } from "./routes/docs/index.js";
import { estimatesRouter } from "./routes/estimates/index.js";
import { healthRouter } from "./routes/health/index.js";
import { modelsRouter } from "./routes/models/index.js";
import { priceSheetsRouter } from "./routes/price-sheets/index.js";
import { pricesRouter } from "./routes/prices/index.js";
import { providersRouter } from "./routes/providers/index.js";
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
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
  });
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          "payload-too-large",
          `The request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB).`,
        );
      },
    }),
  );
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

  app.route("/", healthRouter);
  app.route("/", providersRouter);
  app.route("/", modelsRouter);
  app.route("/", acceleratorsRouter);
  app.route("/", priceSheetsRouter);
  app.route("/", pricesRouter);
  app.route("/", estimatesRouter);

  app.openAPIRegistry.registerComponent("securitySchemes", "adminBearer", {
    type: "http",
    scheme: "bearer",
    description: "The server's ADMIN_TOKEN; needed for price-sheet imports only.",
  });
  registerDocs(app, options.docsAssets);

  app.onError(onError);
  app.notFound(notFoundHandler(methodIndex(app.routes)));
  return app;
}

export type App = ReturnType<typeof createApp>;
