/**
 * Price-sheet versions: validation rules that span rows, and the canonical content whose hash makes
 * "the same sheet imported twice" one version.
 */
import type { Decimal } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";

export interface PriceSheetTierInput {
  aboveInputTokens: number;
  inputPerMillion: Decimal;
  outputPerMillion: Decimal;
  cachedInputPerMillion: Decimal | null;
  cacheWritePerMillion: Decimal | null;
}

export interface PriceSheetPriceInput {
  model: string;
  inputPerMillion: Decimal;
  outputPerMillion: Decimal;
  cachedInputPerMillion: Decimal | null;
  cacheWritePerMillion: Decimal | null;
  batchDiscount: Decimal | null;
  tiers: PriceSheetTierInput[];
}

export interface PriceSheetInput {
  provider: string;
  effectiveFrom: string;
  currency: string;
  source: string;
  checked: boolean;
  checkedOn: string;
  note: string | null;
  prices: PriceSheetPriceInput[];
}

/** The readable, unique id of a sheet version. */
export const priceSheetId = (provider: string, effectiveFrom: string) => `${provider}-${effectiveFrom}`;

/** Rules across rows: one price per model per sheet, tier thresholds unique. */
export function checkPriceSheetRows(sheet: Pick<PriceSheetInput, "prices">): void {
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
}

const s = (d: Decimal | null) => (d == null ? null : d.toString());

/**
 * Canonical JSON of what a sheet prices (provider, date, currency, every rate — decimals normalised,
 * rows sorted), independent of key order, spelling of numbers ("2.50" = "2.5") and metadata.
 */
export function canonicalPriceSheetContent(sheet: PriceSheetInput, modelIds: readonly string[]): string {
  const rows = sheet.prices
    .map((p, i) => ({
      model: modelIds[i] ?? p.model,
      input: s(p.inputPerMillion),
      output: s(p.outputPerMillion),
      cachedInput: s(p.cachedInputPerMillion),
      cacheWrite: s(p.cacheWritePerMillion),
      batchDiscount: s(p.batchDiscount),
      tiers: [...p.tiers]
        .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens)
        .map((t) => [
          t.aboveInputTokens,
          s(t.inputPerMillion),
          s(t.outputPerMillion),
          s(t.cachedInputPerMillion),
          s(t.cacheWritePerMillion),
        ]),
    }))
    .sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return JSON.stringify({
    provider: sheet.provider,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    rows,
  });
}

/** sha-256 hex of a string with Web Crypto (Node 20 and Workers alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
