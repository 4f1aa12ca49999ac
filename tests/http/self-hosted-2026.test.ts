/**
 * Self-hosting in 2026 over HTTP: every open-weight model of DESIGN §2 and every 2025–26 accelerator
 * prices end to end with sourced defaults; MoE/MLA/sliding-window memory, interactivity, rack-scale
 * replicas, FP4, local/edge use and the bad-input rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../api/domain/shared/decimal.js";
import { OPEN_WEIGHT_MODELS_2025_26 } from "../support/open-weight-models.js";
import { createTestApp, postJson, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function getJson(path: string) {
  const res = await ctx.app.request(path);
  return { status: res.status, body: (await res.json()) as any };
}

async function estimate(deployment: Record<string, unknown>, workload: Record<string, unknown> = {}) {
  const res = await postJson(ctx.app, "/v1/estimates/self-hosted", {
    workload: { inputTokensPerMonth: 2000000000, outputTokensPerMonth: 500000000, ...workload },
    deployment,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("every 2025–26 open-weight model", () => {
  it("GET /v1/models/{id} carries its v2 architecture", async () => {
    const r = await getJson("/v1/models/deepseek-r1");
    expect(r.status).toBe(200);
    expect(r.body.architecture).toMatchObject({
      totalParams: 671000000000,
      activeParams: 37000000000,
      attention: { type: "mla", kvLoraRank: 512, ropeHeadDim: 64 },
      moe: { experts: 256, expertsPerToken: 8, sharedExperts: 1, denseLayers: 3 },
      nativePrecision: "fp8",
    });
    const oss = await getJson("/v1/models/gpt-oss-120b");
    expect(oss.body.architecture).toMatchObject({
      slidingWindow: 128,
      fullAttentionLayers: 18,
      nativePrecision: "fp4",
      nativeFp4: { format: "mxfp4", scope: "experts" },
    });
  });

  it.each(OPEN_WEIGHT_MODELS_2025_26)("%s prices on rented B200s with sourced defaults", async (model) => {
    const { status, body } = await estimate({ model, accelerator: "b200", acquisition: { mode: "rent" } });
    expect(status, JSON.stringify(body).slice(0, 400)).toBe(200);
    expect(new Decimal(body.monthlyCost).gt(0)).toBe(true);
    expect(new Decimal(body.memory.kvCacheBytesPerToken).gt(0)).toBe(true);
    expect(
      body.assumptions.find((a: any) => a.field === "/deployment/acquisition/pricePerAcceleratorHour"),
    ).toMatchObject({ value: "6.79" });
    for (const a of body.assumptions) expect(a.source.length, a.field).toBeGreaterThan(0);
  });

  it("memory: DeepSeek-R1's MLA cache is 35,136 B per token at the default FP8 KV; gpt-oss-120b's weights are MXFP4 experts", async () => {
    const r1 = await estimate({ model: "deepseek-r1", accelerator: "b200", acquisition: { mode: "rent" } });
    expect(r1.body.deployment).toMatchObject({ precision: "fp8", kvCachePrecision: "fp8" });
    expect(r1.body.memory.kvCacheBytesPerToken).toBe("35136");
    const oss = await estimate({
      model: "gpt-oss-120b",
      accelerator: "h100-sxm",
      acquisition: { mode: "rent" },
    });
    expect(oss.body.deployment).toMatchObject({ precision: "fp4", kvCachePrecision: "fp8" });
    expect(new Decimal(oss.body.memory.weightsGB).toDecimalPlaces(2).toString()).toBe("64.25");
    expect(oss.body.memory.kvCacheBytesPerToken).toBe("18432");
    expect(oss.body.deployment.acceleratorsPerReplica).toBe(1);
    expect(oss.body.throughput.detail).toContain("weight-only 4-bit");
  });

  it("an explicit KV-cache precision is kept; the default is stated", async () => {
    const bf16 = await estimate({
      model: "qwen3-235b-a22b",
      accelerator: "h200",
      acquisition: { mode: "rent" },
      kvCachePrecision: "bf16",
    });
    expect(bf16.body.memory.kvCacheBytesPerToken).toBe("192512");
    const dflt = await estimate({
      model: "qwen3-235b-a22b",
      accelerator: "h200",
      acquisition: { mode: "rent" },
    });
    expect(dflt.body.assumptions.find((a: any) => a.field === "/deployment/kvCachePrecision")?.value).toBe(
      "fp8",
    );
  });
});

describe("every 2025–26 accelerator", () => {
  const ACCELERATORS = ["b300", "gb200", "gb300", "mi325x", "mi355x", "rtx-5090", "rtx-pro-6000", "m3-ultra"];
  it.each(ACCELERATORS)("%s prices gpt-oss-20b end to end with its sourced defaults", async (accelerator) => {
    const { status, body } = await estimate({ model: "gpt-oss-20b", accelerator });
    expect(status, JSON.stringify(body).slice(0, 400)).toBe(200);
    expect(new Decimal(body.monthlyCost).gt(0)).toBe(true);
    const price = body.assumptions.find((a: any) => /pricePerAccelerator(Hour)?$/.test(a.field));
    expect(price?.source.length).toBeGreaterThan(10);
  });

  it("h20 has no sourced price: buying or renting it needs a price (422 naming the field)", async () => {
    const { status, body } = await estimate({ model: "qwen3-32b", accelerator: "h20" });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/acquisition/pricePerAccelerator");
    const given = await estimate({
      model: "qwen3-32b",
      accelerator: "h20",
      acquisition: { mode: "rent", pricePerAcceleratorHour: "1.5" },
    });
    expect(given.status).toBe(200);
  });

  it("GET /v1/accelerators lists FP4 TFLOPS and the 2026 rents side by side, the default first", async () => {
    const r = await getJson("/v1/accelerators");
    const b200 = r.body.data.find((a: any) => a.id === "b200");
    expect(b200.fp4DenseTflops).toBe("9000");
    expect(b200.rentPrices.map((p: any) => p.provider)).toEqual(
      expect.arrayContaining(["RunPod", "Lambda", "Nebius", "Hyperstack"]),
    );
    expect(b200.rentPrices[0].note).toContain("Default");
    const h200 = r.body.data.find((a: any) => a.id === "h200");
    expect(h200.rentPrices.map((p: any) => p.provider)).toContain("AWS (p5en.48xlarge)");
  });
});

describe("rack-scale replicas", () => {
  it("a 72-GPU GB200 NVL72 replica sizes and prices per rack: 72 × rent, rack power when colocated", async () => {
    const { status, body } = await estimate(
      {
        model: "deepseek-r1",
        accelerator: "gb200",
        acceleratorsPerReplica: 72,
        acquisition: { mode: "rent" },
        power: { wattsPerReplica: "120000", pue: "1.2", pricePerKwh: "0.08", loadFactor: "1" },
      },
      { inputTokensPerMonth: 80000000000, outputTokensPerMonth: 20000000000, inputTokensPerRequest: 8192 },
    );
    expect(status).toBe(200);
    expect(body.deployment.acceleratorsPerReplica).toBe(72);
    expect(body.memory.fits).toBe(true);
    const rent = body.lineItems.find((l: any) => l.component === "rent");
    // 72 GPUs × $4.54 × 730 h per replica-month
    expect(new Decimal(rent.quantity).div(body.replicas).toString()).toBe(String(72 * 730));
    expect(rent.unitPrice).toBe("4.54");
    const energy = body.lineItems.find((l: any) => l.component === "energy");
    // 120 kW × 1.2 × $0.08 × 730 h = $8,409.60 per replica-month
    expect(new Decimal(energy.cost).div(body.replicas).toString()).toBe("8409.6");
    expect(body.throughput.source).toBe("estimate");
    expect(body.throughput.concurrentSequences).toBeGreaterThan(0);
  });

  it("bought at the catalogue's per-GPU share of a rack, power defaults to the rack's ~120 kW", async () => {
    const { body } = await estimate({
      model: "deepseek-r1",
      accelerator: "gb200",
      acceleratorsPerReplica: 72,
    });
    const watts = body.assumptions.find((a: any) => a.field === "/deployment/power/wattsPerReplica");
    expect(new Decimal(watts.value).toDecimalPlaces(0).toString()).toBe("120000");
  });
});

describe("interactivity", () => {
  const base = {
    model: "deepseek-r1",
    accelerator: "b200",
    acquisition: { mode: "rent" },
    throughput: { source: "estimate" },
  };
  it("a stricter per-user target never raises throughput; the response says the concurrency and speed", async () => {
    let previous: Decimal | null = null;
    for (const target of ["10", "30", "60"]) {
      const { status, body } = await estimate({
        ...base,
        interactivity: { minOutputTokensPerSecondPerUser: target },
      });
      expect(status).toBe(200);
      expect(new Decimal(body.throughput.outputTokensPerSecondPerUser).gte(target)).toBe(true);
      expect(body.throughput.concurrentSequences).toBeGreaterThan(0);
      const tps = new Decimal(body.throughput.tokensPerSecond);
      if (previous) expect(tps.lte(previous)).toBe(true);
      previous = tps;
    }
  });

  it("a target no batch reaches is a 422 saying what the hardware can reach", async () => {
    const { status, body } = await estimate({
      ...base,
      interactivity: { minOutputTokensPerSecondPerUser: "5000" },
    });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/interactivity/minOutputTokensPerSecondPerUser");
    expect(body.detail ?? JSON.stringify(body)).toMatch(/tokens\/s per user/);
  });

  it("a published measurement is used only at an interactivity it meets", async () => {
    const at30 = await estimate(
      {
        model: "deepseek-r1",
        accelerator: "b200",
        acquisition: { mode: "rent" },
        interactivity: { minOutputTokensPerSecondPerUser: "30" },
      },
      { inputTokensPerRequest: 8192, outputTokensPerMonth: 250000000 },
    );
    expect(at30.body.throughput.source).toBe("benchmark");
    expect(new Decimal(at30.body.throughput.outputTokensPerSecondPerUser).gte(30)).toBe(true);
  });
});

describe("local and edge, 2026 (batch 1, bought, next to the 2024 RTX 4090 / M2 Ultra cases)", () => {
  it.each([
    ["gpt-oss-20b", "rtx-5090"],
    ["qwen3-30b-a3b", "rtx-5090"],
    ["gpt-oss-20b", "m3-ultra"],
    ["qwen3-30b-a3b", "m3-ultra"],
  ])("%s on one %s: local batch 1 at an interactive speed", async (model, accelerator) => {
    const { status, body } = await estimate(
      { model, accelerator },
      { inputTokensPerMonth: 3000000, outputTokensPerMonth: 1000000 },
    );
    expect(status).toBe(200);
    expect(body.deployment.local).toBe(true);
    expect(body.deployment.acceleratorsPerReplica).toBe(1);
    expect(body.memory.fits).toBe(true);
    expect(body.throughput.concurrentSequences).toBe(1);
    const speed = new Decimal(body.throughput.tokensPerSecond);
    expect(speed.gt(20)).toBe(true); // a usable desktop speed
  });
});

describe("bad input", () => {
  const qwenMoe = {
    totalParams: 30500000000,
    activeParams: 3300000000,
    layers: 48,
    hiddenSize: 2048,
    attentionHeads: 32,
    kvHeads: 4,
    headDim: 128,
    attention: { type: "gqa" },
    moe: { experts: 128, expertsPerToken: 8, sharedExperts: 0, denseLayers: 0 },
    nativePrecision: "bf16",
  };
  const withArch = (architecture: unknown) =>
    estimate({ model: "qwen3-30b-a3b", accelerator: "h200", acquisition: { mode: "rent" }, architecture });

  it("a caller's architecture replaces the catalogue's", async () => {
    const { status, body } = await withArch({ ...qwenMoe, kvHeads: 8 });
    expect(status).toBe(200);
    expect(body.memory.kvCacheBytesPerToken).toBe(String(2 * 48 * 8 * 128 * 1));
  });
  it("an unknown attention type is a 422 naming it", async () => {
    const { status, body } = await withArch({ ...qwenMoe, attention: { type: "linear" } });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/architecture/attention/type");
    expect(JSON.stringify(body)).toContain('unknown attention type \\"linear\\"');
  });
  it("MLA fields on GQA attention are a 422 (the one architecture schema, as for models.json)", async () => {
    const { status, body } = await withArch({ ...qwenMoe, attention: { type: "gqa", kvLoraRank: 512 } });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/architecture/attention/kvLoraRank");
    expect(JSON.stringify(body)).toContain("belong to MLA attention only");
  });
  it("an unknown native precision is a 422 naming it", async () => {
    const { status, body } = await withArch({ ...qwenMoe, nativePrecision: "fp6" });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain('unknown precision \\"fp6\\"');
  });
  it("experts per token above experts is a 422", async () => {
    const { status, body } = await withArch({ ...qwenMoe, moe: { ...qwenMoe.moe, expertsPerToken: 200 } });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/architecture/moe/expertsPerToken");
  });
  it("a sliding window larger than the context is a 422", async () => {
    const { status, body } = await withArch({ ...qwenMoe, slidingWindow: 65536, fullAttentionLayers: 8 });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/architecture/slidingWindow");
    expect(JSON.stringify(body)).toContain("larger than the 40960-token context");
  });
  it("an unknown precision is a 422 pointing at it", async () => {
    const { status, body } = await estimate({ model: "qwen3-8b", accelerator: "h200", precision: "fp3" });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/precision");
  });
  it("a KV-cache precision wider than any supported is a 422 naming it", async () => {
    const { status, body } = await estimate({
      model: "qwen3-8b",
      accelerator: "h200",
      kvCachePrecision: "fp32",
    });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain("/deployment/kvCachePrecision");
    expect(JSON.stringify(body)).toContain('\\"fp32\\" is wider than any supported KV-cache precision');
  });
  it("a deployment that does not fit still prices with fits:false and a warning", async () => {
    const { status, body } = await estimate({
      model: "llama-3.1-405b",
      accelerator: "h100-sxm",
      acceleratorsPerReplica: 2,
      acquisition: { mode: "rent" },
      throughput: { tokensPerSecond: "100" },
    });
    expect(status).toBe(200);
    expect(body.memory.fits).toBe(false);
    expect(body.warnings.join(" ")).toContain("does not fit");
  });
});
