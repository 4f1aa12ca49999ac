/**
 * genai-prices' providers → our imported catalogue: providers, models (ids as written, mapped onto a
 * curated model where the id or its exact match ids name one), match rules, and dated price entries
 * (DESIGN §2 "curated vs imported", "conditional prices", "free and input-only prices"). Pure: the
 * command in scripts/prices-import.ts does the reading and writing.
 */
import { equalsLeaves, type MatchLogic } from "../../api/domain/pricing/model-match.js";
import { dec } from "../../api/domain/shared/decimal.js";
import { type ConvertedPrice, convertModelPrice, ImportError } from "./convert-prices.js";
import {
  type CorrectedModel,
  type Correction,
  correctModel,
  selectorOf,
  type WindowCalendar,
} from "./corrections.js";
import type { GpConditionalPrice, GpModel, GpPackageSource, GpProvider } from "./source-types.js";

/** genai-prices provider id → ours (DESIGN §2: `aws` → `aws-bedrock`, the rest as written). */
export const PROVIDER_ID: Readonly<Record<string, string>> = { aws: "aws-bedrock" };
export const ourProviderId = (gp: string) => PROVIDER_ID[gp] ?? gp;

/** One price entry as written to an imported sheet (DESIGN §4 "Price entry"; nulls left out). */
export interface ImportedEntry extends Omit<ConvertedPrice, "rates" | "ignored" | "toolFees" | "tiers"> {
  model: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion?: string;
  cacheWritePerMillion?: string;
  cacheWrite1hPerMillion?: string;
  reasoningOutputPerMillion?: string;
  toolFees?: ConvertedPrice["toolFees"];
  tiers?: ConvertedPrice["tiers"];
  timeWindows?: ImportedWindow[];
  note?: string;
}

export interface ImportedWindow {
  name: string;
  days?: string[];
  from: string;
  to: string;
  timeZone: string;
  excludeHolidays?: string;
  [rate: string]: unknown;
}

export interface ImportedModel {
  id: string;
  name: string;
  contextWindow: number | null;
  baseModel: string | null;
  deprecated: boolean;
  source: string;
  checkedOn: string;
  checked: false;
  note?: string;
}

export interface ImportedMatchRule {
  provider: string;
  model: string;
  match: MatchLogic;
}

/** A dated price of one (provider, model), before sheets are cut. */
export interface DatedEntry {
  provider: string;
  effectiveFrom: string;
  entry: ImportedEntry;
}

/** What the curated data says, for "curated wins" and id mapping. */
export interface CuratedContext {
  providerIds: ReadonlySet<string>;
  models: readonly { id: string; aliases: readonly { alias: string; provider: string; from: string }[] }[];
  /** `provider\0model` → the curated entry in force last, for the report. */
  priced: ReadonlyMap<string, { sheet: string; inputPerMillion: string; outputPerMillion: string }>;
}

export interface BaseModelRule {
  baseModel: string;
  pattern: string;
}

export interface ImportRules {
  ignoredKeys: Readonly<Record<string, string>>;
  corrections: readonly Correction[];
  baseModels: readonly BaseModelRule[];
}

export interface ImportReport {
  skipped: { provider: string; model: string; reason: string }[];
  curatedWins: { provider: string; model: string; curatedModel: string; sheet: string; differs: boolean }[];
  mappedToCurated: { provider: string; model: string; curatedModel: string; via: string }[];
  correctionsApplied: { provider: string; model: string; kind: string; reason: string; source: string }[];
  notes: string[];
}

export interface Conversion {
  providers: { id: string; name: string; url: string }[];
  models: ImportedModel[];
  matchRules: ImportedMatchRule[];
  entries: DatedEntry[];
  report: ImportReport;
}

/** genai-prices' windows hold every day (it cannot say weekdays: its issue #582). */
const EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const SOURCE_NOTE = "unconfirmed: taken from genai-prices, not checked against the vendor's page";

/** The `source` string of everything imported from one package version. */
export function sourceLabel(src: GpPackageSource): string {
  return `npm ${src.package}@${src.version} (https://github.com/pydantic/genai-prices, MIT, © Pydantic Services Inc. 2025 to present), published ${src.publishedOn}`;
}

const hhmmOf = (t: string, where: [string, string]) => {
  const m = /^(\d{2}):(\d{2}):00Z$/.exec(t);
  if (!m) throw new ImportError(where[0], where[1], "constraint", `time ${t} is not whole minutes in UTC`);
  return `${m[1]}:${m[2]}`;
};

/** Maps imported ids onto curated models: by id, by a curated alias, or by the one curated model the exact match ids name. */
class CuratedIds {
  private readonly byId = new Map<string, string>();
  private readonly byAlias = new Map<string, { provider: string; from: string; id: string }[]>();

  constructor(
    curated: CuratedContext,
    private readonly date: string,
  ) {
    for (const m of curated.models) {
      this.byId.set(m.id.toLowerCase(), m.id);
      for (const a of m.aliases) {
        const key = a.alias.toLowerCase();
        const list = this.byAlias.get(key) ?? [];
        list.push({ provider: a.provider, from: a.from, id: m.id });
        this.byAlias.set(key, list);
      }
    }
  }

  /** The curated model a name denotes at `provider` (its own alias first, then any provider's). */
  lookup(provider: string, name: string): string | undefined {
    const lower = name.toLowerCase();
    const direct = this.byId.get(lower);
    if (direct) return direct;
    const aliases = (this.byAlias.get(lower) ?? []).filter((a) => a.from <= this.date);
    const own = aliases.filter((a) => a.provider === provider);
    const pool = own.length > 0 ? own : aliases;
    pool.sort((a, b) => (a.from < b.from ? 1 : -1));
    return pool[0]?.id;
  }

  map(provider: string, model: GpModel): { id: string; via: string } | undefined {
    const byName = this.lookup(provider, model.id);
    if (byName) return { id: byName, via: "id" };
    const named = new Set(
      equalsLeaves(model.match)
        .map((leaf) => this.lookup(provider, leaf))
        .filter((x) => x !== undefined),
    );
    if (named.size === 1) return { id: [...named][0] as string, via: "match" };
    return undefined;
  }
}

function entryFrom(model: string, converted: ConvertedPrice, extraNotes: string[]): ImportedEntry {
  const { rates } = converted;
  const notes = [...extraNotes];
  const hasIn = rates.inputPerMillion !== undefined;
  const hasOut = rates.outputPerMillion !== undefined;
  if (
    !hasIn &&
    !hasOut &&
    Object.keys(rates).length === 0 &&
    converted.toolFees.length === 0 &&
    !converted.requestFeePer1K
  ) {
    notes.push("genai-prices lists no price for this model: free (imported at 0)");
  } else if (hasIn && !hasOut) {
    notes.push("input-only price (embeddings or similar): output priced at 0");
  } else if (!hasIn && hasOut) {
    notes.push("output-only price in genai-prices: input priced at 0");
  }
  if (converted.ignored.length > 0) notes.push(`not priced by the engine: ${converted.ignored.join(", ")}`);
  const entry: ImportedEntry = {
    model,
    ...rates,
    inputPerMillion: rates.inputPerMillion ?? "0",
    outputPerMillion: rates.outputPerMillion ?? "0",
  };
  if (converted.requestFeePer1K !== undefined) entry.requestFeePer1K = converted.requestFeePer1K;
  if (converted.toolFees.length > 0) entry.toolFees = converted.toolFees;
  if (converted.tiers.length > 0) entry.tiers = converted.tiers;
  if (notes.length > 0) entry.note = notes.join("; ");
  return entry;
}

/** Whether a price record has anything the engine prices (token rates, request or tool fees), or is empty (free). */
function pricesSomething(converted: ConvertedPrice, raw: Record<string, unknown>): boolean {
  if (Object.keys(raw).length === 0) return true;
  return (
    Object.keys(converted.rates).length > 0 ||
    converted.toolFees.length > 0 ||
    converted.requestFeePer1K !== undefined
  );
}

function windowOf(
  entry: GpConditionalPrice,
  converted: ConvertedPrice,
  calendar: WindowCalendar | undefined,
  where: [string, string],
): ImportedWindow {
  const c = entry.constraint as { start_time: string; end_time: string };
  if (converted.tiers.length > 0)
    throw new ImportError(...where, "constraint", "a time window with its own tiers cannot be expressed");
  const from = hhmmOf(c.start_time, where);
  const to = hhmmOf(c.end_time, where);
  const window: ImportedWindow = calendar
    ? {
        name: `${calendar.from}–${calendar.to} ${calendar.timeZone}`,
        days: calendar.days,
        from: calendar.from,
        to: calendar.to,
        timeZone: calendar.timeZone,
      }
    : { name: `${from}–${to} UTC`, days: [...EVERY_DAY], from, to, timeZone: "UTC" };
  if (calendar?.excludeHolidays) window.excludeHolidays = calendar.excludeHolidays;
  Object.assign(window, converted.rates);
  return window;
}

/**
 * The dated entries of one model: a plain price at the publication date; a conditional price at each
 * start date (time windows positioned after a dated entry ride on it), and its unconstrained entry —
 * the price before the first start date — only with a sourced date from the corrections.
 */
function datedEntriesOf(
  provider: string,
  modelId: string,
  corrected: CorrectedModel,
  rules: ImportRules,
  publishedOn: string,
  report: ImportReport,
): { effectiveFrom: string; entry: ImportedEntry }[] {
  const gp = corrected.model;
  const convert = (prices: GpConditionalPrice["prices"]) =>
    convertModelPrice(prices, provider, gp.id, rules.ignoredKeys);
  const where: [string, string] = [provider, gp.id];
  if (!Array.isArray(gp.prices)) {
    const converted = convert(gp.prices);
    if (!pricesSomething(converted, gp.prices)) {
      report.skipped.push({
        provider,
        model: gp.id,
        reason: `priced only in units the engine does not price (${converted.ignored.join(", ")})`,
      });
      return [];
    }
    return [
      {
        effectiveFrom: publishedOn,
        entry: { ...entryFrom(modelId, converted, []), ...corrected.extraFields },
      },
    ];
  }
  const entries = gp.prices;
  const out: { effectiveFrom: string; entry: ImportedEntry }[] = [];
  const notes: string[] = [];
  entries.forEach((e, i) => {
    if (e.constraint?.type === "time_of_date") return;
    const windows = entries
      .slice(i + 1)
      .filter((w) => w.constraint?.type === "time_of_date")
      .map((w) => windowOf(w, convert(w.prices), corrected.calendars.get(selectorOf(w)), where));
    const converted = convert(e.prices);
    if (!pricesSomething(converted, e.prices)) {
      report.skipped.push({
        provider,
        model: gp.id,
        reason: `${selectorOf(e)}: priced only in units the engine does not price`,
      });
      return;
    }
    const calendarNotes = [...corrected.calendars.values()].map(
      (c) => `window on the vendor's calendar (${c.reason}; ${c.source})`,
    );
    const entry = entryFrom(modelId, converted, [...notes, ...calendarNotes]);
    if (windows.length > 0) entry.timeWindows = windows;
    if (!e.constraint) {
      if (!corrected.unconstrainedFrom) {
        const first = entries.find((x) => x.constraint?.type === "start_date")?.constraint as
          | { start_date: string }
          | undefined;
        if (first) {
          report.skipped.push({
            provider,
            model: gp.id,
            reason: `unconstrained entry (the price before ${first.start_date}) has no sourced start date`,
          });
          return;
        }
        out.push({ effectiveFrom: publishedOn, entry });
        return;
      }
      entry.note = [
        entry.note,
        `in force from ${corrected.unconstrainedFrom.from} per ${corrected.unconstrainedFrom.source}`,
      ]
        .filter(Boolean)
        .join("; ");
      out.push({ effectiveFrom: corrected.unconstrainedFrom.from, entry });
      return;
    }
    out.push({ effectiveFrom: (e.constraint as { start_date: string }).start_date, entry });
  });
  for (const d of out) Object.assign(d.entry, corrected.extraFields);
  return out;
}

/**
 * The vendor-neutral open-weight model an imported id serves, by the reviewed rules of
 * pricing-data/genai-prices-rules/base-models.json: the first rule whose pattern matches the id (ignoring
 * case) and whose base model is known; null when none does.
 */
export function baseModelOf(
  id: string,
  rules: readonly BaseModelRule[],
  known: ReadonlySet<string>,
): string | null {
  for (const r of rules)
    if (known.has(r.baseModel) && new RegExp(r.pattern, "i").test(id)) return r.baseModel;
  return null;
}

/** Convert every provider of the package. Throws {@link ImportError} at the first price it cannot express. */
export function convertGenaiPrices(
  gpProviders: readonly GpProvider[],
  source: GpPackageSource,
  curated: CuratedContext,
  rules: ImportRules,
): Conversion {
  const label = sourceLabel(source);
  const report: ImportReport = {
    skipped: [],
    curatedWins: [],
    mappedToCurated: [],
    correctionsApplied: [],
    notes: [],
  };
  const curatedIds = new CuratedIds(curated, source.publishedOn);
  const knownModels = new Set(curated.models.map((m) => m.id));
  const models = new Map<string, ImportedModel>();
  const out: Conversion = { providers: [], models: [], matchRules: [], entries: [], report };
  const pending = new Map(rules.corrections.map((c) => [c, false]));

  for (const gpProvider of gpProviders) {
    const provider = ourProviderId(gpProvider.id);
    if (!curated.providerIds.has(provider)) {
      out.providers.push({
        id: provider,
        name: gpProvider.name,
        url: gpProvider.pricing_urls?.[0] ?? "https://github.com/pydantic/genai-prices",
      });
    }
    const seenHere = new Set<string>();
    for (const gpModel of gpProvider.models) {
      const mine = rules.corrections.filter((c) => c.provider === provider && c.model === gpModel.id);
      for (const c of mine) pending.set(c, true);
      const corrected = correctModel(gpModel, mine);
      for (const c of corrected.applied)
        report.correctionsApplied.push({
          provider,
          model: gpModel.id,
          kind: c.kind,
          reason: c.reason,
          source: c.source,
        });

      const mapped = curatedIds.map(provider, gpModel);
      const modelId = mapped?.id ?? gpModel.id;
      if (mapped)
        report.mappedToCurated.push({
          provider,
          model: gpModel.id,
          curatedModel: mapped.id,
          via: mapped.via,
        });
      out.matchRules.push({ provider, model: modelId, match: gpModel.match });
      if (seenHere.has(modelId)) {
        report.skipped.push({
          provider,
          model: gpModel.id,
          reason: `a second genai-prices model of ${provider} maps onto ${modelId}; the first one's price is kept`,
        });
        continue;
      }
      seenHere.add(modelId);

      const dated = datedEntriesOf(provider, modelId, corrected, rules, source.publishedOn, report);
      const curatedPrice = curated.priced.get(`${provider}\u0000${modelId}`);
      if (curatedPrice) {
        const latest = dated.at(-1)?.entry;
        const differs =
          !latest ||
          !dec(latest.inputPerMillion).eq(curatedPrice.inputPerMillion) ||
          !dec(latest.outputPerMillion).eq(curatedPrice.outputPerMillion);
        report.curatedWins.push({
          provider,
          model: gpModel.id,
          curatedModel: modelId,
          sheet: curatedPrice.sheet,
          differs,
        });
        continue;
      }
      if (dated.length === 0) continue;
      if (!mapped && !models.has(modelId)) {
        models.set(modelId, {
          id: modelId,
          name: gpModel.name ?? gpModel.id,
          contextWindow: gpModel.context_window ?? null,
          baseModel: baseModelOf(modelId, rules.baseModels, knownModels),
          deprecated: gpModel.deprecated === true,
          source: label,
          checkedOn: source.publishedOn,
          checked: false,
          note: SOURCE_NOTE,
        });
      }
      for (const d of dated) out.entries.push({ provider, ...d });
    }
  }
  const unused = [...pending].filter(([, used]) => !used).map(([c]) => `${c.provider}/${c.model}`);
  if (unused.length > 0)
    throw new Error(`corrections name models the data does not have: ${unused.join(", ")}`);
  out.models = [...models.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // A rule may only name a model that exists (one skipped for its units resolves to nothing).
  out.matchRules = out.matchRules.filter((r) => models.has(r.model) || knownModels.has(r.model));
  return out;
}
