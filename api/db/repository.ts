/**
 * Every query the service makes, behind plain functions over the drizzle `Database`. Nothing outside
 * api/db builds SQL.
 */
import { and, asc, desc, eq, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { CatalogRows, ModelRecord } from "../domain/pricing/price-catalog.js";
import type { Database } from "./client.js";
import {
  accelerators,
  catalogRevision as catalogRevisionTable,
  modelAliases,
  models,
  priceSheets,
  prices,
  priceTiers,
  providers,
  scenarios,
  servers,
  tcoDefaults,
  throughputBenchmarks,
} from "./schema.js";

/** Read the whole price catalogue (small: tens of sheets; 10k-row sheets are still one query each). */
export async function loadCatalogRows(db: Database): Promise<CatalogRows> {
  const [providerRows, modelRows, aliasRows, sheetRows, priceRows, tierRows] = await Promise.all([
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
  ]);
  return {
    providers: providerRows,
    models: modelRows.map((m) => ({
      ...m,
      architecture: (m.architecture ?? null) as ModelRecord["architecture"],
    })),
    aliases: aliasRows,
    sheets: sheetRows,
    prices: priceRows,
    tiers: tierRows,
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
  prices: {
    modelId: string;
    inputPerMillion: string;
    outputPerMillion: string;
    cachedInputPerMillion: string | null;
    cacheWritePerMillion: string | null;
    batchDiscount: string | null;
    tiers: {
      aboveInputTokens: number;
      inputPerMillion: string;
      outputPerMillion: string;
      cachedInputPerMillion: string | null;
      cacheWritePerMillion: string | null;
    }[];
  }[];
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
      const priceValues = sheet.prices.map(({ tiers: _tiers, ...p }) => ({ priceSheetId: sheet.id, ...p }));
      await insertRowsAsJson(
        tx,
        prices,
        {
          priceSheetId: prices.priceSheetId,
          modelId: prices.modelId,
          inputPerMillion: prices.inputPerMillion,
          outputPerMillion: prices.outputPerMillion,
          cachedInputPerMillion: prices.cachedInputPerMillion,
          cacheWritePerMillion: prices.cacheWritePerMillion,
          batchDiscount: prices.batchDiscount,
        },
        priceValues,
      );
      const tierValues = sheet.prices.flatMap((p) =>
        p.tiers.map((t) => ({ priceSheetId: sheet.id, modelId: p.modelId, ...t })),
      );
      if (tierValues.length > 0) {
        await insertRowsAsJson(
          tx,
          priceTiers,
          {
            priceSheetId: priceTiers.priceSheetId,
            modelId: priceTiers.modelId,
            aboveInputTokens: priceTiers.aboveInputTokens,
            inputPerMillion: priceTiers.inputPerMillion,
            outputPerMillion: priceTiers.outputPerMillion,
            cachedInputPerMillion: priceTiers.cachedInputPerMillion,
            cacheWritePerMillion: priceTiers.cacheWritePerMillion,
          },
          tierValues,
        );
      }
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
