import type { RouteHandler, z } from "@hono/zod-openapi";
import { findScenario, insertScenario, listScenarios, type ScenarioRow } from "../../db/repository.js";
import { DomainError } from "../../domain/shared/errors.js";
import { negotiateFormat } from "../../http/negotiate.js";
import { ApiError, validationError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { isoTimestamp } from "../../presentation/present.js";
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

/**
 * `raw` (the JSON as sent) without what the schema did not take from it: keys absent from the parsed
 * value are dropped, at every level, and everything else is kept as sent (decimal strings stay
 * strings). Unknown fields are ignored, as everywhere but imports, and never stored.
 */
function keepParsedFields(raw: unknown, parsed: unknown): unknown {
  if (Array.isArray(raw) && Array.isArray(parsed))
    return raw.map((item, i) => keepParsedFields(item, parsed[i]));
  const isPlain = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
  if (isPlain(raw) && isPlain(parsed)) {
    return Object.fromEntries(
      Object.keys(raw)
        .filter((key) => Object.hasOwn(parsed, key))
        .map((key) => [key, keepParsedFields(raw[key], parsed[key])]),
    );
  }
  return raw;
}

export const postScenario: RouteHandler<typeof createScenario, AppBindings> = async (c) => {
  const body = c.req.valid("json");
  // Store the request as sent (decimal strings stay strings), less the fields it ignored; validated above.
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
  // Fail in seconds (503) when the database is unreachable, rather than wait on a dead connection.
  await c.var.services.database.ping();
  const row = await insertScenario(c.var.services.database.db, {
    id: crypto.randomUUID(),
    name: body.name,
    comparison: keepParsedFields(raw.comparison, body.comparison),
  });
  c.header("Location", `/v1/scenarios/${row.id}`);
  return c.json(presentScenario(row) as never, 201);
};

export const getScenarios: RouteHandler<typeof listScenariosRoute, AppBindings> = async (c) => {
  await c.var.services.database.ping();
  const rows = await listScenarios(c.var.services.database.db);
  return c.json({ data: rows.map(presentScenario) } as never, 200);
};

async function loadScenario(c: Parameters<RouteHandler<typeof getScenario, AppBindings>>[0], id: string) {
  await c.var.services.database.ping();
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
