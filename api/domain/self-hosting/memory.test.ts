import { describe, expect, it } from "vitest";
import {
  deepseekR1,
  falcon7b,
  gptOss120b,
  llama3_8b,
  llama3_70b,
  llama31_405b,
  mixtral,
  qwen3_235b,
} from "../../../tests/support/domain-fixtures.js";
import { dec } from "../shared/decimal.js";
import {
  architectureProblems,
  defaultKvCachePrecision,
  kvCacheBytesForSequence,
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

  it("KV cache defaults to the weights' precision at 16 bits and to FP8 for 8- and 4-bit weights (DESIGN §4)", () => {
    expect(defaultKvCachePrecision("fp8")).toBe("fp8");
    expect(defaultKvCachePrecision("int8")).toBe("fp8");
    expect(defaultKvCachePrecision("int4")).toBe("fp8");
    expect(defaultKvCachePrecision("fp4")).toBe("fp8");
    expect(defaultKvCachePrecision("fp16")).toBe("fp16");
    expect(defaultKvCachePrecision("bf16")).toBe("bf16");
  });
});

describe("KV cache per token, 2025–26 architectures (worked by hand)", () => {
  it("DeepSeek-R1 (MLA): 61 layers × (512 + 64) × 2 B = 70,272 B at BF16, 35,136 at FP8", () => {
    expect(kvCacheBytesPerToken(deepseekR1, "bf16").toString()).toBe("70272");
    expect(kvCacheBytesPerToken(deepseekR1, "fp8").toString()).toBe("35136");
    // treating MLA as 128 KV heads × 128 would give 2 × 61 × 128 × 128 × 2 = 3,997,696 B (57× more)
    const asHeads = kvCacheBytesPerToken({ ...deepseekR1, attention: { type: "mha" } }, "bf16");
    expect(asHeads.toString()).toBe("3997696");
  });

  it("gpt-oss-120b (sliding layers): 18 full layers × 2 × 8 × 64 × 2 B = 36,864 B per token grow", () => {
    expect(kvCacheBytesPerToken(gptOss120b, "bf16").toString()).toBe("36864");
    // one 131,072-token sequence: 36,864 × 131,072 + 18 sliding layers × 2,048 B × 128 window
    // = 4,831,838,208 + 4,718,592 = 4,836,556,800 B
    expect(kvCacheBytesForSequence(gptOss120b, "bf16", 131072).toString()).toBe("4836556800");
    // within the window every layer holds the token: 100 tokens × 73,728 B
    expect(kvCacheBytesForSequence(gptOss120b, "bf16", 100).toString()).toBe("7372800");
  });

  it("Llama 3.1 405B: 2 × 126 × 8 × 128 × 2 B = 516,096 B", () => {
    expect(kvCacheBytesPerToken(llama31_405b, "bf16").toString()).toBe("516096");
  });

  it("Qwen3-235B-A22B: 2 × 94 × 4 × 128 × 2 B = 192,512 B", () => {
    expect(kvCacheBytesPerToken(qwen3_235b, "bf16").toString()).toBe("192512");
    expect(kvCacheBytesPerToken(qwen3_235b, "fp8").toString()).toBe("96256");
  });
});

describe("weights at FP4 with block scales", () => {
  it("NVFP4 is 4.5 bits (0.5625 B) and MXFP4 4.25 bits (0.53125 B) per weight", () => {
    expect(weightsBytes(llama31_405b, "fp4", "nvfp4").toString()).toBe("227812500000");
    expect(weightsBytes(llama31_405b, "fp4", "mxfp4").toString()).toBe("215156250000");
    expect(weightsBytes(llama31_405b, "int4").toString()).toBe("202500000000");
  });

  it("gpt-oss keeps attention, router and embeddings at BF16 and only the experts at MXFP4", () => {
    // experts: (116.8e9 − 5.1e9) / (128 − 4) = 900,806,451.6… per expert × 128 = 115,303,225,806.45…
    // rest 1,496,774,193.5… × 2 B + experts × 0.53125 B = 64,245,967,741.9… B ≈ 64.25 GB (the checkpoint: ~60.8 GiB = 65.3 GB)
    const bytes = weightsBytes(gptOss120b, "fp4");
    expect(bytes.div(1e9).toDecimalPlaces(2).toString()).toBe("64.25");
    // at NVFP4 everywhere it would be 65.7 GB; the mixed layout is what the checkpoint ships
    expect(
      weightsBytes({ ...gptOss120b, nativeFp4: undefined }, "fp4", "nvfp4")
        .div(1e9)
        .toString(),
    ).toBe("65.7");
  });
});

describe("fits / does not fit on both sides of the margin", () => {
  // gpt-oss-120b MXFP4 on one H100 80 GB at 10 % margin: usable 72 GB; weights 64.246 GB; one 131,072-token
  // sequence at FP8 KV 2.418 GB → 66.66 GB fits. At a 17 % margin usable 66.4 GB < 66.66 GB: does not fit.
  const base = {
    architecture: gptOss120b,
    precision: "fp4" as const,
    kvCachePrecision: "fp8" as const,
    contextTokens: 131072,
    memoryGBPerAccelerator: dec(80),
    accelerators: 1,
  };
  it("fits at a 16 % margin (67.2 GB usable)", () => {
    const fit = memoryFit({ ...base, margin: dec("0.16") });
    expect(fit.kvCacheGBPerSequence.toString()).toBe("2.4182784");
    expect(fit.fits).toBe(true);
    expect(fit.maxBatch).toBe(1);
  });
  it("does not fit at a 17 % margin (66.4 GB usable)", () => {
    const fit = memoryFit({ ...base, margin: dec("0.17") });
    expect(fit.fits).toBe(false);
    expect(fit.maxBatch).toBe(0);
  });
});

describe("architectureProblems", () => {
  it("accepts the 2025–26 shapes", () => {
    for (const a of [deepseekR1, gptOss120b, llama31_405b, qwen3_235b])
      expect(architectureProblems(a, 131072)).toEqual([]);
  });
  it("names experts per token above experts, a window wider than the context, and a dense model with active < total", () => {
    const bad = { ...qwen3_235b, moe: { experts: 8, expertsPerToken: 9, sharedExperts: 0, denseLayers: 0 } };
    expect(architectureProblems(bad, 40960).map((p) => p.pointer)).toContain("/moe/expertsPerToken");
    expect(architectureProblems(gptOss120b, 100)).toEqual([
      {
        pointer: "/slidingWindow",
        message: "sliding window of 128 tokens is larger than the 100-token context",
      },
    ]);
    expect(architectureProblems({ ...qwen3_235b, moe: undefined }, 40960)[0]?.pointer).toBe("/activeParams");
  });
});
