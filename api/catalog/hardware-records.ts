/**
 * Turns validated hardware catalogue entries (decimal strings) into the domain's records (Decimals):
 * accelerators, throughput benchmarks and TCO defaults for `estimateSelfHosted`.
 */

import type { ThroughputBenchmark } from "../domain/self-hosting/published-benchmarks.js";
import type { CatalogAccelerator, SourcedDefault, TcoDefaults } from "../domain/self-hosting/self-hosted.js";
import { dec } from "../domain/shared/decimal.js";
import type {
  AcceleratorEntry,
  DefaultsFile,
  SourcedValue,
  ThroughputBenchmarkEntry,
} from "./hardware-schema.js";

const decOrNull = (v: string | null) => (v == null ? null : dec(v));

/** Source text with the date it was taken and whether it was confirmed on a primary page. */
export function describeSource(s: {
  source: string;
  checkedOn: string;
  checked: boolean;
  note?: string | undefined;
}): string {
  return `${s.source} (checked ${s.checkedOn}${s.checked ? "" : ", unconfirmed: secondary source"})`;
}

/** accelerators.json entry → domain accelerator. */
export function toCatalogAccelerator(e: AcceleratorEntry): CatalogAccelerator {
  return {
    id: e.id,
    name: e.name,
    consumer: e.consumer,
    memoryGB: dec(e.memoryGB),
    memoryBandwidthGBps: dec(e.memoryBandwidthGBps),
    bf16DenseTflops: decOrNull(e.bf16DenseTflops),
    fp8DenseTflops: decOrNull(e.fp8DenseTflops),
    fp4DenseTflops: decOrNull(e.fp4DenseTflops ?? null),
    vendor: e.vendor,
    int8DenseTops: decOrNull(e.int8DenseTops),
    tdpWatts: dec(e.tdpWatts),
    systemPower: e.systemPower
      ? { wattsPerAccelerator: dec(e.systemPower.wattsPerAccelerator), source: describeSource(e.systemPower) }
      : null,
    specsSource: describeSource(e.specs),
    purchasePrices: e.purchasePrices.map((p) => ({
      pricePerAccelerator: dec(p.pricePerAccelerator),
      basis: p.basis,
      date: p.date,
      source: describeSource(p),
    })),
    rentPrices: e.rentPrices.map((r) => ({
      pricePerHour: dec(r.pricePerHour),
      provider: r.provider,
      term: r.term,
      date: r.date,
      source: describeSource(r),
    })),
  };
}

/** throughput-benchmarks.json entry → domain benchmark. */
export function toThroughputBenchmark(b: ThroughputBenchmarkEntry): ThroughputBenchmark {
  return {
    id: b.id,
    model: b.model,
    measuredModel: b.measuredModel,
    family: b.family,
    accelerator: b.accelerator,
    count: b.count,
    precision: b.precision,
    inputTokens: b.inputTokens,
    outputTokens: b.outputTokens,
    tokensPerSecond: dec(b.tokensPerSecond),
    counts: b.counts,
    scenario: b.scenario,
    engine: b.engine,
    date: b.date,
    outputTokensPerSecondPerUser: b.outputTokensPerSecondPerUser ? dec(b.outputTokensPerSecondPerUser) : null,
    source: b.source,
    note: b.note ?? null,
  };
}

function sourcedDefault(v: SourcedValue): SourcedDefault {
  return { value: dec(v.value), source: describeSource(v) };
}

/** defaults.json → domain TCO defaults. */
export function toTcoDefaults(d: DefaultsFile): TcoDefaults {
  return {
    pricePerKwh: sourcedDefault(d.pricePerKwh),
    pue: sourcedDefault(d.pue),
    lifetimeYears: sourcedDefault(d.lifetimeYears),
    residualValueShare: sourcedDefault(d.residualValueShare),
    costOfCapital: sourcedDefault(d.costOfCapital),
    maintenanceShare: sourcedDefault(d.maintenanceShare),
    facilitiesPerServerMonth: sourcedDefault(d.facilitiesPerServerMonth),
    acceleratorsPerServer: sourcedDefault(d.acceleratorsPerServer),
    operationsFte: sourcedDefault(d.operationsFte),
    costPerFteMonth: sourcedDefault(d.costPerFteMonth),
    maxUtilization: sourcedDefault(d.maxUtilization),
    loadFactor: sourcedDefault(d.loadFactor),
    memoryMargin: sourcedDefault(d.memoryMargin),
    serverPowerFactor: sourcedDefault(d.serverPowerFactor),
    maxConcurrentSequences: sourcedDefault(d.maxConcurrentSequences),
    inputTokensPerRequest: sourcedDefault(d.inputTokensPerRequest),
  };
}
