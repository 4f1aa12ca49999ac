/**
 * The in-memory price catalogue: providers, models, aliases and every price-sheet version, indexed for
 * O(1) lookups (a map per provider and model, sheets sorted by date and found by binary search). Pure
 * data in, plain answers out; the HTTP layer keeps one instance per process and swaps it on import.
 */

import type { ModelArchitecture } from "../self-hosting/memory.js";
import { type Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";

export interface ProviderRecord {
  id: string;
  name: string;
  url: string;
}

export interface ModelRecord {
  id: string;
  name: string;
  creator: string;
  family: string;
  openWeights: boolean;
  license: string | null;
  releaseDate: string | null;
  contextWindow: number;
  mmlu: string | null;
  architecture: ModelArchitecture | null;
  source: string;
  checkedOn: string;
  checked: boolean;
  note: string | null;
}

export interface AliasRecord {
  providerId: string;
  alias: string;
  modelId: string;
  effectiveFrom: string;
}

/** Rates per 1M tokens; a tier carries the same rate fields. */
export interface RateSet {
  inputPerMillion: Decimal;
  outputPerMillion: Decimal;
  cachedInputPerMillion: Decimal | null;
  cacheWritePerMillion: Decimal | null;
}

export interface TierRecord extends RateSet {
  aboveInputTokens: number;
}

export interface PriceRecord extends RateSet {
  modelId: string;
  batchDiscount: Decimal | null;
  /** Sorted by threshold, ascending. */
  tiers: TierRecord[];
}

export interface PriceSheetRecord {
  id: string;
  providerId: string;
  effectiveFrom: string;
  currency: string;
  source: string;
  checkedOn: string;
  checked: boolean;
  note: string | null;
  contentHash: string;
  importedAt: string;
  prices: Map<string, PriceRecord>;
}

/** Plain rows as the database (or the data files) hand them over: decimals as strings. */
export interface CatalogRows {
  providers: ProviderRecord[];
  models: ModelRecord[];
  aliases: AliasRecord[];
  sheets: Omit<PriceSheetRecord, "prices">[];
  prices: {
    priceSheetId: string;
    modelId: string;
    inputPerMillion: string;
    outputPerMillion: string;
    cachedInputPerMillion: string | null;
    cacheWritePerMillion: string | null;
    batchDiscount: string | null;
  }[];
  tiers: {
    priceSheetId: string;
    modelId: string;
    aboveInputTokens: number;
    inputPerMillion: string;
    outputPerMillion: string;
    cachedInputPerMillion: string | null;
    cacheWritePerMillion: string | null;
  }[];
}

/** What an offering resolved to at a date: the sheet in force and the model's price on it. */
export interface ResolvedOffering {
  provider: ProviderRecord;
  /** The dated model the request's model (or alias) resolved to. */
  model: ModelRecord;
  /** The alias the caller used, if any. */
  viaAlias: string | null;
  sheet: PriceSheetRecord;
  price: PriceRecord;
}

const decOrNull = (v: string | null): Decimal | null => (v == null ? null : dec(v));

/** Latest entry with `effectiveFrom <= at` in a list sorted ascending by effectiveFrom. */
function latestInForce<T extends { effectiveFrom: string }>(sorted: readonly T[], at: string): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const entry = sorted[mid] as T;
    if (entry.effectiveFrom <= at) {
      found = entry;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const byEffectiveFrom = (a: { effectiveFrom: string }, b: { effectiveFrom: string }) =>
  a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;

export class PriceCatalog {
  readonly providers = new Map<string, ProviderRecord>();
  readonly models = new Map<string, ModelRecord>();
  readonly sheets = new Map<string, PriceSheetRecord>();
  /** provider → its sheets, oldest first. */
  readonly sheetsByProvider = new Map<string, PriceSheetRecord[]>();
  /**
   * provider → alias → alias versions, oldest first. Nested maps rather than one map on a joined
   * key: a look-up per request then builds (and hashes) no new string.
   */
  private readonly aliasVersions = new Map<string, Map<string, AliasRecord[]>>();
  /** The same lists in the order their (provider, alias) first appears, for {@link aliasesOf}. */
  private readonly aliasLists: AliasRecord[][] = [];

  constructor(rows: CatalogRows) {
    for (const p of rows.providers) this.providers.set(p.id, p);
    for (const m of rows.models) this.models.set(m.id, m);
    for (const a of rows.aliases) {
      let byAlias = this.aliasVersions.get(a.providerId);
      if (!byAlias) {
        byAlias = new Map();
        this.aliasVersions.set(a.providerId, byAlias);
      }
      let list = byAlias.get(a.alias);
      if (!list) {
        list = [];
        byAlias.set(a.alias, list);
        this.aliasLists.push(list);
      }
      list.push(a);
    }
    for (const list of this.aliasLists) list.sort(byEffectiveFrom);
    for (const s of rows.sheets) {
      const sheet: PriceSheetRecord = { ...s, prices: new Map() };
      this.sheets.set(s.id, sheet);
      const list = this.sheetsByProvider.get(s.providerId) ?? [];
      list.push(sheet);
      this.sheetsByProvider.set(s.providerId, list);
    }
    for (const list of this.sheetsByProvider.values()) list.sort(byEffectiveFrom);
    for (const p of rows.prices) {
      const sheet = this.sheets.get(p.priceSheetId);
      if (!sheet) continue;
      sheet.prices.set(p.modelId, {
        modelId: p.modelId,
        inputPerMillion: dec(p.inputPerMillion),
        outputPerMillion: dec(p.outputPerMillion),
        cachedInputPerMillion: decOrNull(p.cachedInputPerMillion),
        cacheWritePerMillion: decOrNull(p.cacheWritePerMillion),
        batchDiscount: decOrNull(p.batchDiscount),
        tiers: [],
      });
    }
    for (const t of rows.tiers) {
      const price = this.sheets.get(t.priceSheetId)?.prices.get(t.modelId);
      if (!price) continue;
      price.tiers.push({
        aboveInputTokens: t.aboveInputTokens,
        inputPerMillion: dec(t.inputPerMillion),
        outputPerMillion: dec(t.outputPerMillion),
        cachedInputPerMillion: decOrNull(t.cachedInputPerMillion),
        cacheWritePerMillion: decOrNull(t.cacheWritePerMillion),
      });
    }
    for (const sheet of this.sheets.values()) {
      for (const price of sheet.prices.values())
        price.tiers.sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
    }
  }

  /** The sheet of `providerId` in force at `at` (latest with effectiveFrom ≤ at), if any. */
  sheetInForce(providerId: string, at: string): PriceSheetRecord | undefined {
    const list = this.sheetsByProvider.get(providerId);
    return list ? latestInForce(list, at) : undefined;
  }

  /**
   * Resolve a model id or alias within a provider at a date. A canonical id wins; otherwise the
   * provider's alias version in force at `at`. Before an alias's first date it names no model.
   * Returns undefined when neither exists.
   */
  resolveModel(
    providerId: string,
    modelOrAlias: string,
    at: string,
  ): { model: ModelRecord; viaAlias: string | null } | undefined {
    const canonical = this.models.get(modelOrAlias);
    if (canonical) return { model: canonical, viaAlias: null };
    const aliasList = this.aliasVersions.get(providerId)?.get(modelOrAlias);
    const version = aliasList ? latestInForce(aliasList, at) : undefined;
    const model = version ? this.models.get(version.modelId) : undefined;
    return model ? { model, viaAlias: modelOrAlias } : undefined;
  }

  /** The date from which `alias` names a model of `providerId`, if it is one of its aliases. */
  private aliasFirstDate(providerId: string, alias: string): string | undefined {
    return this.aliasVersions.get(providerId)?.get(alias)?.[0]?.effectiveFrom;
  }

  /** Alias versions of a provider (all of them, oldest first) for docs and model pages. */
  aliasesOf(modelId: string): AliasRecord[] {
    const out: AliasRecord[] = [];
    for (const list of this.aliasLists) for (const a of list) if (a.modelId === modelId) out.push(a);
    return out.sort(byEffectiveFrom);
  }

  /**
   * Resolve `{ provider, model }` at a date to the price in force, or throw a DomainError that says
   * exactly what is missing (unknown provider/model → 404; no sheet or no price at the date → 422).
   * `pointer` is the JSON pointer of the offering in the request, for the problem's `errors[]`.
   */
  resolveOffering(providerId: string, modelOrAlias: string, at: string, pointer = ""): ResolvedOffering {
    const provider = this.providers.get(providerId);
    if (!provider) {
      throw new DomainError("not-found", `${pointer}/provider`, `Unknown provider '${providerId}'.`);
    }
    const resolved = this.resolveModel(providerId, modelOrAlias, at);
    if (!resolved) {
      const from = this.aliasFirstDate(providerId, modelOrAlias);
      throw new DomainError(
        "not-found",
        `${pointer}/model`,
        from
          ? `'${modelOrAlias}' names a ${providerId} model only from ${from}; on ${at} it names none.`
          : `Unknown model '${modelOrAlias}' for provider '${providerId}'.`,
      );
    }
    const sheet = this.sheetInForce(providerId, at);
    if (!sheet) {
      const first = this.sheetsByProvider.get(providerId)?.[0];
      throw new DomainError(
        "no-price",
        `${pointer}/provider`,
        first
          ? `No ${providerId} price sheet is in force on ${at}; the earliest starts ${first.effectiveFrom}.`
          : `No price sheet has been recorded for provider '${providerId}'.`,
      );
    }
    const price = sheet.prices.get(resolved.model.id);
    if (!price) {
      const later = this.sheetsByProvider
        .get(providerId)
        ?.find((s) => s.effectiveFrom > at && s.prices.has(resolved.model.id));
      throw new DomainError(
        "no-price",
        `${pointer}/model`,
        `${providerId}'s price sheet in force on ${at} (${sheet.id}) has no price for '${resolved.model.id}'` +
          (later ? `; it is first priced in ${later.id}.` : "."),
      );
    }
    return { provider, model: resolved.model, viaAlias: resolved.viaAlias, sheet, price };
  }
}
