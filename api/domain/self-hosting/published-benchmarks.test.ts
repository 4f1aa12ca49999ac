import { describe, expect, it } from "vitest";
import { dec } from "../shared/decimal.js";
import { pickBenchmark, type ThroughputBenchmark } from "./published-benchmarks.js";

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

describe("pickBenchmark with a per-user speed target", () => {
  const at = (id: string, speed: string | null, tps: string) =>
    bench({
      id,
      model: "deepseek-r1",
      accelerator: "b200",
      count: 8,
      scenario: speed ? "server" : "offline",
      tokensPerSecond: dec(tps),
      outputTokensPerSecondPerUser: speed ? dec(speed) : null,
    });
  const catalogue = [at("sat", null, "60000"), at("u24", "24", "46855"), at("u43", "43", "41520")];
  const q = { model: "deepseek-r1", accelerator: "b200", precision: "fp8" as const, count: 8, local: false };

  it("without a target uses only measurements that state no per-user speed", () => {
    expect(pickBenchmark(catalogue, q)?.benchmark.id).toBe("sat");
  });
  it("with a target uses the slowest stated speed that still meets it", () => {
    expect(pickBenchmark(catalogue, { ...q, minOutputTokensPerSecondPerUser: dec(20) })?.benchmark.id).toBe(
      "u24",
    );
    expect(pickBenchmark(catalogue, { ...q, minOutputTokensPerSecondPerUser: dec(30) })?.benchmark.id).toBe(
      "u43",
    );
    expect(pickBenchmark(catalogue, { ...q, minOutputTokensPerSecondPerUser: dec(30) })?.note).toContain(
      "at 43 tokens/s per user",
    );
  });
  it("with a target no measurement meets, matches nothing (the estimate takes over)", () => {
    expect(pickBenchmark(catalogue, { ...q, minOutputTokensPerSecondPerUser: dec(50) })).toBeNull();
  });
});
