import { describe, expect, it } from "vitest";
import { falcon7b, llama3_8b, llama3_70b, mixtral } from "../../../tests/support/domain-fixtures.js";
import { dec } from "../shared/decimal.js";
import {
  defaultKvCachePrecision,
  kvCacheBytesPerToken,
  memoryFit,
  smallestFittingCount,
  weightsBytes,
} from "./memory.js";

describe("KV cache per token (BF16)", () => {
  it("Llama 3 8B: 131,072 B (128 KiB)", () => {
    expect(kvCacheBytesPerToken(llama3_8b, "bf16").toString()).toBe("131072");
  });
  it("Llama 3 70B: 327,680 B (320 KiB)", () => {
    expect(kvCacheBytesPerToken(llama3_70b, "bf16").toString()).toBe("327680");
  });
  it("Falcon 7B (multi-query): 8,192 B (8 KiB)", () => {
    expect(kvCacheBytesPerToken(falcon7b, "bf16").toString()).toBe("8192");
  });
  it("Mixtral 8x7B: 131,072 B (128 KiB)", () => {
    expect(kvCacheBytesPerToken(mixtral, "bf16").toString()).toBe("131072");
  });
  it("uses KV heads, not attention heads (the 8× bug)", () => {
    const wrong = { ...llama3_70b, kvHeads: llama3_70b.attentionHeads };
    expect(kvCacheBytesPerToken(wrong, "bf16").div(kvCacheBytesPerToken(llama3_70b, "bf16")).toString()).toBe(
      "8",
    );
  });
  it("halves with an FP8 cache", () => {
    expect(kvCacheBytesPerToken(llama3_70b, "fp8").toString()).toBe("163840");
  });
});

describe("weights", () => {
  it("are params × bytes per weight", () => {
    expect(weightsBytes(llama3_70b, "bf16").toString()).toBe("141100000000");
    expect(weightsBytes(llama3_70b, "fp8").toString()).toBe("70550000000");
    expect(weightsBytes(llama3_70b, "int4").toString()).toBe("35275000000");
  });
});

describe("memory fit", () => {
  it("Llama 3 70B BF16 at 8K context on 2× H100 80GB, 10 % margin", () => {
    // usable 144 GB; weights 141.1 GB; one 8192-token sequence 2.68435456 GB → 143.78 ≤ 144: fits, 1 sequence
    const fit = memoryFit({
      architecture: llama3_70b,
      precision: "bf16",
      kvCachePrecision: "bf16",
      contextTokens: 8192,
      memoryGBPerAccelerator: dec(80),
      accelerators: 2,
      margin: dec("0.1"),
    });
    expect(fit.weightsGB.toString()).toBe("141.1");
    expect(fit.kvCacheGBPerSequence.toString()).toBe("2.68435456");
    expect(fit.usableGB.toString()).toBe("144");
    expect(fit.fits).toBe(true);
    expect(fit.maxBatch).toBe(1);
  });

  it("does not fit on one H100: fits false, maxBatch 0", () => {
    const fit = memoryFit({
      architecture: llama3_70b,
      precision: "bf16",
      kvCachePrecision: "bf16",
      contextTokens: 8192,
      memoryGBPerAccelerator: dec(80),
      accelerators: 1,
      margin: dec("0.1"),
    });
    expect(fit.fits).toBe(false);
    expect(fit.maxBatch).toBe(0);
  });

  it("max batch of Llama 3 8B BF16 on one H100: floor((72 − 16.06) / 1.073741824) = 52", () => {
    const fit = memoryFit({
      architecture: llama3_8b,
      precision: "bf16",
      kvCachePrecision: "bf16",
      contextTokens: 8192,
      memoryGBPerAccelerator: dec(80),
      accelerators: 1,
      margin: dec("0.1"),
    });
    expect(fit.maxBatch).toBe(52);
  });

  it("picks the smallest power-of-two count that fits", () => {
    const base = {
      architecture: llama3_70b,
      kvCachePrecision: "bf16" as const,
      contextTokens: 8192,
      memoryGBPerAccelerator: dec(80),
      margin: dec("0.1"),
    };
    expect(smallestFittingCount({ ...base, precision: "bf16" })).toBe(2);
    expect(smallestFittingCount({ ...base, precision: "fp8", kvCachePrecision: "fp8" })).toBe(1);
    expect(smallestFittingCount({ ...base, precision: "bf16", memoryGBPerAccelerator: dec(24) })).toBe(8);
    expect(smallestFittingCount({ ...base, precision: "bf16", memoryGBPerAccelerator: dec(16) })).toBeNull();
  });

  it("KV cache defaults to FP8 only with FP8 weights", () => {
    expect(defaultKvCachePrecision("fp8")).toBe("fp8");
    expect(defaultKvCachePrecision("int4")).toBe("bf16");
    expect(defaultKvCachePrecision("fp16")).toBe("fp16");
  });
});
