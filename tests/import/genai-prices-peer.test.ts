/**
 * The imported catalogue against its source: the counts the "Done when" asks for, the
 * corrections applied to the real data, and a random sample of imported offerings priced by our
 * engine against `calcPrice` of the same pinned package for the same usage (the peer as an oracle).
 */
import { calcPrice, waitForUpdate } from "@pydantic/genai-prices";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogRowsFromFiles } from "../../api/catalog/catalog-rows.js";
import { loadPricingDataFiles, type PricingDataFiles } from "../../api/catalog/load-files.js";
import { estimateApiFees } from "../../api/domain/pricing/api-fees.js";
import { equalsLeaves } from "../../api/domain/pricing/model-match.js";
import { PriceCatalog } from "../../api/domain/pricing/price-catalog.js";
import { resolveWorkload } from "../../api/domain/pricing/workload.js";
import { dec } from "../../api/domain/shared/decimal.js";
import { PRICING_DATA_DIR } from "../../api/paths.js";

let files: PricingDataFiles;
let catalog: PriceCatalog;
const AT = "2026-10-01";

beforeAll(async () => {
  files = await loadPricingDataFiles(PRICING_DATA_DIR);
  catalog = new PriceCatalog(catalogRowsFromFiles(files));
});

/**
 * calcPrice of the JS package bills exactly one request per call: it has no `requests` usage key (passing
 * one logs "Unsupported usage key for standard pricing: requests" and is ignored), so offerings with a
 * per-request fee (`requests_kcount`, our `requestFeePer1K`) are compared at one request.
 */
const PEER_REQUESTS = 1;

/** mulberry32: a small seeded generator, so the sample is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the imported catalogue", () => {
  it("prices ≥ 1,200 distinct models as ≥ 1,500 offerings from ≥ 40 providers today", () => {
    let offerings = 0;
    const models = new Set<string>();
    const providers = new Set<string>();
    for (const providerId of catalog.providers.keys()) {
      for (const { price } of catalog.pricesInForce(providerId, "2026-11-30")) {
        offerings++;
        models.add(price.modelId);
        providers.add(providerId);
      }
    }
    expect(models.size).toBeGreaterThanOrEqual(1200);
    expect(offerings).toBeGreaterThanOrEqual(1500);
    expect(providers.size).toBeGreaterThanOrEqual(40);
  });

  // o3's launch price (genai-prices' cached 0.50 before 2025-06-10 is wrong: facts-2026 §1) is now a
  // curated sheet rather than a correction; DeepSeek's windows are still corrections of the import.
  it("keeps the known errors fixed: o3 before its cut (curated), DeepSeek's windows (corrections)", () => {
    const o3 = (at: string) => catalog.resolveOffering("openai", "o3-2025-04-16", at).price;
    expect(o3("2025-05-01").cachedInputPerMillion?.toString()).toBe("2.5");
    expect(o3("2025-05-01").inputPerMillion.toString()).toBe("10");
    expect(o3("2025-07-01").inputPerMillion.toString()).toBe("2");
    expect(() => catalog.resolveOffering("openai", "o3", "2025-04-01")).toThrow(
      /first priced in openai-2025-04-17/,
    );
    const v4 = files.priceSheets
      .find((s) => s.provider === "deepseek" && s.effectiveFrom === "2026-08-17")
      ?.prices.find((p) => p.model === "deepseek-v4-pro");
    expect(v4?.timeWindows.map((w) => [w.from, w.to, w.timeZone, w.excludeHolidays, w.days.length])).toEqual([
      ["09:00", "12:00", "Asia/Shanghai", "cn", 5],
      ["14:00", "18:00", "Asia/Shanghai", "cn", 5],
    ]);
    const chat = catalog.resolveOffering("deepseek", "deepseek-chat", AT).price;
    expect(chat.inputPerMillion.toString()).toBe("0.27");
  });

  it("resolves the ids users send: dated snapshots, -latest, models/…, Bedrock ids, any case", () => {
    const id = (provider: string, name: string) => catalog.resolveModel(provider, name, AT)?.model.id;
    expect(id("openai", "gpt-5.4-2026-03-05")).toBe("gpt-5.4");
    expect(id("anthropic", "claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(id("anthropic", "CLAUDE-SONNET-4-5")).toBe("claude-sonnet-4-5");
    expect(id("aws-bedrock", "us.anthropic.claude-fable-5-1-v1:0")).toBeDefined();
    // A curated alias (models-2026.json): Medium 3.5 from 2026-06-16, Medium 3/3.1 before.
    expect(id("mistral", "mistral-medium-latest")).toBe("mistral-medium-3-5");
  });

  it("agrees with calcPrice of the same package on a random sample of imported offerings", async () => {
    const gp = (await waitForUpdate()) ?? [];
    const gpId = (provider: string) => (provider === "aws-bedrock" ? "aws" : provider);
    // Only imported models: a curated model (and an imported id mapped onto one, e.g. a reseller's
    // deepseek-v4-flash → deepseek-flash) is priced by its curated sheets, not by genai-prices.
    const imported = new Set(files.importedModels.map((m) => m.id));
    const candidates: { provider: string; model: string }[] = [];
    for (const providerId of [...catalog.providers.keys()].sort()) {
      for (const { price } of catalog.pricesInForce(providerId, AT)) {
        if (imported.has(price.modelId)) candidates.push({ provider: providerId, model: price.modelId });
      }
    }
    const next = random(15);
    const sample = Array.from({ length: 300 }, () => candidates[Math.floor(next() * candidates.length)]!);
    const usage = {
      input_tokens: 300_000,
      cache_read_tokens: 60_000,
      cache_write_tokens: 20_000,
      output_tokens: 40_000,
    };
    const { workload } = resolveWorkload({
      inputTokensPerMonth: dec(usage.input_tokens),
      outputTokensPerMonth: dec(usage.output_tokens),
      cachedInputShare: dec(usage.cache_read_tokens).div(usage.input_tokens),
      cacheWriteShare: dec(usage.cache_write_tokens).div(usage.input_tokens),
      inputTokensPerRequest: dec(usage.input_tokens),
      requestsPerMonth: dec(PEER_REQUESTS),
    });
    const disagreements: string[] = [];
    let compared = 0;
    for (const { provider, model } of sample) {
      const gpProvider = gp.find((p) => p.id === gpId(provider));
      const gpModel = gpProvider?.models.find((m) => m.id === model);
      // The peer finds a model by its match rule, which does not always accept the model's own id.
      const name = [model, ...equalsLeaves(gpModel?.match ?? { equals: model })].find(
        (n) => calcPrice(usage, n, { provider: gpProvider })?.model.id === model,
      );
      if (!name) continue;
      compared++;
      const peer = calcPrice(usage, name, { provider: gpProvider, timestamp: new Date(`${AT}T12:00:00Z`) });
      const ours = estimateApiFees(workload, catalog.resolveOffering(provider, model, AT), model).monthlyCost;
      if (!peer || ours.minus(peer.total_price).abs().gt(ours.abs().times("1e-9").plus("1e-12"))) {
        disagreements.push(`${provider}/${model}: ours ${ours} peer ${peer?.total_price}`);
      }
    }
    const rate = 1 - disagreements.length / compared;
    console.log(
      `peer agreement ${(rate * 100).toFixed(1)}% of ${compared} (sample ${sample.length})`,
      disagreements,
    );
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
  it("prices every offering with a per-request fee as calcPrice does (one request per call)", async () => {
    const gp = (await waitForUpdate()) ?? [];
    const usage = { input_tokens: 300_000, output_tokens: 40_000 };
    const { workload } = resolveWorkload({
      inputTokensPerMonth: dec(usage.input_tokens),
      outputTokensPerMonth: dec(usage.output_tokens),
      requestsPerMonth: dec(PEER_REQUESTS),
    });
    const withFee: string[] = [];
    const disagreements: string[] = [];
    for (const providerId of [...catalog.providers.keys()].sort()) {
      for (const { price } of catalog.pricesInForce(providerId, AT)) {
        if (price.requestFeePer1K === null || price.requestFeePer1K === undefined) continue;
        const gpProvider = gp.find((p) => p.id === (providerId === "aws-bedrock" ? "aws" : providerId));
        const peer = calcPrice(usage, price.modelId, {
          provider: gpProvider,
          timestamp: new Date(`${AT}T12:00:00Z`),
        });
        const ours = estimateApiFees(
          workload,
          catalog.resolveOffering(providerId, price.modelId, AT),
          price.modelId,
        ).monthlyCost;
        withFee.push(`${providerId}/${price.modelId}`);
        if (!peer || !ours.eq(dec(peer.total_price).toDecimalPlaces(12)))
          disagreements.push(`${providerId}/${price.modelId}: ours ${ours} peer ${peer?.total_price}`);
      }
    }
    // genai-prices 0.1.8 has four: Perplexity's Sonar family.
    expect(withFee).toEqual(
      expect.arrayContaining([
        "perplexity/sonar",
        "perplexity/sonar-pro",
        "perplexity/sonar-reasoning",
        "perplexity/sonar-reasoning-pro",
      ]),
    );
    expect(disagreements).toEqual([]);
    // By hand, sonar: 0.3M × $1 + 0.04M × $1 + 1 request × $12 / 1,000 = 0.3 + 0.04 + 0.012.
    const sonar = estimateApiFees(workload, catalog.resolveOffering("perplexity", "sonar", AT), "sonar");
    expect(sonar.monthlyCost.toString()).toBe("0.352");
    const requests = sonar.lineItems.find((l) => l.unit === "1K requests");
    expect([
      requests?.quantity.toString(),
      requests?.unitPrice.toString(),
      requests?.cost.toString(),
    ]).toEqual(["0.001", "12", "0.012"]);
  });
});
