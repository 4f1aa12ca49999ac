/**
 * Price-sheet versions: validation rules that span rows, and the canonical content whose hash makes
 * "the same sheet imported twice" one version.
 */
import { DomainError } from "../shared/errors.js";
import { isV1Entry, type PriceEntry, priceEntryToRow } from "./price-entry.js";

export interface PriceSheetInput {
  provider: string;
  effectiveFrom: string;
  currency: string;
  source: string;
  checked: boolean;
  checkedOn: string;
  note: string | null;
  prices: PriceEntry[];
  /** Models (ids or the provider's aliases) whose pricing ends at this sheet's date. */
  withdrawn: string[];
}

/** The readable, unique id of a sheet version. */
export const priceSheetId = (provider: string, effectiveFrom: string) => `${provider}-${effectiveFrom}`;

/** Rules across rows: one price per model per sheet, band thresholds unique, none priced and withdrawn. */
export function checkPriceSheetRows(sheet: Pick<PriceSheetInput, "prices" | "withdrawn">): void {
  const seen = new Map<string, number>();
  sheet.prices.forEach((price, index) => {
    const first = seen.get(price.model);
    if (first !== undefined) {
      throw new DomainError(
        "invalid",
        `/prices/${index}/model`,
        `Model '${price.model}' is priced twice in this sheet (rows ${first} and ${index}).`,
      );
    }
    seen.set(price.model, index);
    const thresholds = new Set<number>();
    price.tiers.forEach((tier, t) => {
      if (thresholds.has(tier.aboveInputTokens)) {
        throw new DomainError(
          "invalid",
          `/prices/${index}/tiers/${t}/aboveInputTokens`,
          "Tier thresholds must be unique.",
        );
      }
      thresholds.add(tier.aboveInputTokens);
    });
  });
  sheet.withdrawn.forEach((model, index) => {
    if (seen.has(model)) {
      throw new DomainError(
        "invalid",
        `/withdrawn/${index}`,
        `Model '${model}' is both priced and withdrawn.`,
      );
    }
  });
}

/** The v2 part of an entry for the hash: absent when the entry uses v1 fields only (v1 hashes stay). */
function v2Content(p: PriceEntry): unknown {
  if (isV1Entry(p)) return undefined;
  const row = priceEntryToRow(p);
  return {
    cacheWrite1h: row.cacheWrite1hPerMillion,
    reasoningOutput: row.reasoningOutputPerMillion,
    requestFeePer1K: row.requestFeePer1K,
    toolFees: [...row.toolFees].sort((a, b) => (a.tool < b.tool ? -1 : 1)),
    serviceTiers: row.serviceTiers,
    regions: row.regions,
    bands: [...row.tiers].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens),
    timeWindows: row.timeWindows,
  };
}

/**
 * Canonical JSON of what a sheet prices (provider, date, currency, every rate — decimals normalised,
 * rows sorted), independent of key order, spelling of numbers ("2.50" = "2.5") and metadata. A sheet
 * of v1 fields only hashes exactly as before v2, so stored versions are recognised on re-seeding.
 */
export function canonicalPriceSheetContent(
  sheet: PriceSheetInput,
  modelIds: readonly string[],
  withdrawnIds: readonly string[] = [],
): string {
  const rows = sheet.prices
    .map((p, i) => {
      const row = priceEntryToRow(p);
      return {
        model: modelIds[i] ?? p.model,
        input: row.inputPerMillion,
        output: row.outputPerMillion,
        cachedInput: row.cachedInputPerMillion,
        cacheWrite: row.cacheWritePerMillion,
        batchDiscount: row.batchDiscount,
        tiers: [...row.tiers]
          .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens)
          .map((t) => [
            t.aboveInputTokens,
            t.inputPerMillion,
            t.outputPerMillion,
            t.cachedInputPerMillion,
            t.cacheWritePerMillion,
          ]),
        v2: v2Content(p),
      };
    })
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return JSON.stringify({
    provider: sheet.provider,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    rows,
    ...(withdrawnIds.length > 0 ? { withdrawn: [...withdrawnIds].sort() } : {}),
  });
}

/** sha-256 hex of a string with Web Crypto (Node 20 and Workers alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
