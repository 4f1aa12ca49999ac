/**
 * Turning a price-sheet document (an import body or a pricing-data file) into a stored version:
 * row checks, model resolution, canonical hash, one atomic insert, and a fresh snapshot.
 */
import type { Database } from "../db/client.js";
import { type ImportOutcome, insertPriceSheet, type NewPriceSheet } from "../db/repository.js";
import type { PriceCatalog } from "../domain/pricing/price-catalog.js";
import { priceEntryToRow } from "../domain/pricing/price-entry.js";
import {
  canonicalPriceSheetContent,
  checkPriceSheetRows,
  type PriceSheetInput,
  priceSheetId,
  sha256Hex,
} from "../domain/pricing/price-sheet.js";
import { DomainError } from "../domain/shared/errors.js";

/**
 * Validate a sheet against the catalogue and build the rows to store. Models may be named by the
 * canonical id or by the provider's alias in force at the sheet's date.
 */
export async function preparePriceSheet(
  input: PriceSheetInput,
  catalog: PriceCatalog,
): Promise<NewPriceSheet> {
  if (!catalog.providers.has(input.provider)) {
    throw new DomainError("invalid", "/provider", `Unknown provider '${input.provider}'.`);
  }
  checkPriceSheetRows(input);
  const resolveId = (name: string, pointer: string, what: string) => {
    const resolved = catalog.resolveModel(input.provider, name, input.effectiveFrom);
    if (!resolved) throw new DomainError("invalid", pointer, `Unknown model '${name}' in ${what}.`);
    return resolved.model.id;
  };
  const modelIds = input.prices.map((price, index) =>
    resolveId(price.model, `/prices/${index}/model`, `row ${index}`),
  );
  const withdrawnIds = input.withdrawn.map((name, index) =>
    resolveId(name, `/withdrawn/${index}`, "withdrawn[]"),
  );
  // Two rows naming the same model through different aliases are still a duplicate.
  checkPriceSheetRows({
    prices: input.prices.map((p, i) => ({ ...p, model: modelIds[i] as string })),
    withdrawn: withdrawnIds,
  });
  const contentHash = await sha256Hex(canonicalPriceSheetContent(input, modelIds, withdrawnIds));
  return {
    id: priceSheetId(input.provider, input.effectiveFrom),
    providerId: input.provider,
    effectiveFrom: input.effectiveFrom,
    currency: input.currency,
    source: input.source,
    checkedOn: input.checkedOn,
    checked: input.checked,
    note: input.note,
    contentHash,
    prices: input.prices.map((p, i) => ({ ...priceEntryToRow(p), model: modelIds[i] as string })),
    withdrawn: withdrawnIds,
  };
}

/** Validate and store one sheet (all or nothing). */
export async function storePriceSheet(
  db: Database,
  input: PriceSheetInput,
  catalog: PriceCatalog,
): Promise<ImportOutcome> {
  return insertPriceSheet(db, await preparePriceSheet(input, catalog));
}
