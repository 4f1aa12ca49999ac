/**
 * The corrections overlay: reviewed, sourced fixes to known errors in genai-prices' data, applied to a
 * copy of the source before conversion (never by editing generated files). Every correction must find
 * what it corrects: one that no longer applies (the source fixed it) fails the import, so the overlay
 * cannot silently rot.
 */
import { z } from "zod";
import type { GpConditionalPrice, GpModel } from "./source-types.js";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** `unconstrained`, `start_date:2025-06-10` or `time_of_date:01:00:00Z-04:00:00Z`. */
const entrySelector = z
  .string()
  .regex(/^(unconstrained|start_date:\d{4}-\d{2}-\d{2}|time_of_date:[\d:Z]+-[\d:Z]+)$/);

const base = {
  /** Our provider id (`aws-bedrock`, not `aws`). */
  provider: z.string().min(1),
  /** genai-prices' model id as written. */
  model: z.string().min(1),
  reason: z.string().min(10),
  source: z.string().min(5),
};

export const correction = z.discriminatedUnion("kind", [
  /** Replace price keys of one entry. */
  z.object({
    ...base,
    kind: z.literal("set-prices"),
    entry: entrySelector,
    set: z.record(z.string(), z.number().nonnegative()),
  }),
  /** Drop one entry (a stale time window). */
  z.object({ ...base, kind: z.literal("drop-entry"), entry: entrySelector }),
  /** A sourced date for the unconstrained entry of a conditional price (the price before its first start date). */
  z.object({ ...base, kind: z.literal("date-unconstrained"), from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  /** Put a time window on the vendor's calendar: its days, local hours and holidays. */
  z.object({
    ...base,
    kind: z.literal("window-calendar"),
    entry: entrySelector,
    from: hhmm,
    to: hhmm,
    timeZone: z.string().min(1),
    days: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).min(1),
    excludeHolidays: z.string().optional(),
  }),
  /**
   * Add price-entry fields genai-prices 0.1.8 cannot express (service tiers, regional uplifts, a batch
   * discount), to every dated entry of the model, from the vendor's own pages.
   */
  z.object({
    ...base,
    kind: z.literal("add-fields"),
    fields: z
      .object({
        batchDiscount: z.string().optional(),
        serviceTiers: z.array(z.record(z.string(), z.string())).optional(),
        regions: z.array(z.record(z.string(), z.string())).optional(),
      })
      .strict(),
  }),
]);
export type Correction = z.infer<typeof correction>;
export const correctionsFile = z.object({ about: z.string(), corrections: z.array(correction) });

/** What to write on a window a correction puts on the vendor's calendar. */
export interface WindowCalendar {
  from: string;
  to: string;
  timeZone: string;
  days: string[];
  excludeHolidays?: string;
  reason: string;
  source: string;
}

/** A model's source data after its corrections, plus what conversion must know about them. */
export interface CorrectedModel {
  model: GpModel;
  unconstrainedFrom?: { from: string; source: string; reason: string };
  /** selector → calendar, for time windows. */
  calendars: Map<string, WindowCalendar>;
  /** Fields added to every entry (service tiers, regions, batch discount). */
  extraFields: Record<string, unknown>;
  applied: Correction[];
}

/** The selector naming an entry of a conditional price. */
export function selectorOf(entry: GpConditionalPrice): string {
  const c = entry.constraint;
  if (!c) return "unconstrained";
  return c.type === "start_date"
    ? `start_date:${c.start_date}`
    : `time_of_date:${c.start_time}-${c.end_time}`;
}

function entriesOf(model: GpModel): GpConditionalPrice[] {
  return Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }];
}

/**
 * Apply the corrections of one (provider, model) to a deep copy of the model. Throws when a correction
 * selects an entry the model does not have.
 */
export function correctModel(model: GpModel, corrections: readonly Correction[]): CorrectedModel {
  const copy = structuredClone(model);
  const out: CorrectedModel = { model: copy, calendars: new Map(), extraFields: {}, applied: [] };
  for (const c of corrections) {
    const entries = entriesOf(copy);
    const find = (selector: string) => {
      const i = entries.findIndex((e) => selectorOf(e) === selector);
      if (i < 0)
        throw new Error(
          `correction of ${c.provider}/${c.model} selects ${selector}, which the data does not have (remove the correction if the source fixed it)`,
        );
      return i;
    };
    if (c.kind === "set-prices") {
      const entry = entries[find(c.entry)] as GpConditionalPrice;
      const unchanged = Object.entries(c.set).every(([k, v]) => entry.prices[k] === v);
      if (unchanged)
        throw new Error(
          `correction of ${c.provider}/${c.model} ${c.entry} changes nothing (the source has fixed it: remove the correction)`,
        );
      Object.assign(entry.prices, c.set);
    } else if (c.kind === "drop-entry") {
      entries.splice(find(c.entry), 1);
      copy.prices =
        entries.length === 1 && !entries[0]?.constraint ? (entries[0] as GpConditionalPrice).prices : entries;
    } else if (c.kind === "date-unconstrained") {
      if (!Array.isArray(copy.prices))
        throw new Error(
          `correction of ${c.provider}/${c.model} dates an unconstrained entry, but its price is not conditional`,
        );
      out.unconstrainedFrom = { from: c.from, source: c.source, reason: c.reason };
    } else if (c.kind === "add-fields") {
      Object.assign(out.extraFields, c.fields);
    } else {
      find(c.entry);
      out.calendars.set(c.entry, {
        from: c.from,
        to: c.to,
        timeZone: c.timeZone,
        days: c.days,
        excludeHolidays: c.excludeHolidays,
        reason: c.reason,
        source: c.source,
      });
    }
    out.applied.push(c);
  }
  return out;
}
