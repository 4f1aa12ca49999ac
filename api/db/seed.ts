/**
 * Seed the catalogue from pricing-data/: providers, models and aliases are upserted (rows that already
 * match are left untouched), price sheets are inserted as immutable versions (the same content is one
 * version). Running it twice changes nothing.
 */
import { getTableName, sql, type Table } from "drizzle-orm";
import type { z } from "zod";
import type { HardwareFiles } from "../catalog/load-hardware-files.js";
import type { modelEntry, PriceSheetFile, providerFile } from "../catalog/schema.js";
import { PriceCatalog } from "../domain/pricing/price-catalog.js";
import { priceEntryFromRow } from "../domain/pricing/price-entry.js";
import type { PriceSheetInput } from "../domain/pricing/price-sheet.js";
import type { Logger } from "../logging/logger.js";
import { storePriceSheet } from "../services/price-sheets.js";
import type { Database } from "./client.js";
import { loadCatalogRows } from "./repository.js";
import {
  accelerators,
  modelAliases,
  models,
  providers,
  servers,
  tcoDefaults,
  throughputBenchmarks,
} from "./schema.js";

export interface SeedData {
  providers: z.infer<typeof providerFile>["providers"];
  models: z.infer<typeof modelEntry>[];
  priceSheets: PriceSheetFile[];
  hardware: HardwareFiles;
}

export interface SeedReport {
  sheetsCreated: number;
  sheetsUnchanged: number;
  sheetConflicts: string[];
}

/** A pricing-data sheet file as the domain's price-sheet input (a file's entries are stored rows). */
export function sheetFileToInput(file: PriceSheetFile): PriceSheetInput {
  return {
    provider: file.provider,
    effectiveFrom: file.effectiveFrom,
    currency: file.currency,
    source: file.source,
    checked: file.checked,
    checkedOn: file.checkedOn,
    note: file.note ?? null,
    prices: file.prices.map(priceEntryFromRow),
    withdrawn: file.withdrawn,
  };
}

/**
 * `ON CONFLICT DO UPDATE` parts that rewrite only rows whose values really differ, so seeding twice
 * changes nothing: `SET col = excluded.col, … WHERE (cols) IS DISTINCT FROM (excluded cols)`.
 */
function updateWhenChanged<T extends Table>(table: T, keys: (keyof T["_"]["columns"] & string)[]) {
  const columns = keys.map(
    (key) => (table as unknown as Record<string, { name: string }>)[key]?.name as string,
  );
  const current = columns.map((c) => `"${getTableName(table)}"."${c}"`).join(", ");
  const incoming = columns.map((c) => `excluded."${c}"`).join(", ");
  return {
    set: Object.fromEntries(keys.map((key, i) => [key, sql.raw(`excluded."${columns[i]}"`)])),
    setWhere: sql.raw(`(${current}) is distinct from (${incoming})`),
  };
}

/** Seed (idempotently) and report what happened to the price sheets. */
export async function seedDatabase(db: Database, data: SeedData, logger: Logger): Promise<SeedReport> {
  await db.transaction(async (tx) => {
    await tx
      .insert(providers)
      .values(data.providers)
      .onConflictDoUpdate({
        target: providers.id,
        ...updateWhenChanged(providers, ["name", "url"]),
      });
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
        ...updateWhenChanged(models, [
          "name",
          "creator",
          "family",
          "openWeights",
          "license",
          "releaseDate",
          "contextWindow",
          "mmlu",
          "architecture",
          "source",
          "checkedOn",
          "checked",
          "note",
        ]),
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
      await tx
        .insert(modelAliases)
        .values(aliasRows)
        .onConflictDoUpdate({
          target: [modelAliases.providerId, modelAliases.alias, modelAliases.effectiveFrom],
          ...updateWhenChanged(modelAliases, ["modelId", "source", "checkedOn", "checked", "note"]),
        });
    }
  });

  await seedHardware(db, data.hardware);

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

/** Keys of defaults.json that are single sourced values (everything but `about` and the history). */
const DEFAULT_KEYS = [
  "pricePerKwh",
  "pue",
  "lifetimeYears",
  "residualValueShare",
  "costOfCapital",
  "maintenanceShare",
  "facilitiesPerServerMonth",
  "acceleratorsPerServer",
  "operationsFte",
  "costPerFteMonth",
  "maxUtilization",
  "loadFactor",
  "memoryMargin",
  "serverPowerFactor",
  "maxConcurrentSequences",
  "inputTokensPerRequest",
] as const;

/** Upsert the self-hosting catalogue; rows whose values already match are left untouched. */
async function seedHardware(db: Database, hardware: HardwareFiles): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(accelerators)
      .values(
        hardware.accelerators.accelerators.map((a) => ({
          id: a.id,
          name: a.name,
          vendor: a.vendor,
          consumer: a.consumer,
          memoryGB: a.memoryGB,
          memoryBandwidthGBps: a.memoryBandwidthGBps,
          tdpWatts: a.tdpWatts,
          defaultPurchasePrice: a.purchasePrices[0]?.pricePerAccelerator ?? null,
          defaultRentPerHour: a.rentPrices[0]?.pricePerHour ?? null,
          entry: a,
        })),
      )
      .onConflictDoUpdate({
        target: accelerators.id,
        ...updateWhenChanged(accelerators, [
          "name",
          "vendor",
          "consumer",
          "memoryGB",
          "memoryBandwidthGBps",
          "tdpWatts",
          "defaultPurchasePrice",
          "defaultRentPerHour",
          "entry",
        ]),
      });
    await tx
      .insert(servers)
      .values(
        hardware.servers.servers.map((s) => ({
          id: s.id,
          acceleratorId: s.accelerator,
          acceleratorCount: s.acceleratorCount,
          maxPowerWatts: s.maxPowerWatts,
          entry: s,
        })),
      )
      .onConflictDoUpdate({
        target: servers.id,
        ...updateWhenChanged(servers, ["acceleratorId", "acceleratorCount", "maxPowerWatts", "entry"]),
      });
    await tx
      .insert(throughputBenchmarks)
      .values(
        hardware.benchmarks.benchmarks.map((b) => ({
          id: b.id,
          modelId: b.model,
          acceleratorId: b.accelerator,
          acceleratorCount: b.count,
          precision: b.precision,
          tokensPerSecond: b.tokensPerSecond,
          counts: b.counts,
          entry: b,
        })),
      )
      .onConflictDoUpdate({
        target: throughputBenchmarks.id,
        ...updateWhenChanged(throughputBenchmarks, [
          "modelId",
          "acceleratorId",
          "acceleratorCount",
          "precision",
          "tokensPerSecond",
          "counts",
          "entry",
        ]),
      });
    const defaults = hardware.defaults;
    const defaultRows = [
      ...DEFAULT_KEYS.map((key) => ({
        key,
        value: defaults[key].value,
        unit: defaults[key].unit,
        entry: defaults[key],
      })),
      {
        key: "averageDrawFactor",
        value: hardware.servers.averageDrawFactor.value,
        unit: "share of rated server power",
        entry: hardware.servers.averageDrawFactor,
      },
      ...defaults.pricePerKwhHistory.map((h, i) => ({
        key: `pricePerKwh:history:${i}`,
        value: h.value,
        unit: h.unit,
        entry: h,
      })),
    ];
    await tx
      .insert(tcoDefaults)
      .values(defaultRows)
      .onConflictDoUpdate({
        target: tcoDefaults.key,
        ...updateWhenChanged(tcoDefaults, ["value", "unit", "entry"]),
      });
  });
}
