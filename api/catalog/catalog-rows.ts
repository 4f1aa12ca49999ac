/**
 * The pricing-data files as catalogue rows, without a database: for domain tests and benchmarks that
 * want the real, sourced catalogue in memory. (The service itself always reads rows from Postgres.)
 */
import type { CatalogRows } from "../domain/pricing/price-catalog.js";
import { priceSheetId } from "../domain/pricing/price-sheet.js";
import type { PricingDataFiles } from "./load-files.js";

export function catalogRowsFromFiles(files: PricingDataFiles): CatalogRows {
  const rows: CatalogRows = {
    providers: files.providers,
    models: files.models.map(({ aliases: _aliases, ...m }) => ({ ...m, note: m.note ?? null })),
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
