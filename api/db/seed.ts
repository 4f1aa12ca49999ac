/**
 * Seed the catalogue from pricing-data/: providers, models and aliases are upserted (rows that already
 * match are left untouched), price sheets are inserted as immutable versions (the same content is one
 * version). Running it twice changes nothing.
 */
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { modelEntry, PriceSheetFile, providerFile } from "../catalog/schema.js";
import { dec } from "../domain/decimal.js";
import { PriceCatalog } from "../domain/price-catalog.js";
import type { PriceSheetInput } from "../domain/price-sheet.js";
import type { Logger } from "../lib/logger.js";
import { storePriceSheet } from "../services/price-sheets.js";
import type { Database } from "./client.js";
import { loadCatalogRows } from "./repository.js";
import { modelAliases, models, providers } from "./schema.js";

export interface SeedData {
  providers: z.infer<typeof providerFile>["providers"];
  models: z.infer<typeof modelEntry>[];
  priceSheets: PriceSheetFile[];
}

export interface SeedReport {
  sheetsCreated: number;
  sheetsUnchanged: number;
  sheetConflicts: string[];
}

const decOrNull = (v: string | null | undefined) => (v == null ? null : dec(v));

/** A pricing-data sheet file as the domain's price-sheet input. */
export function sheetFileToInput(file: PriceSheetFile): PriceSheetInput {
  return {
    provider: file.provider,
    effectiveFrom: file.effectiveFrom,
    currency: file.currency,
    source: file.source,
    checked: file.checked,
    checkedOn: file.checkedOn,
    note: file.note ?? null,
    prices: file.prices.map((p) => ({
      model: p.model,
      inputPerMillion: dec(p.inputPerMillion),
      outputPerMillion: dec(p.outputPerMillion),
      cachedInputPerMillion: decOrNull(p.cachedInputPerMillion),
      cacheWritePerMillion: decOrNull(p.cacheWritePerMillion),
      batchDiscount: decOrNull(p.batchDiscount),
      tiers: p.tiers.map((t) => ({
        aboveInputTokens: t.aboveInputTokens,
        inputPerMillion: dec(t.inputPerMillion),
        outputPerMillion: dec(t.outputPerMillion),
        cachedInputPerMillion: decOrNull(t.cachedInputPerMillion),
        cacheWritePerMillion: decOrNull(t.cacheWritePerMillion),
      })),
    })),
  };
}

/** `(a, b, …) is distinct from (excluded.a, excluded.b, …)`: update only rows that really differ. */
function differs(table: string, columns: string[]) {
  const left = columns.map((c) => `"${table}"."${c}"`).join(", ");
  const right = columns.map((c) => `excluded."${c}"`).join(", ");
  return sql.raw(`(${left}) is distinct from (${right})`);
}

/** Seed (idempotently) and report what happened to the price sheets. */
export async function seedDatabase(db: Database, data: SeedData, logger: Logger): Promise<SeedReport> {
  await db.transaction(async (tx) => {
    await tx
      .insert(providers)
      .values(data.providers)
      .onConflictDoUpdate({
        target: providers.id,
        set: { name: sql`excluded.name`, url: sql`excluded.url` },
        setWhere: differs("providers", ["name", "url"]),
      });
    const modelColumns = [
      "name",
      "creator",
      "family",
      "open_weights",
      "license",
      "release_date",
      "context_window",
      "mmlu",
      "architecture",
      "source",
      "checked_on",
      "checked",
      "note",
    ];
    await tx
      .insert(models)
      .values(
        data.models.map((m) => ({
          id: m.id,
          name: m.name,
          creator: m.creator,
          family: m.family,
          openWeights: m.openWeights,
          license: m.license,
          releaseDate: m.releaseDate,
          contextWindow: m.contextWindow,
          mmlu: m.mmlu,
          architecture: m.architecture,
          source: m.source,
          checkedOn: m.checkedOn,
          checked: m.checked,
          note: m.note ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: models.id,
        set: Object.fromEntries(modelColumns.map((c) => [camel(c), sql.raw(`excluded."${c}"`)])),
        setWhere: differs("models", modelColumns),
      });
    const aliasRows = data.models.flatMap((m) =>
      m.aliases.map((a) => ({
        providerId: a.provider,
        alias: a.alias,
        modelId: m.id,
        effectiveFrom: a.from,
        source: a.source,
        checkedOn: a.checkedOn,
        checked: a.checked,
        note: a.note ?? null,
      })),
    );
    if (aliasRows.length > 0) {
      const aliasColumns = ["model_id", "source", "checked_on", "checked", "note"];
      await tx
        .insert(modelAliases)
        .values(aliasRows)
        .onConflictDoUpdate({
          target: [modelAliases.providerId, modelAliases.alias, modelAliases.effectiveFrom],
          set: Object.fromEntries(aliasColumns.map((c) => [camel(c), sql.raw(`excluded."${c}"`)])),
          setWhere: differs("model_aliases", aliasColumns),
        });
    }
  });

  const catalog = new PriceCatalog(await loadCatalogRows(db));
  const report: SeedReport = { sheetsCreated: 0, sheetsUnchanged: 0, sheetConflicts: [] };
  for (const file of data.priceSheets) {
    const outcome = await storePriceSheet(db, sheetFileToInput(file), catalog);
    if (outcome.outcome === "created") report.sheetsCreated++;
    else if (outcome.outcome === "unchanged") report.sheetsUnchanged++;
    else {
      // Sheets are immutable: a changed file for an existing date must become a new dated sheet.
      report.sheetConflicts.push(outcome.existingId);
      logger.warn("pricing-data sheet differs from the stored version; kept the stored one", {
        sheet: outcome.existingId,
      });
    }
  }
  return report;
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
