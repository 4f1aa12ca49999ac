/**
 * The in-memory price catalogue: providers, models, aliases and every price-sheet version, indexed for
 * O(1) lookups (a map per provider and model, sheets sorted by date and found by binary search). Pure
 * data in, plain answers out; the HTTP layer keeps one instance per process and swaps it on import.
 */

import type { ModelArchitecture } from "../self-hosting/memory.js";
import { DomainError } from "../shared/errors.js";
import { type MatchRuleRecord, ProviderMatchRules } from "./model-match.js";
import { type PriceEntry, type PriceEntryRow, priceEntryFromRow } from "./price-entry.js";

export interface ProviderRecord {
  id: string;
  name: string;
  url: string;
}

export interface ModelRecord {
  id: string;
  name: string;
  /** Null for imported models (the source does not say). */
  creator: string | null;
  family: string | null;
  /** Null for imported models whose weights are not known to be open. */
  openWeights: boolean | null;
  license: string | null;
  releaseDate: string | null;
  /** Null where the source gives none. */
  contextWindow: number | null;
  mmlu: string | null;
  architecture: ModelArchitecture | null;
  source: string;
  checkedOn: string;
  checked: boolean;
  note: string | null;
  /** `curated` or `genai-prices`. */
  origin: string;
  /** The vendor-neutral open-weight model a provider's variant serves. */
  baseModel: string | null;
  deprecated: boolean;
}

export interface AliasRecord {
  providerId: string;
  alias: string;
  modelId: string;
  effectiveFrom: string;
}

/** A price on a sheet: the entry (DESIGN §4 "Price entry") and the canonical id of its model. */
export interface PriceRecord extends PriceEntry {
  modelId: string;
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
  /** Models whose pricing this sheet ends at its date. */
  withdrawn: string[];
}

/** One step of a model's price history: its price from a sheet's date on, or its withdrawal (price null). */
interface PriceVersion {
  effectiveFrom: string;
  sheet: PriceSheetRecord;
  price: PriceRecord | null;
}

/** Plain rows as the database (or the data files) hand them over: decimals as strings. */
export interface CatalogRows {
  providers: ProviderRecord[];
  models: ModelRecord[];
  aliases: AliasRecord[];
  /** Imported match rules (ids as each provider's API accepts them); optional for small catalogues. */
  matchRules?: MatchRuleRecord[];
  sheets: Omit<PriceSheetRecord, "prices" | "withdrawn">[];
  /** Every price of every sheet, in its plain stored form. */
  prices: { priceSheetId: string; entry: PriceEntryRow }[];
  withdrawals: { priceSheetId: string; modelId: string }[];
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
  /** The date priced (YYYY-MM-DD): selects the month of time windows. */
  at?: string;
  /** The offering's region, for a regional uplift; null/absent = none. */
  region?: string | null;
  /** JSON pointer of the offering in the request, for problems about it. */
  pointer?: string;
}

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
  /** provider → lower-cased alias → its versions: the case-insensitive fallback. */
  private readonly aliasVersionsLower = new Map<string, Map<string, AliasRecord[]>>();
  /** lower-cased model id → the model (first in id order when only the case differs). */
  private readonly modelsLower = new Map<string, ModelRecord>();
  /** provider → its imported match rules. */
  private readonly matchRules = new Map<string, ProviderMatchRules>();
  /**
   * provider → model → its price versions (listed or withdrawn), oldest first: a model's price runs
   * from a sheet that lists it until a later sheet of its provider lists or withdraws it (DESIGN §2),
   * so a sheet may list only what changed.
   */
  private readonly priceHistory = new Map<string, Map<string, PriceVersion[]>>();
  private sortedModels: ModelRecord[] | undefined;
  private readonly searchTexts = new Map<string, string>();
  /** neutral open-weight model → the providers' variants linked to it by `baseModel`, in id order. */
  private readonly variantsByBase = new Map<string, ModelRecord[]>();

  constructor(rows: CatalogRows) {
    for (const p of rows.providers) this.providers.set(p.id, p);
    for (const m of rows.models) {
      this.models.set(m.id, m);
      const lower = m.id.toLowerCase();
      const seen = this.modelsLower.get(lower);
      if (!seen || m.id < seen.id) this.modelsLower.set(lower, m);
    }
    for (const m of this.modelsById) {
      if (m.baseModel === null) continue;
      const list = this.variantsByBase.get(m.baseModel) ?? [];
      list.push(m);
      this.variantsByBase.set(m.baseModel, list);
    }
    const rulesByProvider = new Map<string, MatchRuleRecord[]>();
    for (const r of rows.matchRules ?? []) {
      const list = rulesByProvider.get(r.providerId) ?? [];
      list.push(r);
      rulesByProvider.set(r.providerId, list);
    }
    for (const [id, list] of rulesByProvider) this.matchRules.set(id, new ProviderMatchRules(list));
    for (const a of rows.aliases) {
      let lowerByAlias = this.aliasVersionsLower.get(a.providerId);
      if (!lowerByAlias) {
        lowerByAlias = new Map();
        this.aliasVersionsLower.set(a.providerId, lowerByAlias);
      }
      const lowerList = lowerByAlias.get(a.alias.toLowerCase()) ?? [];
      lowerList.push(a);
      lowerByAlias.set(a.alias.toLowerCase(), lowerList);
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
    for (const byAlias of this.aliasVersionsLower.values())
      for (const list of byAlias.values()) list.sort(byEffectiveFrom);
    for (const s of rows.sheets) {
      const sheet: PriceSheetRecord = { ...s, prices: new Map(), withdrawn: [] };
      this.sheets.set(s.id, sheet);
      const list = this.sheetsByProvider.get(s.providerId) ?? [];
      list.push(sheet);
      this.sheetsByProvider.set(s.providerId, list);
    }
    for (const list of this.sheetsByProvider.values()) list.sort(byEffectiveFrom);
    for (const { priceSheetId, entry } of rows.prices) {
      const sheet = this.sheets.get(priceSheetId);
      if (sheet) sheet.prices.set(entry.model, { ...priceEntryFromRow(entry), modelId: entry.model });
    }
    for (const w of rows.withdrawals) this.sheets.get(w.priceSheetId)?.withdrawn.push(w.modelId);
    for (const [providerId, list] of this.sheetsByProvider) {
      const byModel = new Map<string, PriceVersion[]>();
      for (const sheet of list) {
        const versions = [
          ...[...sheet.prices.values()].map((price) => ({ modelId: price.modelId, price })),
          ...sheet.withdrawn.map((modelId) => ({ modelId, price: null })),
        ];
        for (const { modelId, price } of versions) {
          const history = byModel.get(modelId) ?? [];
          byModel.set(modelId, history);
          history.push({ effectiveFrom: sheet.effectiveFrom, sheet, price });
        }
      }
      this.priceHistory.set(providerId, byModel);
    }
  }

  /** Every model, in id order (code units), for paged lists. */
  get modelsById(): readonly ModelRecord[] {
    this.sortedModels ??= [...this.models.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.sortedModels;
  }

  /** The models linked to `modelId` by `baseModel` (a provider's variants of an open-weight model), in id order. */
  variantsOf(modelId: string): readonly ModelRecord[] {
    return this.variantsByBase.get(modelId) ?? [];
  }

  /** Lower-cased id, name and aliases of a model, for case-insensitive substring search. */
  searchText(modelId: string): string {
    let text = this.searchTexts.get(modelId);
    if (text === undefined) {
      const model = this.models.get(modelId);
      const aliases = this.aliasLists.flatMap((list) =>
        list.filter((a) => a.modelId === modelId).map((a) => a.alias),
      );
      text = [modelId, model?.name ?? "", ...aliases].join("\n").toLowerCase();
      this.searchTexts.set(modelId, text);
    }
    return text;
  }

  /**
   * The price of a model at a date and the sheet it comes from: the latest sheet of the provider with
   * `effectiveFrom <= at` that lists or withdraws the model; undefined when none does or it withdrew it.
   */
  priceInForce(
    providerId: string,
    modelId: string,
    at: string,
  ): { sheet: PriceSheetRecord; price: PriceRecord } | undefined {
    const history = this.priceHistory.get(providerId)?.get(modelId);
    const version = history ? latestInForce(history, at) : undefined;
    return version?.price ? { sheet: version.sheet, price: version.price } : undefined;
  }

  /** Every price of a provider in force at a date, one per model, ordered by model id. */
  pricesInForce(providerId: string, at: string): { sheet: PriceSheetRecord; price: PriceRecord }[] {
    const out: { sheet: PriceSheetRecord; price: PriceRecord }[] = [];
    for (const history of this.priceHistory.get(providerId)?.values() ?? []) {
      const version = latestInForce(history, at);
      if (version?.price) out.push({ sheet: version.sheet, price: version.price });
    }
    return out.sort((a, b) =>
      a.price.modelId < b.price.modelId ? -1 : a.price.modelId > b.price.modelId ? 1 : 0,
    );
  }

  /** The sheet of `providerId` in force at `at` (latest with effectiveFrom ≤ at), if any. */
  sheetInForce(providerId: string, at: string): PriceSheetRecord | undefined {
    const list = this.sheetsByProvider.get(providerId);
    return list ? latestInForce(list, at) : undefined;
  }

  /**
   * Resolve a model id or alias within a provider at a date, first hit wins: a curated model id, or
   * an imported one the provider prices (a canonical id wins over an alias of the same name); the
   * provider's alias in force at `at` (before an alias's first date it names no model); that alias
   * ignoring case; the provider's match rules (imported from genai-prices: dated snapshots, `-latest`,
   * `models/…`, Bedrock ids); any model id; any model id ignoring case. Undefined when nothing matches.
   */
  resolveModel(
    providerId: string,
    modelOrAlias: string,
    at: string,
  ): { model: ModelRecord; viaAlias: string | null } | undefined {
    const model = this.models.get(modelOrAlias);
    if (model && (model.origin === "curated" || this.priceHistory.get(providerId)?.has(model.id))) {
      return { model, viaAlias: null };
    }
    const aliased = this.viaAlias(this.aliasVersions.get(providerId)?.get(modelOrAlias), at);
    if (aliased) return { model: aliased, viaAlias: modelOrAlias };
    const lower = modelOrAlias.toLowerCase();
    const aliasedLower = this.viaAlias(this.aliasVersionsLower.get(providerId)?.get(lower), at);
    if (aliasedLower) return { model: aliasedLower, viaAlias: modelOrAlias };
    const ruled = this.matchRules.get(providerId)?.find(modelOrAlias);
    const byRule = ruled === undefined ? undefined : this.models.get(ruled);
    if (byRule) return { model: byRule, viaAlias: byRule.id === modelOrAlias ? null : modelOrAlias };
    if (model) return { model, viaAlias: null };
    const modelLower = this.modelsLower.get(lower);
    return modelLower ? { model: modelLower, viaAlias: modelOrAlias } : undefined;
  }

  /** The model an alias names at `at`: its version in force then (none before its first date). */
  private viaAlias(aliasList: AliasRecord[] | undefined, at: string): ModelRecord | undefined {
    const version = aliasList ? latestInForce(aliasList, at) : undefined;
    return version ? this.models.get(version.modelId) : undefined;
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
  resolveOffering(
    providerId: string,
    modelOrAlias: string,
    at: string,
    pointer = "",
    region: string | null = null,
  ): ResolvedOffering {
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
    const inForce = this.priceInForce(providerId, resolved.model.id, at);
    if (!inForce) throw this.noPriceError(providerId, resolved.model.id, at, pointer);
    const { sheet, price } = inForce;
    return {
      provider,
      model: resolved.model,
      viaAlias: resolved.viaAlias,
      sheet,
      price,
      at,
      region,
      pointer,
    };
  }

  /** Why a known model has no price at a date: no sheet yet, not yet listed, or withdrawn. */
  private noPriceError(providerId: string, modelId: string, at: string, pointer: string): DomainError {
    const sheets = this.sheetsByProvider.get(providerId) ?? [];
    const sheet = latestInForce(sheets, at);
    if (!sheet) {
      return new DomainError(
        "no-price",
        `${pointer}/provider`,
        sheets[0]
          ? `No ${providerId} price sheet is in force on ${at}; the earliest starts ${sheets[0].effectiveFrom}.`
          : `No price sheet has been recorded for provider '${providerId}'.`,
      );
    }
    const history = this.priceHistory.get(providerId)?.get(modelId) ?? [];
    const last = latestInForce(history, at);
    if (last) {
      return new DomainError(
        "no-price",
        `${pointer}/model`,
        `${providerId} withdrew '${modelId}' on ${last.effectiveFrom} (${last.sheet.id}); it has no price on ${at}.`,
      );
    }
    const later = history.find((v) => v.effectiveFrom > at && v.price);
    const variants = this.variantsOf(modelId)
      .filter((v) => this.priceInForce(providerId, v.id, at))
      .map((v) => `'${v.id}'`);
    return new DomainError(
      "no-price",
      `${pointer}/model`,
      `${providerId}'s price sheet in force on ${at} (${sheet.id}) has no price for '${modelId}'` +
        (later ? `; it is first priced in ${later.sheet.id}` : "") +
        (variants.length > 0 ? `; ${providerId} prices it as ${variants.join(", ")}` : "") +
        ".",
    );
  }
}
