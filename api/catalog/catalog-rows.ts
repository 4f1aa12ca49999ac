/**
 * The pricing-data files as catalogue rows, without a database: for domain tests and benchmarks that
 * want the real, sourced catalogue in memory. (The service itself always reads rows from Postgres.)
 */
import type { MatchLogic, MatchRuleRecord } from "../domain/pricing/model-match.js";
import type { CatalogRows, ModelRecord } from "../domain/pricing/price-catalog.js";
import { priceSheetId } from "../domain/pricing/price-sheet.js";
import type { PricingDataFiles } from "./load-files.js";

/** Curated and imported models as catalogue records (imported: creator, family, open weights unknown). */
export function modelRecordsFromFiles(files: PricingDataFiles): ModelRecord[] {
  return [
    ...files.models.map(({ aliases: _aliases, ...m }) => ({
      ...m,
      note: m.note ?? null,
      origin: "curated",
      baseModel: null,
      deprecated: false,
    })),
    ...files.importedModels.map((m) => ({
      id: m.id,
      name: m.name,
      creator: null,
      family: null,
      openWeights: null,
      license: null,
      releaseDate: null,
      contextWindow: m.contextWindow,
      mmlu: null,
      architecture: null,
      source: m.source,
      checkedOn: m.checkedOn,
      checked: m.checked,
      note: m.note ?? null,
      origin: "genai-prices",
      baseModel: m.baseModel,
      deprecated: m.deprecated,
    })),
  ];
}

/** Match rules numbered in file order per provider (the first match wins). */
export function matchRuleRecordsFromFiles(files: PricingDataFiles): MatchRuleRecord[] {
  const next = new Map<string, number>();
  return files.matchRules.map((r) => {
    const position = next.get(r.provider) ?? 0;
    next.set(r.provider, position + 1);
    return { providerId: r.provider, modelId: r.model, position, match: r.match as MatchLogic };
  });
}

export function catalogRowsFromFiles(files: PricingDataFiles): CatalogRows {
  const rows: CatalogRows = {
    providers: files.providers,
    models: modelRecordsFromFiles(files),
    matchRules: matchRuleRecordsFromFiles(files),
    aliases: files.models.flatMap((m) =>
      m.aliases.map((a) => ({
        providerId: a.provider,
        alias: a.alias,
        modelId: m.id,
        effectiveFrom: a.from,
      })),
    ),
    sheets: [],
    prices: [],
    withdrawals: [],
  };
  for (const sheet of files.priceSheets) {
    const id = priceSheetId(sheet.provider, sheet.effectiveFrom);
    rows.sheets.push({
      id,
      providerId: sheet.provider,
      effectiveFrom: sheet.effectiveFrom,
      currency: sheet.currency,
      source: sheet.source,
      checkedOn: sheet.checkedOn,
      checked: sheet.checked,
      note: sheet.note ?? null,
      contentHash: "",
      importedAt: "",
    });
    for (const entry of sheet.prices) rows.prices.push({ priceSheetId: id, entry });
    for (const modelId of sheet.withdrawn) rows.withdrawals.push({ priceSheetId: id, modelId });
  }
  return rows;
}
