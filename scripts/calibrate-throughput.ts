/**
 * Prints the roofline estimate's error on every calibration point (tests/support/calibration.ts) with
 * the calibrated factors, and with `--search` a grid search of the factors minimising the median
 * absolute log error. `npx tsx scripts/calibrate-throughput.ts [--search]`.
 */
import { CALIBRATED_ROOFLINE_FACTORS, type RooflineFactors } from "../api/domain/self-hosting/throughput.js";
import { dec } from "../api/domain/shared/decimal.js";
import {
  type CalibrationPoint,
  calibrationError,
  loadCalibrationPoints,
} from "../tests/support/calibration.js";

function errors(points: CalibrationPoint[], f: RooflineFactors): number[] {
  return points.map((p) => {
    try {
      return calibrationError(p, f).error;
    } catch {
      return Number.NaN;
    }
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const points = await loadCalibrationPoints();
const f = CALIBRATED_ROOFLINE_FACTORS;
const errs = errors(points, f);
for (const [i, p] of points.entries()) {
  const e = errs[i] as number;
  const est = Number.isNaN(e) ? "refused" : calibrationError(p, f).estimate.toDecimalPlaces(0).toString();
  console.log(
    `${p.benchmark.id.padEnd(50)} ${p.benchmark.tokensPerSecond.toString().padStart(10)} ${est.padStart(10)} ${(e * 100).toFixed(1).padStart(7)} %`,
  );
}
console.log(`median |error| ${(median(errs.map(Math.abs)) * 100).toFixed(1)} %`);

if (process.argv.includes("--search")) {
  let best: { score: number; f: RooflineFactors } | null = null;
  for (const mem of ["0.4", "0.5", "0.6", "0.7"])
    for (const flops of ["0.4", "0.6", "0.8"])
      for (const alpha of ["0.05", "0.1", "0.2"])
        for (const cap of [128, 256, 512])
          for (const overhead of ["0", "0.00002", "0.00005", "0.0001"]) {
            const cand = {
              ...f,
              memoryEfficiency: dec(mem),
              computeEfficiency: dec(flops),
              tensorParallelLoss: dec(alpha),
              maxConcurrentSequences: cap,
              stepOverheadSecondsPerLayer: dec(overhead),
            };
            const e = errors(points, cand).map((x) => Math.abs(Math.log(1 + (Number.isNaN(x) ? 9 : x))));
            const score = median(e);
            if (!best || score < best.score) {
              best = { score, f: cand };
              console.log("better", score.toFixed(3), mem, flops, alpha, cap, overhead);
            }
          }
  console.log("best", best?.score, JSON.stringify(best?.f));
}
