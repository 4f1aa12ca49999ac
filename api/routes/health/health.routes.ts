import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";

export const getHealth = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  tags: ["Health"],
  summary: "Liveness",
  description: "Answers while the process is up; does not touch the database.",
  responses: {
    200: jsonContent(
      z.object({ status: z.literal("ok") }).openapi("Health", { example: { status: "ok" } }),
      "Alive",
    ),
  },
});

export const getReadiness = createRoute({
  method: "get",
  path: "/readyz",
  operationId: "getReadiness",
  tags: ["Health"],
  summary: "Readiness",
  description: "200 when the database answers and the catalogue snapshot is loaded; 503 problem otherwise.",
  responses: {
    200: jsonContent(
      z
        .object({
          status: z.literal("ready"),
          database: z.enum(["pglite", "postgres"]),
          catalogVersion: z.string(),
        })
        .openapi("Readiness"),
      "Ready",
    ),
    ...problemResponses(503),
  },
});
