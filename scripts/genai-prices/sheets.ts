/**
 * Dated entries → immutable sheet files, against the imported sheets already on disk: an entry is
 * written only where the price in force at its date differs, so re-running the same package version
 * writes nothing and a newer version adds sheets only where prices changed (models it no longer lists
 * are withdrawn at its publication date).
 */
import type { DatedEntry, ImportedEntry } from "./convert.js";

export interface ImportedSheet {
  provider: string;
  effectiveFrom: string;
  currency: "USD";
  source: string;
  checkedOn: string;
  checked: false;
  note: string;
  prices: ImportedEntry[];
  withdrawn?: string[];
}

/** Key-order-independent JSON, so an entry read back from disk compares equal to a fresh one. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type Timeline = { effectiveFrom: string; entry: ImportedEntry | null }[];

function timelines(sheets: readonly ImportedSheet[]): Map<string, Timeline> {
  const byKey = new Map<string, Timeline>();
  const push = (provider: string, model: string, effectiveFrom: string, entry: ImportedEntry | null) => {
    const key = `${provider}\u0000${model}`;
    const list = byKey.get(key) ?? [];
    list.push({ effectiveFrom, entry });
    byKey.set(key, list);
  };
  for (const s of sheets) {
    for (const p of s.prices) push(s.provider, p.model, s.effectiveFrom, p);
    for (const w of s.withdrawn ?? []) push(s.provider, w, s.effectiveFrom, null);
  }
  for (const list of byKey.values()) list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  return byKey;
}

function inForce(list: Timeline | undefined, date: string): ImportedEntry | null {
  let found: ImportedEntry | null = null;
  for (const t of list ?? []) if (t.effectiveFrom <= date) found = t.entry;
  return found;
}

export interface SheetPlan {
  /** New sheet files to write. */
  sheets: ImportedSheet[];
  /** Entries already represented by the sheets on disk. */
  unchanged: number;
}

/**
 * Plan the new sheets. Throws when a change falls on a (provider, date) that already has a sheet:
 * sheets are immutable, so that needs a person to decide.
 */
export function planSheets(
  entries: readonly DatedEntry[],
  existing: readonly ImportedSheet[],
  meta: { source: string; publishedOn: string; note: string },
  reservedKeys: ReadonlySet<string>,
): SheetPlan {
  const current = timelines(existing);
  const existingKeys = new Set(existing.map((s) => `${s.provider}\u0000${s.effectiveFrom}`));
  const fresh = new Map<string, ImportedSheet>();
  let unchanged = 0;
  const sheetFor = (provider: string, effectiveFrom: string) => {
    const key = `${provider}\u0000${effectiveFrom}`;
    if (existingKeys.has(key))
      throw new Error(
        `genai-prices changes ${provider} at ${effectiveFrom}, where an imported sheet already exists (sheets are immutable)`,
      );
    if (reservedKeys.has(key))
      throw new Error(
        `an imported ${provider} sheet at ${effectiveFrom} would collide with the curated sheet of that date`,
      );
    let sheet = fresh.get(key);
    if (!sheet) {
      sheet = {
        provider,
        effectiveFrom,
        currency: "USD",
        source: meta.source,
        checkedOn: meta.publishedOn,
        checked: false,
        note: meta.note,
        prices: [],
      };
      fresh.set(key, sheet);
    }
    return sheet;
  };
  const listed = new Set<string>();
  for (const d of entries) {
    const key = `${d.provider}\u0000${d.entry.model}`;
    listed.add(key);
    const before = inForce(current.get(key), d.effectiveFrom);
    if (before && canonicalJson(before) === canonicalJson(d.entry)) {
      unchanged++;
      continue;
    }
    sheetFor(d.provider, d.effectiveFrom).prices.push(d.entry);
  }
  for (const [key, list] of current) {
    if (listed.has(key) || list.at(-1)?.entry === null) continue;
    const [provider, model] = key.split("\u0000") as [string, string];
    const sheet = sheetFor(provider, meta.publishedOn);
    sheet.withdrawn = [...(sheet.withdrawn ?? []), model].sort();
  }
  const sheets = [...fresh.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
  for (const s of sheets) s.prices.sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return { sheets, unchanged };
}
