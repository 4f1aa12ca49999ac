/**
 * The throughput calibration set: every published measurement of reference/facts.md §5 and
 * facts-2026.md §5 that is in pricing-data/throughput-benchmarks.json, with the request shape the
 * estimate must reproduce (MLPerf dataset means where the entry predates them). Shared by
 * throughput.test.ts (which asserts each point's error) and scripts/calibrate-throughput.ts (which
 * prints the table and searches the factors).
 */
import { toCatalogAccelerator, toThroughputBenchmark } from "../../api/catalog/hardware-records.js";
import { loadPricingDataFiles } from "../../api/catalog/load-files.js";
import { loadHardwareFiles } from "../../api/catalog/load-hardware-files.js";
import type { ModelArchitecture } from "../../api/domain/self-hosting/memory.js";
import type { ThroughputBenchmark } from "../../api/domain/self-hosting/published-benchmarks.js";
import {
  type AcceleratorSpec,
  estimateThroughput,
  type RooflineFactors,
} from "../../api/domain/self-hosting/throughput.js";
import { type Decimal, dec } from "../../api/domain/shared/decimal.js";
import { PRICING_DATA_DIR } from "../../api/paths.js";

/** MLPerf OpenOrca means (facts-2026 §5) for the v4.1 entries that predate them. */
const LLAMA2_MLPERF_SHAPE = { isl: 222.33, osl: 294.45 };

/** Benchmark ids of the calibration set, in the order of the report. */
export const CALIBRATION_IDS = [
  // facts.md §5 (2024–25)
  "mlperf-v4-1-llama-2-70b-h100-sxm-x8-offline",
  "mlperf-v4-1-llama-2-70b-h100-sxm-x8-server",
  "mlperf-v4-1-llama-2-70b-h200-x8-offline",
  "mlperf-v4-1-llama-2-70b-h200-x8-server",
  "mlperf-v4-1-llama-2-70b-mi300x-x8-offline",
  "mlperf-v4-1-llama-2-70b-mi300x-x8-server",
  "trtllm-0-17-llama-3-8b-h200-x1-1000-1000",
  "trtllm-0-17-llama-3-70b-h200-x1-1000-1000",
  "trtllm-0-17-llama-3-70b-h200-x2-1000-1000",
  "trtllm-0-17-mixtral-8x7b-h200-x2-1000-1000",
  // facts-2026.md §5: MLPerf v5.0
  "mlperf-v5-0-llama-2-70b-h200-x8-offline",
  "mlperf-v5-0-llama-2-70b-b200-x8-offline",
  "mlperf-v5-0-llama-2-70b-b200-x8-server",
  "mlperf-v5-0-llama-2-70b-mi325x-x8-offline",
  "mlperf-v5-0-llama-3-1-405b-h200-x8-offline",
  "mlperf-v5-0-llama-3-1-405b-b200-x8-offline",
  "mlperf-v5-0-llama-3-1-405b-gb200-x72-offline",
  // InferenceX Pareto points
  "inferencex-gpt-oss-120b-b200-1k1k-72tps",
  "inferencex-gpt-oss-120b-b200-1k1k-86tps",
  "inferencex-gpt-oss-120b-b200-1k1k-100tps",
  "inferencex-gpt-oss-120b-mi325x-1k1k-72tps",
  "inferencex-gpt-oss-120b-mi325x-1k1k-86tps",
  "inferencex-gpt-oss-120b-mi325x-1k1k-100tps",
  "inferencex-deepseek-r1-b200-8k1k-24tps",
  "inferencex-deepseek-r1-b200-8k1k-33-5tps",
  "inferencex-deepseek-r1-b200-8k1k-43tps",
  "inferencex-deepseek-r1-mi325x-8k1k-24tps",
  "inferencex-deepseek-r1-mi325x-8k1k-33-5tps",
  "inferencex-deepseek-r1-mi325x-8k1k-43tps",
  "inferencex-deepseek-r1-mi300x-8k1k-24tps",
  "inferencex-deepseek-r1-mi300x-8k1k-33-5tps",
  "inferencex-deepseek-r1-mi300x-8k1k-43tps",
  "inferencex-deepseek-r1-b200-8k1k-75tps",
  "inferencex-deepseek-r1-b200-8k1k-120tps",
  "inferencex-deepseek-r1-b200-8k1k-164tps",
  "inferencex-deepseek-r1-gb200-8k1k-75tps",
  "inferencex-deepseek-r1-gb200-8k1k-120tps",
  "inferencex-deepseek-r1-gb200-8k1k-164tps",
  "inferencex-deepseek-r1-b200-1k1k-42tps",
  "inferencex-deepseek-r1-b200-1k1k-71tps",
  "inferencex-deepseek-r1-b200-1k1k-100tps",
  "inferencex-deepseek-r1-h100-sxm-1k1k-42tps",
  "inferencex-deepseek-r1-h100-sxm-1k1k-71tps",
  "inferencex-deepseek-r1-h100-sxm-1k1k-100tps",
  "nvidia-blog-deepseek-r1-gb300-x72",
  "nvidia-blog-deepseek-r1-h200-x8",
] as const;

export interface CalibrationPoint {
  benchmark: ThroughputBenchmark;
  architecture: ModelArchitecture;
  accelerator: AcceleratorSpec;
  isl: Decimal;
  osl: Decimal;
  /** MLPerf server runs: the TPOT bound as a per-user floor; InferenceX: the stated speed. */
  minPerUser: Decimal | null;
}

/** The calibration set, loaded from pricing-data. */
export async function loadCalibrationPoints(): Promise<CalibrationPoint[]> {
  const hw = await loadHardwareFiles(PRICING_DATA_DIR);
  const models = (await loadPricingDataFiles(PRICING_DATA_DIR)).models;
  const benchmarks = hw.benchmarks.benchmarks.map(toThroughputBenchmark);
  const accelerators = hw.accelerators.accelerators.map(toCatalogAccelerator);
  return CALIBRATION_IDS.map((id) => {
    const b = benchmarks.find((x) => x.id === id);
    if (!b?.model) throw new Error(`calibration point ${id} is not in the benchmark catalogue`);
    // MLPerf Llama 2 70B entries stand in for llama-3-70b in the catalogue; calibrate on Llama 2 70B itself.
    const modelId = b.family === "llama-2" ? "llama-2-70b" : b.model;
    const architecture = models.find((m) => m.id === modelId)?.architecture;
    const accelerator = accelerators.find((a) => a.id === b.accelerator);
    if (!architecture || !accelerator)
      throw new Error(`calibration point ${id}: unknown model or accelerator`);
    const isl = b.inputTokens ?? (b.family === "llama-2" ? LLAMA2_MLPERF_SHAPE.isl : 1000);
    const osl = b.outputTokens ?? (b.family === "llama-2" ? LLAMA2_MLPERF_SHAPE.osl : 1000);
    // MLPerf Llama 2 70B server: TPOT ≤ 200 ms, i.e. at least 5 tokens/s per user
    const serverFloor = b.scenario === "server" && id.startsWith("mlperf") ? dec(5) : null;
    return {
      benchmark: b,
      architecture,
      accelerator,
      isl: dec(isl),
      osl: dec(osl),
      minPerUser: b.outputTokensPerSecondPerUser ?? serverFloor,
    };
  });
}

/** The estimate for a calibration point, and its error (estimate / measured − 1). */
export function calibrationError(
  p: CalibrationPoint,
  factors?: RooflineFactors,
): { estimate: Decimal; error: number } {
  const e = estimateThroughput({
    architecture: p.architecture,
    accelerator: p.accelerator,
    accelerators: p.benchmark.count,
    precision: p.benchmark.precision,
    kvCachePrecision: "fp8",
    inputTokensPerRequest: p.isl,
    outputTokensPerRequest: p.osl,
    memoryMargin: dec("0.1"),
    minOutputTokensPerSecondPerUser: p.minPerUser,
    ...(factors ? { factors } : {}),
  });
  return {
    estimate: e.tokensPerSecond,
    error: e.tokensPerSecond.div(p.benchmark.tokensPerSecond).minus(1).toNumber(),
  };
}
