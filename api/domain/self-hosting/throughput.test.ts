import { describe, expect, it } from "vitest";
import { llama3_8b, llama3_70b, mixtral } from "../../../tests/support/domain-fixtures.js";
import { type Decimal, dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import type { ModelArchitecture, Precision } from "./memory.js";
import {
  type AcceleratorSpec,
  estimateThroughput,
  pickBenchmark,
  type ThroughputBenchmark,
} from "./throughput.js";

const llama2_70b: ModelArchitecture = {
  totalParams: 68.98e9,
  activeParams: 68.98e9,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
  attention: { type: "gqa" },
  nativePrecision: "fp16",
};

const spec = (
  id: string,
  memoryGB: string,
  bw: string,
  fp8: string | null,
  bf16: string | null,
): AcceleratorSpec => ({
  id,
  memoryGB: dec(memoryGB),
  memoryBandwidthGBps: dec(bw),
  fp8DenseTflops: fp8 == null ? null : dec(fp8),
  fp4DenseTflops: null,
  bf16DenseTflops: bf16 == null ? null : dec(bf16),
  int8DenseTops: null,
});
const h100 = spec("h100-sxm", "80", "3350", "1979", "989");
const h200 = spec("h200", "141", "4800", "1979", "989");
const mi300x = spec("mi300x", "192", "5300", "2615", "1307");
const rtx4090 = spec("rtx-4090", "24", "1008", "330.3", "165.2");
const m2ultra = spec("m2-ultra", "192", "800", null, null);

/**
 * reference/facts.md §5 calibration points (output tokens/s). MLPerf: the OpenOrca set's reference
 * output mean is 294.45 tokens per sample; its input mean is not published — assumed 300 tokens.
 */
const calibration: {
  name: string;
  arch: ModelArchitecture;
  acc: AcceleratorSpec;
  n: number;
  isl: string;
  osl: string;
  measured: string;
  tolerance: number;
  expectedError: number;
}[] = [
  {
    name: "Llama 2 70B 8× H100 MLPerf offline",
    arch: llama2_70b,
    acc: h100,
    n: 8,
    isl: "300",
    osl: "294.45",
    measured: "24524.9",
    tolerance: 0.25,
    expectedError: -0.108,
  },
  {
    name: "Llama 2 70B 8× H200 MLPerf offline",
    arch: llama2_70b,
    acc: h200,
    n: 8,
    isl: "300",
    osl: "294.45",
    measured: "31302.7",
    tolerance: 0.25,
    expectedError: -0.122,
  },
  {
    name: "Llama 2 70B 8× MI300X MLPerf offline",
    arch: llama2_70b,
    acc: mi300x,
    n: 8,
    isl: "300",
    osl: "294.45",
    measured: "23514.8",
    tolerance: 0.4,
    expectedError: 0.384,
  },
  {
    name: "Llama 3.1 8B 1× H200 1000/1000",
    arch: llama3_8b,
    acc: h200,
    n: 1,
    isl: "1000",
    osl: "1000",
    measured: "17537.96",
    tolerance: 0.25,
    expectedError: -0.026,
  },
  {
    name: "Llama 3.1 70B 1× H200 1000/1000",
    arch: llama3_70b,
    acc: h200,
    n: 1,
    isl: "1000",
    osl: "1000",
    measured: "2823.45",
    tolerance: 0.25,
    expectedError: 0.019,
  },
  {
    name: "Llama 3.1 70B 2× H200 1000/1000",
    arch: llama3_70b,
    acc: h200,
    n: 2,
    isl: "1000",
    osl: "1000",
    measured: "5164.76",
    tolerance: 0.25,
    expectedError: 0.184,
  },
  {
    name: "Mixtral 8x7B 2× H200 1000/1000",
    arch: mixtral,
    acc: h200,
    n: 2,
    isl: "1000",
    osl: "1000",
    measured: "19151.19",
    tolerance: 0.25,
    expectedError: -0.22,
  },
];

function estimate(
  arch: ModelArchitecture,
  acc: AcceleratorSpec,
  n: number,
  isl: string,
  osl: string,
  precision: Precision = "fp8",
  extra = {},
): Decimal {
  return estimateThroughput({
    architecture: arch,
    accelerator: acc,
    accelerators: n,
    precision,
    kvCachePrecision: precision === "fp8" ? "fp8" : "fp16",
    inputTokensPerRequest: dec(isl),
    outputTokensPerRequest: dec(osl),
    memoryMargin: dec("0.1"),
    ...extra,
  }).tokensPerSecond;
}

describe("roofline estimate against the calibration points", () => {
  for (const p of calibration) {
    it(`${p.name}: within ±${p.tolerance * 100} % (measured error ${(p.expectedError * 100).toFixed(1)} %)`, () => {
      const error = estimate(p.arch, p.acc, p.n, p.isl, p.osl).div(p.measured).minus(1).toNumber();
      expect(Math.abs(error)).toBeLessThanOrEqual(p.tolerance);
      // the error documented in throughput.ts, to 0.1 percentage point
      expect(error).toBeCloseTo(p.expectedError, 2);
    });
  }

  it("batch-1 local use on RTX 4090s (llama.cpp, layer split) within −31 %…+16 %", () => {
    const local = { concurrency: 1, split: "layer" as const };
    const q4_8b = estimate(llama3_8b, rtx4090, 1, "0", "1024", "int4", local)
      .div("127.74")
      .minus(1)
      .toNumber();
    const f16_8b = estimate(llama3_8b, rtx4090, 1, "0", "1024", "fp16", local)
      .div("54.34")
      .minus(1)
      .toNumber();
    const q4_70b = estimate(llama3_70b, rtx4090, 2, "0", "1024", "int4", local)
      .div("19.06")
      .minus(1)
      .toNumber();
    expect(q4_8b).toBeCloseTo(0.16, 2);
    expect(f16_8b).toBeCloseTo(-0.31, 2);
    expect(q4_70b).toBeCloseTo(-0.105, 2);
  });
});

describe("estimateThroughput mechanics", () => {
  it("is memory-bound at batch 1 (tokens/s ≈ bandwidth × ηmem / weight bytes)", () => {
    const e = estimateThroughput({
      architecture: llama3_8b,
      accelerator: rtx4090,
      accelerators: 1,
      precision: "int4",
      kvCachePrecision: "fp16",
      inputTokensPerRequest: dec(0),
      outputTokensPerRequest: dec(1),
      memoryMargin: dec("0.1"),
      concurrency: 1,
    });
    expect(e.memoryBound).toBe(true);
    expect(e.batch).toBe(1);
    // 604.8e9 B/s (1008 GB/s × 0.6) / (4.015e9 + 0.5 × 131,072 B) = 150.63…
    expect(e.tokensPerSecond.toDecimalPlaces(1).toString()).toBe("150.6");
  });

  it("caps the batch at 256 sequences and reports the batch that fits", () => {
    const e = estimateThroughput({
      architecture: llama3_8b,
      accelerator: h200,
      accelerators: 1,
      precision: "fp8",
      kvCachePrecision: "fp8",
      inputTokensPerRequest: dec(1000),
      outputTokensPerRequest: dec(1000),
      memoryMargin: dec("0.1"),
    });
    expect(e.batch).toBe(256);
    expect(e.batchThatFits).toBe(906);
    expect(e.kvCacheFits).toBe(true);
  });

  it("reads only the active experts at batch 1 but all experts at large batch (MoE)", () => {
    const one = estimateThroughput({
      architecture: mixtral,
      accelerator: h200,
      accelerators: 1,
      precision: "fp8",
      kvCachePrecision: "fp8",
      inputTokensPerRequest: dec(0),
      outputTokensPerRequest: dec(1),
      memoryMargin: dec("0.1"),
      concurrency: 1,
    });
    // 12.9 GB of active FP8 weights at 4.8 TB/s × 0.6 → ≈ 223 tokens/s (not 46.7 GB → 62)
    expect(one.tokensPerSecond.toDecimalPlaces(0).toNumber()).toBe(223);
  });

  it("uses BF16 FLOPS for FP8 on a device without FP8 tensor cores", () => {
    const a100 = spec("a100-80gb", "80", "2039", null, "312");
    const e = estimateThroughput({
      architecture: llama3_8b,
      accelerator: a100,
      accelerators: 1,
      precision: "fp8",
      kvCachePrecision: "fp8",
      inputTokensPerRequest: dec(1000),
      outputTokensPerRequest: dec(1000),
      memoryMargin: dec("0.1"),
    });
    expect(e.tflopsFigure).toBe("bf16");
  });

  it("refuses with a clear error when the accelerator has no FLOPS figure", () => {
    const run = () =>
      estimateThroughput({
        architecture: llama3_8b,
        accelerator: m2ultra,
        accelerators: 1,
        precision: "int4",
        kvCachePrecision: "fp16",
        inputTokensPerRequest: dec(100),
        outputTokensPerRequest: dec(100),
        memoryMargin: dec("0.1"),
        concurrency: 1,
      });
    expect(run).toThrow(DomainError);
    expect(run).toThrow(/no published dense BF16 TFLOPS/);
  });

  it("needs at least one output token per request", () => {
    expect(() => estimate(llama3_8b, h200, 1, "100", "0")).toThrow(DomainError);
  });
});

const bench = (over: Partial<ThroughputBenchmark>): ThroughputBenchmark => ({
  id: "b",
  model: "llama-3-70b",
  measuredModel: "Llama 3.1 70B",
  family: "llama-3.1",
  accelerator: "h200",
  count: 2,
  precision: "fp8",
  inputTokens: 1000,
  outputTokens: 1000,
  tokensPerSecond: dec("5164.76"),
  counts: "output",
  scenario: "max-throughput",
  engine: "TensorRT-LLM 0.17",
  date: "2025-02-01",
  source: "trt",
  ...over,
});

describe("pickBenchmark", () => {
  const catalogue = [
    bench({ id: "h200-x1", count: 1, tokensPerSecond: dec("2823.45") }),
    bench({ id: "h200-x2" }),
    bench({ id: "h200-x8", count: 8, tokensPerSecond: dec("13181.24") }),
    bench({
      id: "mlperf-h200-x8-server",
      count: 8,
      scenario: "server",
      inputTokens: null,
      outputTokens: null,
      tokensPerSecond: dec("29228.22"),
    }),
    bench({ id: "h100-x2", accelerator: "h100-sxm", tokensPerSecond: dec("4390.53") }),
    bench({
      id: "a100-x2-fp16",
      accelerator: "a100-80gb",
      precision: "fp16",
      tokensPerSecond: dec("472.94"),
    }),
    bench({
      id: "local-int4",
      accelerator: "rtx-4090",
      precision: "int4",
      scenario: "batch-1",
      count: 2,
      inputTokens: 0,
      outputTokens: 1024,
      tokensPerSecond: dec("19.06"),
    }),
  ];
  const q = { model: "llama-3-70b", accelerator: "h200", precision: "fp8" as const, count: 2, local: false };

  it("takes the exact count when there is one, unscaled", () => {
    const m = pickBenchmark(catalogue, q);
    expect(m?.benchmark.id).toBe("h200-x2");
    expect(m?.tokensPerSecond.toString()).toBe("5164.76");
    expect(m?.note).toContain("no scaling");
  });

  it("scales the nearest count linearly and says so", () => {
    const m = pickBenchmark(catalogue, { ...q, count: 4 });
    // 2 and 8 are both one doubling away… 4/2 = 2 vs 8/4 = 2: tie → the larger count, scaled down
    expect(m?.benchmark.id).toBe("h200-x8");
    expect(m?.tokensPerSecond.toString()).toBe("6590.62");
    expect(m?.note).toContain("scaled linearly × 0.5 from 8 to 4");
  });

  it("prefers saturated runs over latency-bound ones at the same count", () => {
    expect(pickBenchmark(catalogue, { ...q, count: 8 })?.benchmark.id).toBe("h200-x8");
  });

  it("treats bf16 and fp16 as the same precision class", () => {
    expect(
      pickBenchmark(catalogue, { ...q, accelerator: "a100-80gb", precision: "bf16" })?.benchmark.id,
    ).toBe("a100-x2-fp16");
    expect(pickBenchmark(catalogue, { ...q, accelerator: "a100-80gb", precision: "fp8" })).toBeNull();
  });

  it("matches local batch-1 deployments only to batch-1 measurements", () => {
    expect(
      pickBenchmark(catalogue, { ...q, accelerator: "rtx-4090", precision: "int4", local: true })?.benchmark
        .id,
    ).toBe("local-int4");
    expect(
      pickBenchmark(catalogue, { ...q, accelerator: "rtx-4090", precision: "int4", local: false }),
    ).toBeNull();
    expect(pickBenchmark(catalogue, { ...q, local: true })).toBeNull();
  });

  it("falls back to the family when no measurement names the model", () => {
    const m = pickBenchmark(catalogue, { ...q, model: "llama-3.1-70b-instruct", family: "llama-3.1" });
    expect(m?.matchedBy).toBe("family");
    expect(pickBenchmark(catalogue, { ...q, model: "mistral-7b", family: "mistral" })).toBeNull();
  });
});
