/**
 * Engine vs peer: one API estimate in the domain engine (decimal inputs → workload defaults →
 * offering resolved in a PriceCatalog → estimateApiFees → wire strings: what the handler does minus
 * HTTP and zod) against `calcPrice` of @pydantic/genai-prices (floats, its bundled data) for the same
 * usage. Both must give the same dollar figure.
 *
 * Run alone: `npx tsx bench/engine.ts`.
 */
import { calcPrice } from "@pydantic/genai-prices";
import { do_not_optimize, measure } from "mitata";
import { catalogRowsFromFiles } from "../api/catalog/catalog-rows.js";
import { loadCuratedPricingFiles, loadPricingDataFiles } from "../api/catalog/load-files.js";
import { estimateApiFees } from "../api/domain/pricing/api-fees.js";
import { PriceCatalog } from "../api/domain/pricing/price-catalog.js";
import { resolveWorkload, type WorkloadInput } from "../api/domain/pricing/workload.js";
import { Decimal } from "../api/domain/shared/decimal.js";
import { PRICING_DATA_DIR } from "../api/paths.js";
import { presentApiEstimate } from "../api/presentation/present.js";

/** One request's usage, as the wire sends it (numbers for tokens, decimal strings for shares). */
export interface EngineCase {
  name: string;
  what: string;
  provider: string;
  model: string;
  at: string;
  workload: {
    inputTokensPerMonth: number;
    outputTokensPerMonth: number;
    cachedInputShare: string;
    cacheWriteShare?: string;
    batchShare: string;
    inputTokensPerRequest: number;
  };
  /** The peer's usage for the same tokens (it prices one call; cache tokens are parts of input). */
  peerUsage: Record<string, number>;
  peerModel: string;
  peerProvider: string;
  /**
   * The peer has no batch API pricing: its full-price total times this factor
   * (1 − batchShare × batchDiscount) is the figure to compare.
   */
  peerBatchFactor: number;
}

export const ENGINE_CASES: EngineCase[] = [
  {
    name: "gemini-1.5-pro, tier >128K, cached reads, batch",
    what: "200K-token requests select the >128K tier; 25% cached reads (no Gemini cache price in either catalogue: priced as input, with a warning); 50% batch (no batch discount recorded: full price, with a warning)",
    provider: "google",
    model: "gemini-1.5-pro",
    at: "2024-11-01",
    workload: {
      inputTokensPerMonth: 200_000,
      outputTokensPerMonth: 2_000,
      cachedInputShare: "0.25",
      batchShare: "0.5",
      inputTokensPerRequest: 200_000,
    },
    peerUsage: { input_tokens: 200_000, cache_read_tokens: 50_000, output_tokens: 2_000 },
    peerModel: "gemini-1.5-pro",
    peerProvider: "google",
    peerBatchFactor: 1,
  },
  {
    name: "claude-3-5-sonnet, cache reads + writes, batch 50% off",
    what: "25% cache reads at $0.30/M, 5% cache writes at $3.75/M, 50% of traffic through the batch API at half price; no tier",
    provider: "anthropic",
    model: "claude-3-5-sonnet-20240620",
    at: "2024-11-01",
    workload: {
      inputTokensPerMonth: 200_000,
      outputTokensPerMonth: 2_000,
      cachedInputShare: "0.25",
      cacheWriteShare: "0.05",
      batchShare: "0.5",
      inputTokensPerRequest: 200_000,
    },
    peerUsage: {
      input_tokens: 200_000,
      cache_read_tokens: 50_000,
      cache_write_tokens: 10_000,
      output_tokens: 2_000,
    },
    peerModel: "claude-3-5-sonnet-20240620",
    peerProvider: "anthropic",
    peerBatchFactor: 1 - 0.5 * 0.5,
  },
  {
    name: "gpt-4o (alias), cached reads, batch 50% off",
    what: "the `gpt-4o` alias resolved at the date; 25% cached reads at $1.25/M; 50% batch at half price",
    provider: "openai",
    model: "gpt-4o",
    at: "2024-11-01",
    workload: {
      inputTokensPerMonth: 200_000,
      outputTokensPerMonth: 2_000,
      cachedInputShare: "0.25",
      batchShare: "0.5",
      inputTokensPerRequest: 200_000,
    },
    peerUsage: { input_tokens: 200_000, cache_read_tokens: 50_000, output_tokens: 2_000 },
    peerModel: "gpt-4o-2024-08-06",
    peerProvider: "openai",
    peerBatchFactor: 1 - 0.5 * 0.5,
  },
];

export interface EngineCaseResult {
  name: string;
  what: string;
  apiEstimateMicros: number;
  genaiPricesMicros: number;
  ratio: number;
  /** The same plus presentApiEstimate (decimal strings for the wire), µs. */
  withPresentMicros: number;
  /** The engine's exact monthly cost (decimal string). */
  apiMonthlyCost: string;
  /** The peer's float total × the batch factor. */
  peerTotal: number;
  sameDollarFigure: boolean;
}

export interface EngineResults {
  cases: EngineCaseResult[];
  /** The headline case (the first): tier + cached reads + batch share. */
  apiEstimateMicros: number;
  genaiPricesMicros: number;
  apiEstimateVsGenaiPrices: number;
  /** Every case gives the same dollar figure in both. */
  sameDollarFigures: boolean;
  /**
   * The same estimates on the whole catalogue (≈1,700 offerings) vs the 2024 catalogue (17 sheets):
   * µs per estimate, summed over the cases (median of alternating rounds), and speed on the whole
   * catalogue as a share of the small one's (issue 15: within 5 %).
   */
  catalogSize?: { wholeMicros: number; smallMicros: number; speedVsSmall: number; wholeSheets: number };
}

/** The real, sourced catalogue from pricing-data/, in memory (as a snapshot holds it). */
export async function loadFileCatalog(): Promise<PriceCatalog> {
  return new PriceCatalog(catalogRowsFromFiles(await loadPricingDataFiles(PRICING_DATA_DIR)));
}

/**
 * The catalogue as it was before the 2026 import (issue 15's "today's small catalogue"): the curated
 * files' 2024 sheets only (15 models priced, 17 sheets), models and aliases as curated.
 */
export async function loadSmall2024Catalog(): Promise<PriceCatalog> {
  const curated = await loadCuratedPricingFiles(PRICING_DATA_DIR);
  return new PriceCatalog(
    catalogRowsFromFiles({
      ...curated,
      priceSheets: curated.priceSheets.filter((s) => s.effectiveFrom < "2025-01-01"),
    }),
  );
}

/**
 * What POST /v1/estimates/api does for one offering, minus HTTP, zod validation and the wire strings:
 * the request's numbers and decimal strings to Decimals, defaults, the offering resolved in the
 * catalogue, the exact estimate.
 */
export function engineEstimate(catalog: PriceCatalog, c: EngineCase) {
  const w = c.workload;
  const input: WorkloadInput = {
    inputTokensPerMonth: new Decimal(w.inputTokensPerMonth),
    outputTokensPerMonth: new Decimal(w.outputTokensPerMonth),
    cachedInputShare: new Decimal(w.cachedInputShare),
    batchShare: new Decimal(w.batchShare),
    inputTokensPerRequest: new Decimal(w.inputTokensPerRequest),
  };
  if (w.cacheWriteShare !== undefined) input.cacheWriteShare = new Decimal(w.cacheWriteShare);
  const { workload, assumptions } = resolveWorkload(input);
  const offering = catalog.resolveOffering(c.provider, c.model, c.at, "/offerings/0");
  const estimate = estimateApiFees(workload, offering, c.model);
  estimate.assumptions.unshift(...assumptions);
  return estimate;
}

/** The same, plus the wire form (decimal strings) the handler then serialises. */
export function engineEstimateWithWireStrings(catalog: PriceCatalog, c: EngineCase) {
  return presentApiEstimate(engineEstimate(catalog, c));
}

export function peerEstimate(c: EngineCase, timestamp: Date) {
  return calcPrice(c.peerUsage, c.peerModel, { providerId: c.peerProvider, timestamp });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Engine and peer measured in alternating rounds (mitata `measure`, ~0.3 s of CPU each); each side's
 * figure is the median over rounds of the per-round median (p50) time per call, in µs, so a burst of
 * load from another process hits both sides alike.
 */
export async function runEngineBench(
  catalog?: PriceCatalog,
  rounds = Number(process.env.BENCH_ENGINE_ROUNDS ?? 7),
): Promise<EngineResults> {
  const cat = catalog ?? (await loadFileCatalog());
  const cases: EngineCaseResult[] = [];
  for (const c of ENGINE_CASES) {
    const timestamp = new Date(`${c.at}T00:00:00Z`);
    const ours = engineEstimateWithWireStrings(cat, c);
    const peer = peerEstimate(c, timestamp);
    if (!peer) throw new Error(`genai-prices has no price for ${c.peerProvider}/${c.peerModel}`);
    const peerTotal = peer.total_price * c.peerBatchFactor;
    // Float vs exact: equal to well below a micro-dollar.
    const same = Math.abs(Number(ours.monthlyCost) - peerTotal) < 1e-9;
    // Both warm and JIT-compiled before measuring.
    for (let i = 0; i < 20_000; i++) {
      do_not_optimize(engineEstimate(cat, c));
      do_not_optimize(peerEstimate(c, timestamp));
    }
    const apiRounds: number[] = [];
    const peerRounds: number[] = [];
    const wireRounds: number[] = [];
    const opts = { min_cpu_time: 300e6 };
    for (let r = 0; r < rounds; r++) {
      apiRounds.push((await measure(() => do_not_optimize(engineEstimate(cat, c)), opts)).p50 / 1000);
      peerRounds.push((await measure(() => do_not_optimize(peerEstimate(c, timestamp)), opts)).p50 / 1000);
      if (r % 2 === 0) {
        wireRounds.push(
          (await measure(() => do_not_optimize(engineEstimateWithWireStrings(cat, c)), opts)).p50 / 1000,
        );
      }
    }
    const api = median(apiRounds);
    const gp = median(peerRounds);
    cases.push({
      name: c.name,
      what: c.what,
      apiEstimateMicros: api,
      genaiPricesMicros: gp,
      ratio: api / gp,
      withPresentMicros: median(wireRounds),
      apiMonthlyCost: ours.monthlyCost,
      peerTotal,
      sameDollarFigure: same,
    });
  }
  const head = cases[0]!;
  const catalogSize = await compareCatalogSizes(cat, rounds);
  return {
    catalogSize,
    cases,
    apiEstimateMicros: head.apiEstimateMicros,
    genaiPricesMicros: head.genaiPricesMicros,
    apiEstimateVsGenaiPrices: head.ratio,
    sameDollarFigures: cases.every((c) => c.sameDollarFigure),
  };
}

/** The engine cases on the whole catalogue and on the 2024 one, alternating rounds (same answers checked). */
async function compareCatalogSizes(whole: PriceCatalog, rounds: number) {
  const small = await loadSmall2024Catalog();
  for (const c of ENGINE_CASES) {
    const a = engineEstimate(whole, c).monthlyCost;
    const b = engineEstimate(small, c).monthlyCost;
    if (!a.eq(b)) throw new Error(`${c.name}: ${a} on the whole catalogue vs ${b} on the 2024 one`);
  }
  const allCases = (catalog: PriceCatalog) => {
    for (const c of ENGINE_CASES) do_not_optimize(engineEstimate(catalog, c));
  };
  const opts = { min_cpu_time: 300e6 };
  const wholeRounds: number[] = [];
  const smallRounds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    wholeRounds.push((await measure(() => allCases(whole), opts)).p50 / 1000);
    smallRounds.push((await measure(() => allCases(small), opts)).p50 / 1000);
  }
  const wholeMicros = median(wholeRounds);
  const smallMicros = median(smallRounds);
  return {
    wholeMicros,
    smallMicros,
    speedVsSmall: smallMicros / wholeMicros,
    wholeSheets: whole.sheets.size,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runEngineBench();
  for (const c of r.cases) {
    console.log(
      `${c.name}: engine ${c.apiEstimateMicros.toFixed(2)} µs (+ wire strings ${c.withPresentMicros.toFixed(2)} µs) ($${c.apiMonthlyCost}) vs genai-prices ${c.genaiPricesMicros.toFixed(2)} µs ($${c.peerTotal}) → ratio ${c.ratio.toFixed(3)}${c.sameDollarFigure ? "" : "  DOLLAR MISMATCH"}`,
    );
  }
}
