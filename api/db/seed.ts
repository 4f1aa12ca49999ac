/**
 * Seed the catalogue from pricing-data/: providers, models and aliases are upserted (rows that already
 * match are left untouched), price sheets are inserted as immutable versions (the same content is one
 * version). Running it twice changes nothing.
 */
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { HardwareFiles } from "../catalog/load-hardware-files.js";
import type { modelEntry, PriceSheetFile, providerFile } from "../catalog/schema.js";
import { dec } from "../domain/decimal.js";
import { PriceCatalog } from "../domain/price-catalog.js";
import type { PriceSheetInput } from "../domain/price-sheet.js";
import type { Logger } from "../lib/logger.js";
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
  const entryChanged = (table: string, extra: string[] = []) => differs(table, ["entry", ...extra]);
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
        set: excludedColumns(accelerators, [
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
        setWhere: entryChanged("accelerators"),
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
        set: excludedColumns(servers, ["acceleratorId", "acceleratorCount", "maxPowerWatts", "entry"]),
        setWhere: entryChanged("servers"),
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
        set: excludedColumns(throughputBenchmarks, [
          "modelId",
          "acceleratorId",
          "acceleratorCount",
          "precision",
          "tokensPerSecond",
          "counts",
          "entry",
        ]),
        setWhere: entryChanged("throughput_benchmarks"),
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
        set: excludedColumns(tcoDefaults, ["value", "unit", "entry"]),
        setWhere: entryChanged("tco_defaults", ["value", "unit"]),
      });
  });
}

/** `SET col = excluded.col` for the given properties of a drizzle table. */
function excludedColumns<T extends object>(table: T, keys: (keyof T & string)[]) {
  return Object.fromEntries(
    keys.map((key) => [key, sql.raw(`excluded."${(table[key] as { name: string }).name}"`)]),
  );
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
