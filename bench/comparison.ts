/**
 * The comparison engine by phase, in process (no HTTP, no zod): the bench's `POST /v1/comparisons`
 * body (API + self-hosted + 50-point sweep) priced on the sourced catalogues from pricing-data/, as
 * the handler does — options looked up and priced (`compareOptions`, break-even included), the sweep,
 * the wire form (`presentComparison`) and its JSON — plus a 1,000-point sweep. Prints µs per call
 * (mitata p50).
 *
 * Run alone: `npx tsx bench/comparison.ts`.
 */
import { do_not_optimize, measure } from "mitata";
import { buildHardwareCatalog } from "../api/catalog/hardware-catalog.js";
import { loadHardwareFiles } from "../api/catalog/load-hardware-files.js";
import { breakEven } from "../api/domain/comparison/break-even.js";
import { compareOptions, resolveComparisonOptions } from "../api/domain/comparison/comparison.js";
import { sweep } from "../api/domain/comparison/sweep.js";
import { replicaStepCosts } from "../api/domain/comparison/volume-cost.js";
import { resolveWorkload } from "../api/domain/pricing/workload.js";
import { PRICING_DATA_DIR } from "../api/paths.js";
import { presentComparison } from "../api/presentation/present-comparison.js";
import type { Snapshot } from "../api/services/catalog-store.js";
import { type ComparisonRequest, comparisonCatalogs, runComparison } from "../api/services/comparisons.js";
import { loadFileCatalog } from "./engine.js";
import { COMPARISON_BODY, workloadAsDecimals } from "./requests.js";

export interface ComparisonPhaseResult {
  name: string;
  micros: number;
}

/** The catalogue snapshot a server would hold, built from the data files. */
export async function loadFileSnapshot(): Promise<Snapshot> {
  const files = await loadHardwareFiles(PRICING_DATA_DIR);
  const {
    pricePerKwhHistory: _history,
    about: _about,
    ...defaults
  } = files.defaults as typeof files.defaults & { about?: string };
  return {
    version: "files",
    revision: 0,
    prices: await loadFileCatalog(),
    hardware: buildHardwareCatalog({
      accelerators: files.accelerators.accelerators,
      servers: files.servers.servers,
      benchmarks: files.benchmarks.benchmarks,
      defaults,
    }),
    loadedAt: Date.now(),
  };
}

/** The bench body as the validated request (decimal strings and token counts as Decimals). */
function parsedRequest(points: number): ComparisonRequest {
  return {
    workload: workloadAsDecimals(),
    options: COMPARISON_BODY.options as ComparisonRequest["options"],
    sweep: { points },
  };
}

export async function runComparisonBench(): Promise<ComparisonPhaseResult[]> {
  const snapshot = await loadFileSnapshot();
  const at = COMPARISON_BODY.at;
  const request = parsedRequest(50);
  const { workload, assumptions } = resolveWorkload(request.workload);
  const compare = () =>
    compareOptions({
      workload,
      workloadAssumptions: assumptions,
      options: resolveComparisonOptions(request.options, comparisonCatalogs(snapshot, at)),
      benchmarks: snapshot.hardware.benchmarks,
      defaults: snapshot.hardware.defaults,
    });
  const comparison = compare();
  const result = runComparison(snapshot, request, at);
  const wire = presentComparison(at, result.comparison, result.sweep, result.sensitivity);
  const self = comparison.options.find((o) => o.kind === "self-hosted");
  const api = comparison.options.find((o) => o.kind === "api");
  if (self?.pricing.kind !== "self-hosted" || api?.pricing.kind !== "api")
    throw new Error("bench body changed");
  const selfPricing = self.pricing;
  const apiPricing = api.pricing;
  const phases: [string, () => unknown][] = [
    ["compareOptions (2 options, break-even)", compare],
    [
      "… of which breakEven (one pair)",
      () =>
        breakEven({
          workload,
          selfHosted: {
            name: self.name,
            terms: selfPricing.terms,
            steps: replicaStepCosts(selfPricing.terms),
          },
          api: { name: api.name, offering: apiPricing.offering },
        }),
    ],
    ["sweep, 50 points", () => sweep(comparison, { points: 50 })],
    ["sweep, 1,000 points", () => sweep(comparison, { points: 1000 })],
    ["presentComparison (wire strings)", () => presentComparison(at, result.comparison, result.sweep)],
    ["JSON.stringify of the response", () => JSON.stringify(wire)],
    ["runComparison, whole (50 points)", () => runComparison(snapshot, request, at)],
  ];
  const out: ComparisonPhaseResult[] = [];
  for (const [name, fn] of phases) {
    for (let i = 0; i < 200; i++) do_not_optimize(fn());
    const stats = await measure(() => do_not_optimize(fn()));
    out.push({ name, micros: stats.p50 / 1000 });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runComparisonBench()) console.log(`${r.micros.toFixed(1).padStart(9)} µs  ${r.name}`);
}
