/**
 * Scale: a price sheet of 10,000 models imported over HTTP, and estimates against it compared with
 * the small (sourced) catalogue, on a throwaway database of the bench's own.
 *
 * 1. Migrate and seed the throwaway database, then insert 10,000 synthetic models straight into the
 *    `models` table (an import only prices models the catalogue knows).
 * 2. Start the real server on it and measure `POST /v1/estimates/api` for three real offerings on
 *    their own (small) sheets.
 * 3. `POST /v1/price-sheets` (admin) a 10,000-row `together` sheet: 9,997 synthetic models plus the same
 *    three models at the same prices, so a request against it does exactly the same work, except
 *    that every look-up goes through a catalogue holding 10,000 more prices and models.
 * 4. Measure the same request against the big sheet, and the small-sheet request again.
 * Plus the engine alone (no HTTP): one estimate on the 10k-price catalogue vs the file catalogue, and
 * the time to build a PriceCatalog of that size (what a snapshot reload costs).
 */
import { do_not_optimize, measure } from "mitata";
import { prepareDatabase } from "../api/bootstrap.js";
import { catalogRowsFromFiles } from "../api/catalog/catalog-rows.js";
import { loadPricingDataFiles } from "../api/catalog/load-files.js";
import { priceEntry } from "../api/catalog/schema.js";
import { models } from "../api/db/schema.js";
import { estimateApiFees } from "../api/domain/pricing/api-fees.js";
import { type CatalogRows, PriceCatalog } from "../api/domain/pricing/price-catalog.js";
import { resolveWorkload } from "../api/domain/pricing/workload.js";
import { createLogger } from "../api/logging/logger.js";
import { PRICING_DATA_DIR } from "../api/paths.js";
import { createBenchDatabase } from "./db.js";
import { type LoadResult, runLoad } from "./load.js";
import { WORKLOAD, workloadAsDecimals } from "./requests.js";
import { startBenchServer } from "./server.js";

export const SCALE_MODELS = 10_000;
const ADMIN_TOKEN = "bench-admin-token-0123456789";
const SHEET_PROVIDER = "together";
const SHEET_FROM = "2024-12-01";
const AT = "2024-12-15";

/** The three real models, priced as on their own sheets in force at AT (tiers included). */
const REAL_ROWS = [
  {
    provider: "openai",
    model: "gpt-4o-2024-08-06",
    inputPerMillion: "2.50",
    outputPerMillion: "10.00",
    cachedInputPerMillion: "1.25",
    cacheWritePerMillion: null,
    batchDiscount: "0.5",
    tiers: [],
  },
  {
    provider: "anthropic",
    model: "claude-3-5-sonnet-20241022",
    inputPerMillion: "3.00",
    outputPerMillion: "15.00",
    cachedInputPerMillion: "0.30",
    cacheWritePerMillion: "3.75",
    batchDiscount: "0.5",
    tiers: [],
  },
  {
    provider: "google",
    model: "gemini-1.5-pro",
    inputPerMillion: "1.25",
    outputPerMillion: "5.00",
    cachedInputPerMillion: null,
    cacheWritePerMillion: null,
    batchDiscount: null,
    tiers: [{ aboveInputTokens: 128000, inputPerMillion: "2.50", outputPerMillion: "10.00" }],
  },
];

const syntheticId = (i: number) => `bench-m-${String(i).padStart(5, "0")}`;
const SYNTHETIC = SCALE_MODELS - REAL_ROWS.length;

function syntheticModels() {
  return Array.from({ length: SYNTHETIC }, (_, i) => ({
    id: syntheticId(i),
    name: `Bench model ${i}`,
    creator: "bench",
    family: "bench",
    openWeights: false,
    license: null,
    releaseDate: null,
    contextWindow: 128_000,
    mmlu: null,
    architecture: null,
    source: "synthetic model for the scale benchmark",
    checkedOn: "2024-12-01",
    checked: false,
    note: null,
  }));
}

/** The import body: compact synthetic rows (the body limit is 1 MiB) plus the three real rows. */
export function scaleSheet() {
  return {
    provider: SHEET_PROVIDER,
    effectiveFrom: SHEET_FROM,
    currency: "USD",
    source: "synthetic sheet for the scale benchmark",
    checked: false,
    checkedOn: "2024-12-01",
    prices: [
      ...Array.from({ length: SYNTHETIC }, (_, i) => ({
        model: syntheticId(i),
        inputPerMillion: `${(i % 97) / 10 + 0.1}`,
        outputPerMillion: `${(i % 89) / 5 + 0.3}`,
      })),
      ...REAL_ROWS.map(({ provider: _p, ...row }) => row),
    ],
  };
}

const smallBody = JSON.stringify({
  workload: WORKLOAD,
  offerings: REAL_ROWS.map((r) => ({ provider: r.provider, model: r.model })),
  at: AT,
});
const largeBody = JSON.stringify({
  workload: WORKLOAD,
  offerings: REAL_ROWS.map((r) => ({ provider: SHEET_PROVIDER, model: r.model })),
  at: AT,
});

export interface ScaleResults {
  database: "pglite" | "postgres";
  models: number;
  sheetRows: number;
  sheetBytes: number;
  /** Inserting the synthetic models (bench set-up, not a product path). */
  modelInsertMs: number;
  /** POST /v1/price-sheets of the 10k-row sheet: validation, insert, snapshot reload, response. */
  importMs: number;
  importStatus: number;
  importResponseBytes: number;
  /** Estimates (3 offerings) over HTTP, req/s. */
  smallRps: number;
  largeRps: number;
  smallAfterImportRps: number;
  /** largeRps / smallRps (≥ 0.9 is the target). */
  largeVsSmall: number;
  /** largeRps / smallAfterImportRps: the same process, heap and catalogue; only the sheet differs. */
  largeVsSmallAfterImport: number;
  failedRequests: number;
  /** Engine only: one estimate against the 10k-price catalogue vs the file catalogue (µs). */
  engineSmallMicros: number;
  engineLargeMicros: number;
  engineLargeVsSmall: number;
  /** new PriceCatalog(rows) for the file catalogue plus the 10k-row sheet (ms). */
  catalogBuildMs: number;
}

function engineCatalogs(rows: CatalogRows) {
  const small = new PriceCatalog(rows);
  const sheet = scaleSheet();
  const id = `${SHEET_PROVIDER}-${SHEET_FROM}`;
  const large: CatalogRows = {
    ...rows,
    models: [...rows.models, ...syntheticModels().map((m) => ({ ...m, architecture: null }))],
    sheets: [
      ...rows.sheets,
      {
        id,
        providerId: SHEET_PROVIDER,
        effectiveFrom: SHEET_FROM,
        currency: "USD",
        source: sheet.source,
        checkedOn: sheet.checkedOn,
        checked: false,
        note: null,
        contentHash: "",
        importedAt: "",
      },
    ],
    // The sheet's rows as the file schema reads them (v1 rows: every v2 field at its default).
    prices: [...rows.prices, ...sheet.prices.map((p) => ({ priceSheetId: id, entry: priceEntry.parse(p) }))],
  };
  const t0 = performance.now();
  const largeCatalog = new PriceCatalog(large);
  const catalogBuildMs = performance.now() - t0;
  return { small, large: largeCatalog, catalogBuildMs };
}

async function engineScale() {
  const rows = catalogRowsFromFiles(await loadPricingDataFiles(PRICING_DATA_DIR));
  const { small, large, catalogBuildMs } = engineCatalogs(rows);
  const { workload } = resolveWorkload(workloadAsDecimals());
  const run = (catalog: PriceCatalog, provider: (r: (typeof REAL_ROWS)[number]) => string) => () => {
    for (const r of REAL_ROWS) {
      do_not_optimize(estimateApiFees(workload, catalog.resolveOffering(provider(r), r.model, AT), r.model));
    }
  };
  const smallRun = run(small, (r) => r.provider);
  const largeRun = run(large, () => SHEET_PROVIDER);
  const s: number[] = [];
  const l: number[] = [];
  for (let i = 0; i < 5; i++) {
    s.push((await measure(smallRun, { min_cpu_time: 200e6 })).p50 / 1000);
    l.push((await measure(largeRun, { min_cpu_time: 200e6 })).p50 / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  return { engineSmallMicros: med(s), engineLargeMicros: med(l), catalogBuildMs };
}

export interface ScaleOptions {
  durationSeconds: number;
  connections: number;
  /** Measured runs per side (median taken). */
  rounds?: number;
  log?: (line: string) => void;
}

function medianRun(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.rps - b.rps)[runs.length >> 1] as LoadResult;
}

export async function runScaleBench(o: ScaleOptions): Promise<ScaleResults> {
  const log = o.log ?? (() => {});
  const engine = await engineScale();
  log(
    `  engine: ${engine.engineSmallMicros.toFixed(1)} µs (file catalogue) vs ${engine.engineLargeMicros.toFixed(1)} µs (10k prices) for 3 offerings; catalogue build ${engine.catalogBuildMs.toFixed(0)} ms`,
  );

  const db = await createBenchDatabase("scale");
  try {
    const handle = await db.open();
    let modelInsertMs: number;
    try {
      await prepareDatabase(handle, createLogger("silent"));
      const t0 = performance.now();
      const rows = syntheticModels();
      await handle.db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 1000) await tx.insert(models).values(rows.slice(i, i + 1000));
      });
      modelInsertMs = performance.now() - t0;
    } finally {
      await handle.close();
    }
    log(`  ${SYNTHETIC} synthetic models inserted in ${modelInsertMs.toFixed(0)} ms (${db.kind})`);

    const server = await startBenchServer({ ...db.env, ADMIN_TOKEN, LOG_LEVEL: "info" });
    try {
      const load = (body: string) =>
        runLoad({
          url: `${server.url}/v1/estimates/api`,
          method: "POST",
          body,
          durationSeconds: o.durationSeconds,
          connections: o.connections,
        });
      const check = async (body: string) => {
        const res = await fetch(`${server.url}/v1/estimates/api`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`estimate → ${res.status}: ${text.slice(0, 400)}`);
        return JSON.parse(text) as { data: { monthlyCost: string; priceSheetId: string }[] };
      };
      const smallCheck = await check(smallBody);
      await runLoad({
        url: `${server.url}/v1/estimates/api`,
        method: "POST",
        body: smallBody,
        durationSeconds: 2,
        connections: o.connections,
      });
      // Alternating rounds, medians: load from other processes hits both sides alike.
      const rounds = o.rounds ?? 3;
      const smallRuns: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) smallRuns.push(await load(smallBody));
      const small = medianRun(smallRuns);
      log(`  small catalogue: ${small.rps.toFixed(0)} req/s`);

      const sheetText = JSON.stringify(scaleSheet());
      const t0 = performance.now();
      const res = await fetch(`${server.url}/v1/price-sheets`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: sheetText,
      });
      const importText = await res.text();
      const importMs = performance.now() - t0;
      if (res.status !== 201) throw new Error(`import → ${res.status}: ${importText.slice(0, 600)}`);
      log(
        `  imported ${SCALE_MODELS} rows (${(sheetText.length / 1024).toFixed(0)} KiB) in ${importMs.toFixed(0)} ms`,
      );

      const largeCheck = await check(largeBody);
      // Same models at the same prices: the same figures, from the big sheet.
      const same = largeCheck.data.every((d, i) => d.monthlyCost === smallCheck.data[i]?.monthlyCost);
      if (!same) throw new Error("the 10k sheet priced the same offerings differently");
      await runLoad({
        url: `${server.url}/v1/estimates/api`,
        method: "POST",
        body: largeBody,
        durationSeconds: 2,
        connections: o.connections,
      });
      const largeRuns: LoadResult[] = [];
      const smallAfterRuns: LoadResult[] = [];
      for (let i = 0; i < rounds; i++) {
        largeRuns.push(await load(largeBody));
        smallAfterRuns.push(await load(smallBody));
      }
      const large = medianRun(largeRuns);
      const smallAfter = medianRun(smallAfterRuns);
      log(
        `  10k sheet: ${large.rps.toFixed(0)} req/s; small sheets again: ${smallAfter.rps.toFixed(0)} req/s`,
      );
      const all = [...smallRuns, ...largeRuns, ...smallAfterRuns];
      const failed = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
      return {
        database: db.kind,
        models: SCALE_MODELS,
        sheetRows: SCALE_MODELS,
        sheetBytes: sheetText.length,
        modelInsertMs,
        importMs,
        importStatus: res.status,
        importResponseBytes: importText.length,
        smallRps: small.rps,
        largeRps: large.rps,
        smallAfterImportRps: smallAfter.rps,
        largeVsSmall: large.rps / small.rps,
        largeVsSmallAfterImport: large.rps / smallAfter.rps,
        failedRequests: all.reduce((n, r) => n + failed(r), 0),
        engineSmallMicros: engine.engineSmallMicros,
        engineLargeMicros: engine.engineLargeMicros,
        engineLargeVsSmall: engine.engineLargeMicros / engine.engineSmallMicros,
        catalogBuildMs: engine.catalogBuildMs,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runScaleBench({ durationSeconds: 5, connections: 50, log: console.log });
  console.log(JSON.stringify(r, null, 2));
}
