/**
 * Price entries ⇄ the price tables: `prices` (base rates and fees), `price_tiers` (prompt-length
 * bands), `price_steps` (service tiers, regions, time windows), `price_tool_fees`. The one place that
 * knows how an entry is spread over them; decimals stay strings (numeric columns) both ways.
 */
import type { PriceEntryRow, RateStepRow } from "../domain/pricing/price-entry.js";
import type { priceSteps, prices, priceTiers, priceToolFees } from "./schema.js";

type PriceTableRow = typeof prices.$inferSelect;
type TierTableRow = typeof priceTiers.$inferSelect;
type StepTableRow = typeof priceSteps.$inferSelect;
type ToolFeeTableRow = typeof priceToolFees.$inferSelect;

const STEP_KIND = { serviceTiers: "service-tier", regions: "region", timeWindows: "time-window" } as const;

function stepRates(row: RateStepRow): RateStepRow {
  return {
    multiplier: row.multiplier,
    inputPerMillion: row.inputPerMillion,
    outputPerMillion: row.outputPerMillion,
    cachedInputPerMillion: row.cachedInputPerMillion,
    cacheWritePerMillion: row.cacheWritePerMillion,
    cacheWrite1hPerMillion: row.cacheWrite1hPerMillion,
    reasoningOutputPerMillion: row.reasoningOutputPerMillion,
  };
}

/** One entry as rows of each price table. */
export function priceEntryToTableRows(priceSheetId: string, entry: PriceEntryRow) {
  const key = { priceSheetId, modelId: entry.model };
  const price: PriceTableRow = {
    ...key,
    inputPerMillion: entry.inputPerMillion,
    outputPerMillion: entry.outputPerMillion,
    cachedInputPerMillion: entry.cachedInputPerMillion,
    cacheWritePerMillion: entry.cacheWritePerMillion,
    batchDiscount: entry.batchDiscount,
    cacheWrite1hPerMillion: entry.cacheWrite1hPerMillion,
    reasoningOutputPerMillion: entry.reasoningOutputPerMillion,
    requestFeePer1K: entry.requestFeePer1K,
  };
  const tiers: TierTableRow[] = entry.tiers.map((b) => ({
    ...key,
    aboveInputTokens: b.aboveInputTokens,
    inclusive: b.inclusive,
    countsCachedTokens: b.countsCachedTokens,
    ...stepRates(b),
  }));
  const none = { days: null, fromTime: null, toTime: null, timeZone: null, excludeHolidays: null };
  const steps: StepTableRow[] = [
    ...entry.serviceTiers.map((t, position) => ({
      ...key,
      kind: STEP_KIND.serviceTiers,
      position,
      key: t.tier,
      ...stepRates(t),
      ...none,
    })),
    ...entry.regions.map((r, position) => ({
      ...key,
      kind: STEP_KIND.regions,
      position,
      key: r.region,
      ...stepRates(r),
      ...none,
    })),
    ...entry.timeWindows.map((w, position) => ({
      ...key,
      kind: STEP_KIND.timeWindows,
      position,
      key: w.name,
      ...stepRates(w),
      days: w.days,
      fromTime: w.from,
      toTime: w.to,
      timeZone: w.timeZone,
      excludeHolidays: w.excludeHolidays,
    })),
  ];
  const toolFees: ToolFeeTableRow[] = entry.toolFees.map((f) => ({
    ...key,
    tool: f.tool,
    pricePer1K: f.pricePer1K,
  }));
  return { price, tiers, steps, toolFees };
}

/** The entries of the stored rows, keyed by sheet id and model id. */
export function priceEntriesFromTableRows(rows: {
  prices: PriceTableRow[];
  tiers: TierTableRow[];
  steps: StepTableRow[];
  toolFees: ToolFeeTableRow[];
}): { priceSheetId: string; entry: PriceEntryRow }[] {
  const entries = new Map<string, { priceSheetId: string; entry: PriceEntryRow }>();
  const keyOf = (r: { priceSheetId: string; modelId: string }) => `${r.priceSheetId}\u0000${r.modelId}`;
  for (const p of rows.prices) {
    entries.set(keyOf(p), {
      priceSheetId: p.priceSheetId,
      entry: {
        model: p.modelId,
        inputPerMillion: p.inputPerMillion,
        outputPerMillion: p.outputPerMillion,
        cachedInputPerMillion: p.cachedInputPerMillion,
        cacheWritePerMillion: p.cacheWritePerMillion,
        cacheWrite1hPerMillion: p.cacheWrite1hPerMillion,
        reasoningOutputPerMillion: p.reasoningOutputPerMillion,
        requestFeePer1K: p.requestFeePer1K,
        toolFees: [],
        batchDiscount: p.batchDiscount,
        serviceTiers: [],
        regions: [],
        tiers: [],
        timeWindows: [],
      },
    });
  }
  for (const t of rows.tiers) {
    entries.get(keyOf(t))?.entry.tiers.push({
      aboveInputTokens: t.aboveInputTokens,
      inclusive: t.inclusive,
      countsCachedTokens: t.countsCachedTokens,
      ...stepRates(t),
    });
  }
  for (const f of rows.toolFees)
    entries.get(keyOf(f))?.entry.toolFees.push({ tool: f.tool, pricePer1K: f.pricePer1K });
  const steps = [...rows.steps].sort((a, b) => a.position - b.position);
  for (const s of steps) {
    const entry = entries.get(keyOf(s))?.entry;
    if (!entry) continue;
    if (s.kind === STEP_KIND.serviceTiers) {
      entry.serviceTiers.push({
        tier: s.key as PriceEntryRow["serviceTiers"][number]["tier"],
        ...stepRates(s),
      });
    } else if (s.kind === STEP_KIND.regions) {
      entry.regions.push({ region: s.key, ...stepRates(s) });
    } else {
      entry.timeWindows.push({
        name: s.key,
        days: (s.days ?? []) as PriceEntryRow["timeWindows"][number]["days"],
        from: s.fromTime ?? "00:00",
        to: s.toTime ?? "24:00",
        timeZone: s.timeZone ?? "UTC",
        excludeHolidays: s.excludeHolidays,
        ...stepRates(s),
      });
    }
  }
  for (const { entry } of entries.values()) {
    entry.tiers.sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
    entry.toolFees.sort((a, b) => (a.tool < b.tool ? -1 : 1));
  }
  return [...entries.values()];
}
