/**
 * Every query the service makes, behind plain functions over the drizzle `Database`. Nothing outside
 * api/db builds SQL.
 */
import { and, asc, desc, eq, getTableColumns, isNull, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { CatalogRows, ModelRecord } from "../domain/pricing/price-catalog.js";
import type { PriceEntryRow } from "../domain/pricing/price-entry.js";
import type { Database } from "./client.js";
import { priceEntriesFromTableRows, priceEntryToTableRows } from "./price-rows.js";
import {
  accelerators,
  apiKeys,
  catalogRevision as catalogRevisionTable,
  modelAliases,
  models,
  priceSheets,
  priceSheetWithdrawals,
  priceSteps,
  prices,
  priceTiers,
  priceToolFees,
  providers,
  scenarios,
  servers,
  tcoDefaults,
  tenants,
  throughputBenchmarks,
} from "./schema.js";

/** Read the whole price catalogue (small: tens of sheets; 10k-row sheets are still one query each). */
export async function loadCatalogRows(db: Database): Promise<CatalogRows> {
  const [
    providerRows,
    modelRows,
    aliasRows,
    sheetRows,
    priceRows,
    tierRows,
    stepRows,
    toolFeeRows,
    withdrawals,
  ] = await Promise.all([
    db.select().from(providers).orderBy(asc(providers.id)),
    db.select().from(models).orderBy(asc(models.id)),
    db
      .select({
        providerId: modelAliases.providerId,
        alias: modelAliases.alias,
        modelId: modelAliases.modelId,
        effectiveFrom: modelAliases.effectiveFrom,
      })
      .from(modelAliases),
    db.select().from(priceSheets).orderBy(asc(priceSheets.providerId), asc(priceSheets.effectiveFrom)),
    db.select().from(prices),
    db.select().from(priceTiers),
    db.select().from(priceSteps),
    db.select().from(priceToolFees),
    db.select().from(priceSheetWithdrawals),
  ]);
  return {
    providers: providerRows,
    models: modelRows.map((m) => ({
      ...m,
      architecture: (m.architecture ?? null) as ModelRecord["architecture"],
    })),
    aliases: aliasRows,
    sheets: sheetRows,
    prices: priceEntriesFromTableRows({
      prices: priceRows,
      tiers: tierRows,
      steps: stepRows,
      toolFees: toolFeeRows,
    }),
    withdrawals,
  };
}

/** The self-hosting catalogue's stored entries (validated again by the caller). */
export async function loadHardwareRows(db: Database) {
  const [acceleratorRows, serverRows, benchmarkRows, defaultRows] = await Promise.all([
    db.select({ entry: accelerators.entry }).from(accelerators).orderBy(asc(accelerators.id)),
    db.select({ entry: servers.entry }).from(servers).orderBy(asc(servers.id)),
    db
      .select({ entry: throughputBenchmarks.entry })
      .from(throughputBenchmarks)
      .orderBy(asc(throughputBenchmarks.id)),
    db
      .select({ key: tcoDefaults.key, entry: tcoDefaults.entry })
      .from(tcoDefaults)
      .orderBy(asc(tcoDefaults.key)),
  ]);
  return {
    accelerators: acceleratorRows.map((r) => r.entry),
    servers: serverRows.map((r) => r.entry),
    benchmarks: benchmarkRows.map((r) => r.entry),
    defaults: Object.fromEntries(defaultRows.map((r) => [r.key, r.entry])) as Record<string, unknown>,
  };
}

/**
 * The catalogue's revision: bumped in the same transaction as every change to a catalogue table (by
 * the triggers of migrations/0003_catalog_revision.sql), so it changes exactly when the catalogue does.
 */
export async function catalogRevision(db: Database): Promise<number> {
  const [row] = await db.select({ revision: catalogRevisionTable.revision }).from(catalogRevisionTable);
  if (!row) throw new Error("catalog_revision has no row: the database is not migrated");
  return row.revision;
}

/** The whole catalogue as one consistent read, and the revision it is at. */
export interface CatalogAtRevision {
  revision: number;
  rows: CatalogRows;
  hardwareRows: Awaited<ReturnType<typeof loadHardwareRows>>;
}

/**
 * Read the catalogue and its revision in one read-only REPEATABLE READ transaction: every query sees
 * the same committed state, so an import that commits mid-read is either wholly in (with its revision)
 * or wholly out, never a sheet without its prices.
 */
export async function loadCatalogAtRevision(db: Database): Promise<CatalogAtRevision> {
  return db.transaction(
    async (tx) => {
      const [revision, rows, hardwareRows] = await Promise.all([
        catalogRevision(tx),
        loadCatalogRows(tx),
        loadHardwareRows(tx),
      ]);
      return { revision, rows, hardwareRows };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

export interface NewPriceSheet {
  id: string;
  providerId: string;
  effectiveFrom: string;
  currency: string;
  source: string;
  checkedOn: string;
  checked: boolean;
  note: string | null;
  contentHash: string;
  /** Entries with canonical model ids. */
  prices: PriceEntryRow[];
  /** Canonical ids of the models whose pricing the sheet ends. */
  withdrawn: string[];
}

export type ImportOutcome =
  | { outcome: "created"; id: string }
  | { outcome: "unchanged"; id: string }
  | { outcome: "conflict"; existingId: string };

/**
 * `insert into table (…) select … from json_to_recordset($1)`: any number of rows as one JSON
 * parameter, in one statement. A 10,000-row sheet is some 70,000 values; as a multi-row VALUES list
 * drizzle builds (and type-checks) a placeholder for each, which costs more than the database's own
 * work, and Postgres caps a statement at 65,535 parameters. `columns` maps each row key to its
 * drizzle column (for its SQL name and type).
 */
function insertRowsAsJson(
  db: Database,
  table: PgTable,
  columns: Record<string, PgColumn>,
  rows: readonly Record<string, unknown>[],
) {
  const keys = Object.keys(columns);
  const column = (key: string) => columns[key] as PgColumn;
  return db.execute(sql`
    insert into ${table} (${sql.join(
      keys.map((k) => sql.identifier(column(k).name)),
      sql`, `,
    )})
    select ${sql.join(
      keys.map((k) => sql`r.${sql.identifier(k)}`),
      sql`, `,
    )}
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(${sql.join(
      keys.map((k) => sql`${sql.identifier(k)} ${sql.raw(column(k).getSQLType())}`),
      sql`, `,
    )})`);
}

/** Every column of a table by its property name, for {@link insertRowsAsJson}. */
function columnsOf(table: PgTable): Record<string, PgColumn> {
  return getTableColumns(table) as Record<string, PgColumn>;
}

/** Insert rows of a table (none: no statement). */
async function insertTableRows(db: Database, table: PgTable, rows: readonly Record<string, unknown>[]) {
  if (rows.length > 0) await insertRowsAsJson(db, table, columnsOf(table), rows);
}

/**
 * Insert a sheet and all its prices in one transaction: all or nothing. The same content imported
 * again (or concurrently) yields the one existing version; different content for the same provider
 * and date is a conflict.
 */
export async function insertPriceSheet(db: Database, sheet: NewPriceSheet): Promise<ImportOutcome> {
  const existing = await findSheetByKey(db, sheet);
  if (existing) return existing;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(priceSheets).values({
        id: sheet.id,
        providerId: sheet.providerId,
        effectiveFrom: sheet.effectiveFrom,
        currency: sheet.currency,
        source: sheet.source,
        checkedOn: sheet.checkedOn,
        checked: sheet.checked,
        note: sheet.note,
        contentHash: sheet.contentHash,
      });
      const tables = sheet.prices.map((entry) => priceEntryToTableRows(sheet.id, entry));
      await insertTableRows(
        tx,
        prices,
        tables.map((t) => t.price),
      );
      await insertTableRows(
        tx,
        priceTiers,
        tables.flatMap((t) => t.tiers),
      );
      await insertTableRows(
        tx,
        priceSteps,
        tables.flatMap((t) => t.steps),
      );
      await insertTableRows(
        tx,
        priceToolFees,
        tables.flatMap((t) => t.toolFees),
      );
      await insertTableRows(
        tx,
        priceSheetWithdrawals,
        sheet.withdrawn.map((modelId) => ({ priceSheetId: sheet.id, modelId })),
      );
    });
    return { outcome: "created", id: sheet.id };
  } catch (error) {
    // A concurrent import of the same provider/date or content won the race: report what is stored.
    const raced = await findSheetByKey(db, sheet);
    if (raced) return raced;
    throw error;
  }
}

/**
 * The stored sheet with the same content (unchanged) or else the same provider and date (conflict).
 * One statement, so one snapshot: as two, a concurrent import of the very same sheet could commit
 * between them and be missed by content, then found by date, and reported as a conflict.
 */
async function findSheetByKey(db: Database, sheet: NewPriceSheet): Promise<ImportOutcome | undefined> {
  const rows = await db
    .select({ id: priceSheets.id, contentHash: priceSheets.contentHash })
    .from(priceSheets)
    .where(
      or(
        eq(priceSheets.contentHash, sheet.contentHash),
        and(eq(priceSheets.providerId, sheet.providerId), eq(priceSheets.effectiveFrom, sheet.effectiveFrom)),
      ),
    )
    .limit(2);
  const same = rows.find((r) => r.contentHash === sheet.contentHash);
  if (same) return { outcome: "unchanged", id: same.id };
  const byKey = rows[0];
  if (byKey) return { outcome: "conflict", existingId: byKey.id };
  return undefined;
}

/**
 * A place in a list ordered newest first: the `(created_at, id)` of the last row of the previous page,
 * the time as whole microseconds since 1970 (exact: Postgres keeps microseconds, a JS Date only ms).
 */
export interface PagePosition {
  createdAtMicros: string;
  id: string;
}

/** One page of a list: `rows` and the position after its last row, or null on the last page. */
export interface Page<T> {
  rows: T[];
  next: PagePosition | null;
}

/** The microseconds since 1970 of a `timestamptz` column, as a digit string. */
const micros = (column: PgColumn) => sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`;

/** `(created_at, id) < position`, newest first: rows after `position` on a descending list. */
const before = (createdAt: PgColumn, id: PgColumn, position: PagePosition) =>
  sql`(${createdAt}, ${id}) < (timestamptz 'epoch' + ${position.createdAtMicros}::bigint * interval '1 microsecond', ${position.id}::uuid)`;

/** Up to `limit` rows of `rows` (fetched with one extra), and where the next page starts. */
function toPage<T extends { id: string; createdAtMicros: string }>(rows: T[], limit: number): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    next: rows.length > limit && last ? { createdAtMicros: last.createdAtMicros, id: last.id } : null,
  };
}

export interface ApiKeyRow {
  id: string;
  tenantId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

const apiKeyColumns = {
  id: apiKeys.id,
  tenantId: apiKeys.tenantId,
  name: apiKeys.name,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
};

/** Issue a key (its digest only) for a tenant, creating the tenant on its first key; one transaction. */
export async function insertApiKey(
  db: Database,
  key: { id: string; tenantId: string; name: string; keyHash: string },
): Promise<ApiKeyRow> {
  return db.transaction(async (tx) => {
    await tx.insert(tenants).values({ id: key.tenantId }).onConflictDoNothing();
    const [row] = await tx.insert(apiKeys).values(key).returning(apiKeyColumns);
    if (!row) throw new Error("api key insert returned no row");
    return row;
  });
}

/** Keys (never their digests), newest first, optionally of one tenant. */
export async function listApiKeys(
  db: Database,
  query: { tenantId?: string; after?: PagePosition; limit: number },
): Promise<Page<ApiKeyRow>> {
  const rows = await db
    .select({ ...apiKeyColumns, createdAtMicros: micros(apiKeys.createdAt) })
    .from(apiKeys)
    .where(
      and(
        query.tenantId === undefined ? undefined : eq(apiKeys.tenantId, query.tenantId),
        query.after ? before(apiKeys.createdAt, apiKeys.id, query.after) : undefined,
      ),
    )
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}

/** Revoke a key (idempotent: a revoked key keeps its first revocation time); undefined if unknown. */
export async function revokeApiKey(db: Database, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, id))
    .returning(apiKeyColumns);
  return row;
}

/** The key that is not revoked and has this SHA-256 digest (hex), with its tenant. */
export async function findActiveApiKey(
  db: Database,
  keyHash: string,
): Promise<{ id: string; tenantId: string; keyHash: string } | undefined> {
  const [row] = await db
    .select({ id: apiKeys.id, tenantId: apiKeys.tenantId, keyHash: apiKeys.keyHash })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export interface ScenarioRow {
  id: string;
  name: string;
  comparison: unknown;
  createdAt: string;
}

const scenarioColumns = {
  id: scenarios.id,
  name: scenarios.name,
  comparison: scenarios.comparison,
  createdAt: scenarios.createdAt,
};

/** Save a scenario (a comparison request as sent) under a tenant. */
export async function insertScenario(
  db: Database,
  scenario: { id: string; tenantId: string; name: string; comparison: unknown },
): Promise<ScenarioRow> {
  const [row] = await db.insert(scenarios).values(scenario).returning(scenarioColumns);
  if (!row) throw new Error("scenario insert returned no row");
  return row;
}

/** One page of a tenant's saved scenarios, newest first. */
export async function listScenarios(
  db: Database,
  query: { tenantId: string; after?: PagePosition; limit: number },
): Promise<Page<ScenarioRow>> {
  const rows = await db
    .select({ ...scenarioColumns, createdAtMicros: micros(scenarios.createdAt) })
    .from(scenarios)
    .where(
      and(
        eq(scenarios.tenantId, query.tenantId),
        query.after ? before(scenarios.createdAt, scenarios.id, query.after) : undefined,
      ),
    )
    .orderBy(desc(scenarios.createdAt), desc(scenarios.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}

/** A tenant's scenario; undefined when there is none with that id *for this tenant*. */
export async function findScenario(
  db: Database,
  tenantId: string,
  id: string,
): Promise<ScenarioRow | undefined> {
  const [row] = await db
    .select(scenarioColumns)
    .from(scenarios)
    .where(and(eq(scenarios.tenantId, tenantId), eq(scenarios.id, id)))
    .limit(1);
  return row;
}

/** Delete a tenant's scenario; false when the tenant has none with that id. */
export async function deleteScenario(db: Database, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(scenarios)
    .where(and(eq(scenarios.tenantId, tenantId), eq(scenarios.id, id)))
    .returning({ id: scenarios.id });
  return rows.length > 0;
}
