import type { RouteHandler } from "@hono/zod-openapi";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import type * as routes from "./health.routes.js";

export const getHealth: RouteHandler<typeof routes.getHealth, AppBindings> = (c) =>
  c.json({ status: "ok" as const }, 200);

export const getReadiness: RouteHandler<typeof routes.getReadiness, AppBindings> = async (c) => {
  const { database } = c.var.services;
  try {
    await database.ping();
    const snapshot = await c.var.services.snapshot();
    return c.json(
      { status: "ready" as const, database: database.kind, catalogVersion: snapshot.version },
      200,
    );
  } catch {
    throw new ApiError(503, "service-unavailable", "The database is not reachable.");
  }
};
