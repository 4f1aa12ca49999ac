/**
 * Domain records → wire JSON (decimal strings, camelCase). One presenter per shape, shared by routes.
 */
import type { ApiEstimate } from "../domain/pricing/api-fees.js";
import type {
  ModelRecord,
  PriceCatalog,
  PriceRecord,
  PriceSheetRecord,
} from "../domain/pricing/price-catalog.js";
import { priceEntryToRow } from "../domain/pricing/price-entry.js";
import type { SelfHostedEstimate } from "../domain/self-hosting/self-hosted.js";
import { decStrOrNull } from "../domain/shared/decimal.js";
import type { Assumption, LineItem } from "../domain/shared/line-item.js";

export function presentLineItem(item: LineItem) {
  return {
    component: item.component,
    description: item.description,
    unit: item.unit,
    quantity: item.quantity.toString(),
    unitPrice: item.unitPrice.toString(),
    cost: item.cost.toString(),
  };
}

export function presentModel(model: ModelRecord, catalog: PriceCatalog) {
  return {
    id: model.id,
    name: model.name,
    creator: model.creator,
    family: model.family,
    openWeights: model.openWeights,
    license: model.license,
    releaseDate: model.releaseDate,
    contextWindow: model.contextWindow,
    mmlu: model.mmlu,
    architecture: model.architecture,
    aliases: catalog
      .aliasesOf(model.id)
      .map((a) => ({ provider: a.providerId, alias: a.alias, from: a.effectiveFrom })),
    source: model.source,
    checkedOn: model.checkedOn,
    checked: model.checked,
    note: model.note,
  };
}

function presentPrice(price: PriceRecord) {
  return { ...priceEntryToRow(price), model: price.modelId };
}

export function presentPriceInForce(sheet: PriceSheetRecord, price: PriceRecord) {
  return {
    provider: sheet.providerId,
    priceSheetId: sheet.id,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    ...presentPrice(price),
  };
}

export function presentSheetSummary(sheet: PriceSheetRecord) {
  return {
    id: sheet.id,
    provider: sheet.providerId,
    effectiveFrom: sheet.effectiveFrom,
    currency: sheet.currency,
    source: sheet.source,
    checkedOn: sheet.checkedOn,
    checked: sheet.checked,
    note: sheet.note,
    contentHash: sheet.contentHash,
    importedAt: sheet.importedAt ? isoTimestamp(sheet.importedAt) : sheet.importedAt,
    priceCount: sheet.prices.size,
  };
}

export function presentSheet(sheet: PriceSheetRecord) {
  return {
    ...presentSheetSummary(sheet),
    prices: [...sheet.prices.values()].sort((a, b) => (a.modelId < b.modelId ? -1 : 1)).map(presentPrice),
    withdrawn: [...sheet.withdrawn].sort(),
  };
}

export function presentAssumption(a: Assumption) {
  return { field: a.field, value: a.value, source: a.source };
}

export function presentApiEstimate(e: ApiEstimate) {
  return {
    kind: "api" as const,
    provider: e.provider,
    model: e.model,
    requestedModel: e.requestedModel,
    region: e.region,
    priceSheetId: e.priceSheetId,
    effectiveFrom: e.effectiveFrom,
    currency: e.currency,
    tierAboveInputTokens: e.tierAboveInputTokens,
    monthlyCost: e.monthlyCost.toString(),
    costPerMillionTokens: decStrOrNull(e.costPerMillionTokens),
    lineItems: e.lineItems.map(presentLineItem),
    assumptions: e.assumptions.map(presentAssumption),
    warnings: e.warnings,
  };
}

export function presentSelfHostedEstimate(e: SelfHostedEstimate) {
  const t = e.throughput;
  const m = e.memory;
  return {
    kind: "self-hosted" as const,
    model: e.model,
    accelerator: e.accelerator,
    currency: e.currency,
    monthlyCost: e.monthlyCost.toString(),
    replicas: e.replicas,
    hourlyCostPerReplica: e.hourlyCostPerReplica.toString(),
    capacityTokensPerMonth: e.capacityTokensPerMonth.toString(),
    requiredTokensPerMonth: e.requiredTokensPerMonth.toString(),
    utilization: e.utilization.toString(),
    costPerMillionTokens: decStrOrNull(e.costPerMillionTokens),
    costPerMillionOutputTokens: decStrOrNull(e.costPerMillionOutputTokens),
    deployment: { ...e.deployment },
    throughput: {
      tokensPerSecond: t.tokensPerSecond.toString(),
      counts: t.counts,
      source: t.source,
      reference: t.reference,
      benchmarkId: t.benchmarkId,
      detail: t.detail,
      factors: t.factors
        ? {
            memoryEfficiency: t.factors.memoryEfficiency.toString(),
            computeEfficiency: t.factors.computeEfficiency.toString(),
            tensorParallelLoss: t.factors.tensorParallelLoss.toString(),
            maxConcurrentSequences: t.factors.maxConcurrentSequences,
            weightOnlyDerate: t.factors.weightOnlyDerate.toString(),
            stepOverheadSecondsPerLayer: t.factors.stepOverheadSecondsPerLayer.toString(),
          }
        : null,
      ...(t.concurrentSequences != null ? { concurrentSequences: t.concurrentSequences } : {}),
      ...(t.outputTokensPerSecondPerUser
        ? { outputTokensPerSecondPerUser: t.outputTokensPerSecondPerUser.toString() }
        : {}),
    },
    memory: {
      weightsGB: m.weightsGB.toString(),
      kvCacheGBPerSequence: m.kvCacheGBPerSequence.toString(),
      kvCacheBytesPerToken: m.kvCacheBytesPerToken.toString(),
      usableGB: m.usableGB.toString(),
      contextTokens: m.contextTokens,
      fits: m.fits,
      maxBatch: m.maxBatch,
    },
    lineItems: e.lineItems.map(presentLineItem),
    assumptions: e.assumptions.map(presentAssumption),
    warnings: e.warnings,
  };
}

/** A database timestamp (`2026-11-28 17:56:04.548+00`) as ISO 8601 UTC (`2026-11-28T17:56:04.548Z`). */
export function isoTimestamp(value: string): string {
  const parsed = new Date(
    value.includes("T") ? value : value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"),
  );
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}
