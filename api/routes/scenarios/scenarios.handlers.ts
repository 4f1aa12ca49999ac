import type { RouteHandler, z } from "@hono/zod-openapi";
import { findScenario, insertScenario, listScenarios, type ScenarioRow } from "../../db/repository.js";
import { DomainError } from "../../domain/errors.js";
import { negotiateFormat } from "../../lib/negotiate.js";
import { isoTimestamp } from "../../lib/present.js";
import { ApiError, validationError } from "../../lib/problem.js";
import type { AppBindings } from "../../lib/types.js";
import { ComparisonRequestSchema } from "../../schemas/comparisons.js";
import { type ComparisonRequest, runComparison } from "../../services/comparisons.js";
import { respondWithComparison } from "../comparisons/comparisons.handlers.js";
import type {
  createScenario,
  getScenario,
  getScenarioResult,
  listScenariosRoute,
} from "./scenarios.routes.js";

/** The stored request is JSON as the caller sent it (validated on the way in), typed as the input schema. */
type StoredComparison = z.input<typeof ComparisonRequestSchema>;

const presentScenario = (row: ScenarioRow) => ({
  id: row.id,
  name: row.name,
  createdAt: isoTimestamp(row.createdAt),
  comparison: row.comparison as StoredComparison,
});

export const postScenario: RouteHandler<typeof createScenario, AppBindings> = async (c) => {
  const body = c.req.valid("json");
  // Store the request exactly as sent (decimal strings stay strings); validated above.
  const raw = (await c.req.json()) as { comparison: unknown };
  const snapshot = await c.var.services.snapshot();
  const at = body.comparison.at ?? c.var.services.today();
  try {
    runComparison(snapshot, body.comparison as ComparisonRequest, at);
  } catch (error) {
    // Point at the field inside this request's `comparison`.
    if (error instanceof DomainError)
      throw new DomainError(error.kind, `/comparison${error.pointer}`, error.detail);
    throw error;
  }
  const row = await insertScenario(c.var.services.database.db, {
    id: crypto.randomUUID(),
    name: body.name,
    comparison: raw.comparison,
  });
  c.header("Location", `/v1/scenarios/${row.id}`);
  return c.json(presentScenario(row) as never, 201);
};

export const getScenarios: RouteHandler<typeof listScenariosRoute, AppBindings> = async (c) => {
  const rows = await listScenarios(c.var.services.database.db);
  return c.json({ data: rows.map(presentScenario) } as never, 200);
};

async function loadScenario(c: Parameters<RouteHandler<typeof getScenario, AppBindings>>[0], id: string) {
  const row = await findScenario(c.var.services.database.db, id);
  if (!row)
    throw new ApiError(404, "not-found", `No scenario '${id}'.`, [
      { pointer: "/path/id", detail: "unknown scenario" },
    ]);
  return row;
}

export const getScenarioById: RouteHandler<typeof getScenario, AppBindings> = async (c) => {
  const row = await loadScenario(c as never, c.req.valid("param").id);
  return c.json(presentScenario(row) as never, 200);
};

export const getScenarioResultById: RouteHandler<typeof getScenarioResult, AppBindings> = async (c) => {
  const format = negotiateFormat(c.req.header("accept"));
  const row = await loadScenario(c as never, c.req.valid("param").id);
  const parsed = ComparisonRequestSchema.safeParse(row.comparison);
  if (!parsed.success) throw validationError(parsed.error, "/comparison");
  const at = c.req.valid("query").at ?? parsed.data.at ?? c.var.services.today();
  return respondWithComparison(c as never, parsed.data as ComparisonRequest, at, format) as never;
};
