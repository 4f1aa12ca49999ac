/**
 * Every query the service makes, behind plain functions over the drizzle `Database`. Nothing outside
 * api/db builds SQL.
 */
import { and, asc, desc, eq, getTableColumns, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { MatchLogic } from "../domain/pricing/model-match.js";
import type { CatalogRows, ModelRecord } from "../domain/pricing/price-catalog.js";
import type { PriceEntryRow } from "../domain/pricing/price-entry.js";
import type { Database } from "./client.js";
import { priceEntriesFromTableRows, priceEntryToTableRows } from "./price-rows.js";
import {
  accelerators,
  modelAliases,
  modelMatchRules,
  models,
  priceSheets,
  priceSheetWithdrawals,
  priceSteps,
  prices,
  priceTiers,
  priceToolFees,
  providers,
  scenarios,
  seedState,
  servers,
  tcoDefaults,
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
    ruleRows,
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
    db.select().from(modelMatchRules),
  ]);
  return {
    providers: providerRows,
    models: modelRows.map((m) => ({
      ...m,
      architecture: (m.architecture ?? null) as ModelRecord["architecture"],
    })),
    aliases: aliasRows,
    matchRules: ruleRows.map((r) => ({ ...r, match: r.match as MatchLogic })),
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
 * A cheap fingerprint of the catalogue: it changes whenever a sheet is imported or the catalogue is
 * re-seeded, so processes sharing a database know when to reload their snapshot.
 */
export async function catalogVersion(db: Database): Promise<string> {
  const rows = await db.execute<{ version: string }>(sql`
    select (select count(*) from ${priceSheets})::text || ':' ||
           coalesce((select max(${priceSheets.importedAt}) from ${priceSheets})::text, '-') || ':' ||
           (select count(*) from ${models})::text || ':' ||
           (select count(*) from ${modelAliases})::text || ':' ||
           coalesce((select max(${seedState.seededAt}) from ${seedState})::text, '-') || ':' ||
           (select md5(coalesce(string_agg(x, ',' order by x), '')) from (
              select entry::text as x from ${accelerators}
              union all select entry::text from ${throughputBenchmarks}
              union all select entry::text from ${tcoDefaults}) hardware) as version`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: { version: string }[] }).rows;
  return list[0]?.version ?? "";
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

export interface ScenarioRow {
  id: string;
  name: string;
  comparison: unknown;
  createdAt: string;
}

/** Save a scenario (a comparison request as sent). */
export async function insertScenario(
  db: Database,
  scenario: { id: string; name: string; comparison: unknown },
): Promise<ScenarioRow> {
  const [row] = await db.insert(scenarios).values(scenario).returning();
  if (!row) throw new Error("scenario insert returned no row");
  return row;
}

/** Saved scenarios, newest first. */
export async function listScenarios(db: Database): Promise<ScenarioRow[]> {
  return db.select().from(scenarios).orderBy(desc(scenarios.createdAt), asc(scenarios.id));
}

export async function findScenario(db: Database, id: string): Promise<ScenarioRow | undefined> {
  const [row] = await db.select().from(scenarios).where(eq(scenarios.id, id)).limit(1);
  return row;
}
