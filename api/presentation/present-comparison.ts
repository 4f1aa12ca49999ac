/**
 * Comparison results → wire JSON. Internal re-pricing data (`pricing`, `terms`) never leaves the
 * process.
 */

import type { BreakEven } from "../domain/comparison/break-even.js";
import type { ComparedOption, Comparison } from "../domain/comparison/comparison.js";
import type { HybridEstimate } from "../domain/comparison/hybrid.js";
import type { SensitivityTable } from "../domain/comparison/sensitivity.js";
import type { Sweep } from "../domain/comparison/sweep.js";
import { type Decimal, decStrOrNull } from "../domain/shared/decimal.js";
import { breakEvenReason, breakEvenSummary, breakEvenUtilizationNote } from "./break-even-text.js";
import {
  presentApiEstimate,
  presentAssumption,
  presentLineItem,
  presentSelfHostedEstimate,
} from "./present.js";

function presentHybridEstimate(
  e: HybridEstimate,
  deployment: Parameters<typeof presentSelfHostedEstimate>[0],
) {
  return {
    kind: "hybrid" as const,
    name: e.name,
    currency: e.currency,
    replicas: e.replicas,
    replicasChosen: e.replicasChosen,
    replicasToServeAll: e.replicasToServeAll,
    monthlyCost: e.monthlyCost.toString(),
    selfHostedMonthlyCost: e.selfHostedMonthlyCost.toString(),
    overflowMonthlyCost: e.overflowMonthlyCost.toString(),
    selfServedTokensPerMonth: e.selfServedTokensPerMonth.toString(),
    overflowTokensPerMonth: e.overflowTokensPerMonth.toString(),
    costPerMillionTokens: decStrOrNull(e.costPerMillionTokens),
    tokensPerReplicaMonth: decStrOrNull(e.tokensPerReplicaMonth),
    utilization: decStrOrNull(e.utilization),
    search: e.search?.map((s) => ({ replicas: s.replicas, monthlyCost: s.monthlyCost.toString() })) ?? null,
    overflow: presentApiEstimate(e.overflow),
    deployment: presentSelfHostedEstimate(deployment),
    lineItems: e.lineItems.map(presentLineItem),
    assumptions: e.assumptions.map(presentAssumption),
    warnings: e.warnings,
  };
}

export function presentComparedOption(o: ComparedOption) {
  const base = {
    rank: o.rank,
    index: o.index,
    name: o.name,
    kind: o.kind,
    currency: o.currency,
    monthlyCost: o.monthlyCost.toString(),
    costPerMillionTokens: decStrOrNull(o.costPerMillionTokens),
  };
  switch (o.kind) {
    case "api":
      return {
        ...base,
        estimate: { ...presentApiEstimate(o.estimate), assumptions: o.assumptions.map(presentAssumption) },
      };
    case "self-hosted":
      return {
        ...base,
        estimate: {
          ...presentSelfHostedEstimate(o.estimate),
          assumptions: o.assumptions.map(presentAssumption),
        },
      };
    case "hybrid":
      return {
        ...base,
        estimate: {
          ...presentHybridEstimate(o.estimate, o.deployment),
          assumptions: o.assumptions.map(presentAssumption),
        },
      };
  }
}

export function presentBreakEven(b: BreakEven) {
  return {
    selfHosted: b.selfHosted,
    api: b.api,
    currency: b.currency,
    monthlyTokens: decStrOrNull(b.monthlyTokens),
    reason: breakEvenReason(b),
    summary: breakEvenSummary(b),
    apiMonthlyCost: decStrOrNull(b.apiMonthlyCost),
    selfHostedMonthlyCost: decStrOrNull(b.selfHostedMonthlyCost),
    replicas: b.replicas,
    staysCheaper: b.staysCheaper,
    cheaperAtAllVolumesFrom: decStrOrNull(b.cheaperAtAllVolumesFrom),
    apiCostPerMillionTokens: b.apiCostPerMillionTokens.toString(),
    selfHostedCostPerMillionTokensAtFullUse: decStrOrNull(b.selfHostedCostPerMillionTokensAtFullUse),
    replicaMonthlyCost: b.replicaMonthlyCost.toString(),
    fixedMonthlyCost: b.fixedMonthlyCost.toString(),
    tokensPerReplicaMonth: decStrOrNull(b.tokensPerReplicaMonth),
    breakEvenUtilization: decStrOrNull(b.breakEvenUtilization),
    breakEvenUtilizationNote: breakEvenUtilizationNote(b),
  };
}

/**
 * A sweep's wire form. A self-hosted curve is a step function whose costs at each replica count are
 * one memoised Decimal (volume-cost.ts), so a curve repeats the same few objects: each distinct
 * Decimal is written out once per sweep.
 */
export function presentSweep(s: Sweep) {
  const written = new Map<Decimal, string>();
  const text = (d: Decimal): string => {
    let t = written.get(d);
    if (t === undefined) {
      t = d.toString();
      written.set(d, t);
    }
    return t;
  };
  return {
    currency: s.currency,
    from: s.from.toString(),
    to: s.to.toString(),
    points: s.points,
    volumes: s.volumes.map((v) => v.toString()),
    series: s.series.map((series) => ({
      name: series.name,
      kind: series.kind,
      index: series.index,
      costs: series.costs.map(text),
    })),
    assumptions: s.assumptions.map(presentAssumption),
  };
}

export function presentSensitivity(t: SensitivityTable) {
  return {
    selfHosted: t.selfHosted,
    api: t.api,
    swing: t.swing.toString(),
    base: presentBreakEven(t.base),
    rows: t.rows.map((r) => ({
      parameter: r.parameter,
      label: r.label,
      field: r.field,
      unit: r.unit,
      base: r.base.toString(),
      low: {
        value: r.low.value.toString(),
        monthlyTokens: decStrOrNull(r.low.monthlyTokens),
        note: r.low.note,
      },
      high: {
        value: r.high.value.toString(),
        monthlyTokens: decStrOrNull(r.high.monthlyTokens),
        note: r.high.note,
      },
      spread: decStrOrNull(r.spread),
      influence: r.influence,
    })),
    skipped: t.skipped,
  };
}

export function presentComparison(at: string, c: Comparison, sweep?: Sweep, sensitivity?: SensitivityTable) {
  return {
    at,
    currency: c.currency,
    data: c.options.map(presentComparedOption),
    breakEven: c.breakEven.map(presentBreakEven),
    ...(sweep ? { sweep: presentSweep(sweep) } : {}),
    ...(sensitivity ? { sensitivity: presentSensitivity(sensitivity) } : {}),
  };
}
