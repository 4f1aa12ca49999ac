import type { RouteHandler, z } from "@hono/zod-openapi";
import type { ScenarioRow } from "../../db/repository.js";
import { tenantOf } from "../../http/auth.js";
import { comparisonResponse } from "../../http/comparison-response.js";
import { negotiateFormat } from "../../http/negotiate.js";
import type { AppBindings } from "../../http/types.js";
import { isoTimestamp } from "../../presentation/present.js";
import { encodeCursor } from "../../schemas/common.js";
import type { ComparisonRequestSchema } from "../../schemas/comparisons.js";
import {
  deleteTenantScenario,
  getTenantScenario,
  listTenantScenarios,
  priceTenantScenario,
  saveScenario,
} from "../../services/scenarios.js";
import type * as routes from "./scenarios.routes.js";

/** The stored request is JSON as the caller sent it (validated on the way in), typed as the input schema. */
type StoredComparison = z.input<typeof ComparisonRequestSchema>;

const presentScenario = (row: ScenarioRow) => ({
  id: row.id,
  name: row.name,
  createdAt: isoTimestamp(row.createdAt),
  comparison: row.comparison as StoredComparison,
});

export const createScenario: RouteHandler<typeof routes.createScenario, AppBindings> = async (c) => {
  const body = c.req.valid("json");
  // Stored as sent (decimal strings stay strings), less the fields the schema ignored.
  const raw = (await c.req.json()) as { comparison: unknown };
  const row = await saveScenario(c.var.services, tenantOf(c), {
    name: body.name,
    comparison: body.comparison as never,
    rawComparison: raw.comparison,
  });
  c.header("Location", `/v1/scenarios/${row.id}`);
  return c.json(presentScenario(row) as never, 201);
};

export const listScenarios: RouteHandler<typeof routes.listScenarios, AppBindings> = async (c) => {
  const { limit, cursor } = c.req.valid("query");
  const page = await listTenantScenarios(c.var.services.database, tenantOf(c), { after: cursor, limit });
  return c.json(
    { data: page.rows.map(presentScenario), nextCursor: page.next ? encodeCursor(page.next) : null } as never,
    200,
  );
};

export const getScenario: RouteHandler<typeof routes.getScenario, AppBindings> = async (c) => {
  const row = await getTenantScenario(c.var.services.database, tenantOf(c), c.req.valid("param").id);
  return c.json(presentScenario(row) as never, 200);
};

export const deleteScenario: RouteHandler<typeof routes.deleteScenario, AppBindings> = async (c) => {
  await deleteTenantScenario(c.var.services.database, tenantOf(c), c.req.valid("param").id);
  return c.body(null, 204);
};

export const getScenarioResult: RouteHandler<typeof routes.getScenarioResult, AppBindings> = async (c) => {
  const format = negotiateFormat(c.req.header("accept"));
  const { at, result } = await priceTenantScenario(c.var.services, tenantOf(c), {
    id: c.req.valid("param").id,
    at: c.req.valid("query").at,
    chart: format === "svg",
  });
  return comparisonResponse(c, result, at, format) as never;
};
