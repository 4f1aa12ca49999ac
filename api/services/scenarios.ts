/**
 * Saved scenarios, always within one tenant: save (after checking the comparison prices), list a
 * page, read, re-price at a date, delete. Another tenant's scenario is indistinguishable from one
 * that does not exist: every query is scoped by tenant, and both answer the same not-found error.
 */
import type { DatabaseHandle } from "../db/client.js";
import {
  deleteScenario,
  findScenario,
  insertScenario,
  listScenarios,
  type Page,
  type PagePosition,
  type ScenarioRow,
} from "../db/repository.js";
import { DomainError, withPointerPrefix } from "../domain/shared/errors.js";
import { ComparisonRequestSchema } from "../schemas/comparisons.js";
import type { TenantPrincipal } from "./api-keys.js";
import { type ComparisonRequest, type ComparisonResult, runComparison } from "./comparisons.js";
import type { Services } from "./services.js";

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

/** The not-found answer, for an id that does not exist and for another tenant's alike. */
const unknownScenario = (id: string) => new DomainError("not-found", "/path/id", `No scenario '${id}'.`);

export interface NewScenario {
  name: string;
  /** The comparison as parsed (to check that it prices). */
  comparison: ComparisonRequest & { at?: string };
  /** The comparison as sent (what is stored, less the fields the schema ignored). */
  rawComparison: unknown;
}

/** Save a comparison under the tenant, once it prices at its `at` (default today). */
export async function saveScenario(
  services: Services,
  tenant: TenantPrincipal,
  scenario: NewScenario,
): Promise<ScenarioRow> {
  const snapshot = await services.snapshot();
  const at = scenario.comparison.at ?? services.today();
  withPointerPrefix("/comparison", () => runComparison(snapshot, scenario.comparison, at));
  return insertScenario(services.database.db, {
    id: crypto.randomUUID(),
    tenantId: tenant.tenantId,
    name: scenario.name,
    comparison: keepParsedFields(scenario.rawComparison, scenario.comparison),
  });
}

/** One page of the tenant's scenarios, newest first. */
export function listTenantScenarios(
  database: DatabaseHandle,
  tenant: TenantPrincipal,
  page: { after?: PagePosition; limit: number },
): Promise<Page<ScenarioRow>> {
  return listScenarios(database.db, { tenantId: tenant.tenantId, ...page });
}

/** The tenant's scenario `id`; not found for an unknown id and for another tenant's alike. */
export async function getTenantScenario(
  database: DatabaseHandle,
  tenant: TenantPrincipal,
  id: string,
): Promise<ScenarioRow> {
  const row = await findScenario(database.db, tenant.tenantId, id);
  if (!row) throw unknownScenario(id);
  return row;
}

/**
 * Re-price the tenant's scenario at `at` (default: the date saved in its comparison, else today);
 * `chart` adds a default sweep when the comparison has none.
 */
export async function priceTenantScenario(
  services: Services,
  tenant: TenantPrincipal,
  request: { id: string; at?: string; chart: boolean },
): Promise<{ at: string; result: ComparisonResult }> {
  const row = await getTenantScenario(services.database, tenant, request.id);
  // Stored as sent and validated then; parsed again, as the schema may have tightened since.
  const parsed = ComparisonRequestSchema.safeParse(row.comparison);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const pointer = (issue?.path ?? []).map((p) => `/${String(p)}`).join("");
    throw new DomainError(
      "invalid",
      `/comparison${pointer}`,
      `The saved comparison no longer validates: ${issue?.message}`,
    );
  }
  const at = request.at ?? parsed.data.at ?? services.today();
  const snapshot = await services.snapshot();
  const result = withPointerPrefix("/comparison", () =>
    runComparison(snapshot, parsed.data as ComparisonRequest, at, request.chart),
  );
  return { at, result };
}

/** Delete the tenant's scenario `id`; not found for an unknown id and for another tenant's alike. */
export async function deleteTenantScenario(
  database: DatabaseHandle,
  tenant: TenantPrincipal,
  id: string,
): Promise<void> {
  if (!(await deleteScenario(database.db, tenant.tenantId, id))) throw unknownScenario(id);
}
