/**
 * Hosted open-weight offerings on the real seeded catalogue (facts-2026.md §2 rows 24 and 38–43): each
 * prices at a 2026 date to the facts table's figure (1M input + 1M output, worked by hand: in + out),
 * cached rates apply where the table gives one, Bedrock "regional" Claude is 1.1 × "global", and a user
 * finds a neutral model's hosted offerings through `baseModel` (GET /v1/models/{id}, GET /v1/models and
 * GET /v1/prices filters) and is pointed at the provider's id when sending the neutral one.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORTED_DIR } from "../../api/catalog/load-files.js";
import { dec } from "../../api/domain/shared/decimal.js";
import { PRICING_DATA_DIR } from "../../api/paths.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const AT = "2026-11-15";

async function getJson(path: string) {
  const res = await ctx.app.request(path);
  return { status: res.status, body: (await res.json()) as any };
}

async function estimate(
  offerings: { provider: string; model: string }[],
  workload: Record<string, unknown> = { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
) {
  const res = await ctx.app.request("/v1/estimates/api", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ workload, offerings, at: AT }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * [row, provider, the id the provider's API takes, $ for 1M in + 1M out = in + out of the table].
 * Together's gpt-oss-120b (0.15 / 0.60) and Qwen3-235B-A22B fp8 (0.20 / 0.60) are not in genai-prices
 * 0.1.8 under `together`; the same Together prices come through Hugging Face's router
 * (`huggingface_together`), priced here instead.
 */
const ROWS: [number, string, string, string][] = [
  [38, "groq", "meta-llama/llama-4-maverick-17b-128e-instruct", "0.80"], // 0.20 + 0.60
  [38, "together", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "1.12"], // 0.27 + 0.85
  [38, "fireworks", "accounts/fireworks/models/llama4-maverick-instruct-basic", "1.10"], // 0.22 + 0.88
  [38, "aws-bedrock", "meta.llama4-maverick-17b-instruct-v1:0", "1.21"], // 0.24 + 0.97
  [39, "groq", "meta-llama/llama-4-scout-17b-16e-instruct", "0.45"], // 0.11 + 0.34
  [39, "together", "meta-llama/Llama-4-Scout-17B-16E-Instruct", "0.77"], // 0.18 + 0.59
  [39, "aws-bedrock", "meta.llama4-scout-17b-instruct-v1:0", "0.83"], // 0.17 + 0.66
  [40, "groq", "llama-3.3-70b-versatile", "1.38"], // 0.59 + 0.79
  [40, "together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", "1.76"], // 0.88 + 0.88
  [40, "aws-bedrock", "meta.llama3-3-70b-instruct-v1:0", "1.44"], // 0.72 + 0.72
  [40, "cerebras", "llama-3.3-70b", "2.05"], // 0.85 + 1.20 (deprecated there)
  [41, "groq", "openai/gpt-oss-120b", "0.75"], // 0.15 + 0.60
  [41, "huggingface_together", "openai/gpt-oss-120b", "0.75"], // Together 0.15 + 0.60
  [41, "fireworks", "accounts/fireworks/models/gpt-oss-120b", "0.75"], // 0.15 + 0.60
  [41, "aws-bedrock", "openai.gpt-oss-120b-1:0", "0.75"], // 0.15 + 0.60
  [41, "cerebras", "gpt-oss-120b", "1.10"], // 0.35 + 0.75
  [41, "openrouter", "openai/gpt-oss-120b", "0.219"], // 0.039 + 0.18
  [42, "groq", "openai/gpt-oss-20b", "0.375"], // 0.075 + 0.30
  [42, "fireworks", "accounts/fireworks/models/gpt-oss-20b", "0.37"], // 0.07 + 0.30
  [42, "aws-bedrock", "openai.gpt-oss-20b-1:0", "0.37"], // 0.07 + 0.30
  [43, "fireworks", "accounts/fireworks/models/qwen3-235b-a22b", "1.10"], // 0.22 + 0.88
  [43, "huggingface_together", "Qwen/Qwen3-235B-A22B-Instruct-2507", "0.80"], // Together 0.20 + 0.60
  [43, "openrouter", "qwen/qwen3-235b-a22b", "0.73"], // 0.13 + 0.60
  [43, "groq", "qwen/qwen3-32b", "0.88"], // Qwen3-32B 0.29 + 0.59
];

/** The neutral model each row's offering serves (its `baseModel`, or the neutral id itself). */
const ROW_MODEL: Record<number, string> = {
  38: "llama-4-maverick",
  39: "llama-4-scout",
  40: "llama-3.3-70b",
  41: "gpt-oss-120b",
  42: "gpt-oss-20b",
};

describe("facts-2026 §2 rows 38–43: hosted open weights at 2026-11-15", () => {
  it("each offering prices 1M input + 1M output at the facts table's figure", async () => {
    const { status, body } = await estimate(ROWS.map(([, provider, model]) => ({ provider, model })));
    expect(status).toBe(200);
    const got = body.data.map((d: any, i: number) => {
      const [row, provider, model, expected] = ROWS[i]!;
      return [row, provider, model, dec(d.monthlyCost).eq(expected) ? expected : d.monthlyCost];
    });
    expect(got).toEqual(ROWS);
  });

  it("each priced model links to the neutral model of its row", async () => {
    for (const [row, provider, model] of ROWS) {
      const neutral =
        row === 43 ? (model.includes("32b") ? "qwen3-32b" : "qwen3-235b-a22b") : ROW_MODEL[row]!;
      const { body } = await estimate([{ provider, model }]);
      const id = body.data[0].model as string;
      if (id === neutral) continue; // the provider prices the neutral id itself (cerebras, fireworks)
      const record = await getJson(`/v1/models/${encodeURIComponent(id)}`);
      expect([provider, id, record.body.baseModel]).toEqual([provider, id, neutral]);
    }
  });

  it("cached input is billed at the table's cached rate: Groq gpt-oss 0.075 / 0.0375, Fireworks 0.014 / 0.035", async () => {
    const workload = {
      inputTokensPerMonth: 1_000_000,
      outputTokensPerMonth: 1_000_000,
      cachedInputShare: "0.5",
    };
    const { body } = await estimate(
      [
        { provider: "groq", model: "openai/gpt-oss-120b" },
        { provider: "groq", model: "openai/gpt-oss-20b" },
        { provider: "fireworks", model: "gpt-oss-120b" },
        { provider: "fireworks", model: "gpt-oss-20b" },
      ],
      workload,
    );
    // 0.5M uncached × in + 0.5M cached × cached + 1M × out
    expect(body.data.map((d: any) => dec(d.monthlyCost).toString())).toEqual([
      "0.7125", // 0.075 + 0.0375 + 0.60
      "0.35625", // 0.0375 + 0.01875 + 0.30
      "0.682", // 0.075 + 0.007 + 0.60
      "0.3525", // 0.035 + 0.0175 + 0.30
    ]);
    const cached = body.data[0].lineItems.find((l: any) => l.unitPrice === "0.075" && l.quantity !== "0");
    expect(cached).toBeDefined();
  });
});

describe("facts-2026 §2 row 24: Bedrock regional Claude = 1.1 × global", () => {
  it("Sonnet 4.5 regional 3.30 / 0.33 / 4.125 / 16.5 against global 3 / 0.30 / 3.75 / 15", async () => {
    const row = async (id: string) =>
      (await getJson(`/v1/prices?provider=aws-bedrock&model=${encodeURIComponent(id)}&at=${AT}`)).body
        .data[0];
    const regional = await row("regional.anthropic.claude-sonnet-4-5-20250929-v1:0");
    const global = await row("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    const rates = (p: any) =>
      [p.inputPerMillion, p.cachedInputPerMillion, p.cacheWritePerMillion, p.outputPerMillion].map((r) =>
        dec(r).toString(),
      );
    expect(rates(regional)).toEqual(["3.3", "0.33", "4.125", "16.5"]);
    expect(rates(global)).toEqual(["3", "0.3", "3.75", "15"]);
    for (const [r, g] of rates(regional).map((r, i) => [r, rates(global)[i]!])) {
      expect(dec(r!).eq(dec(g!).times("1.1"))).toBe(true);
    }
  });

  it("every regional/global pair on Bedrock: regional = 1.1 × global on every rate (Sonnet 4 and older: no uplift)", async () => {
    const { body } = await getJson(`/v1/prices?provider=aws-bedrock&at=${AT}&limit=1000`);
    expect(body.nextCursor).toBeNull();
    const byModel = new Map<string, any>(body.data.map((p: any) => [p.model, p]));
    const RATES = ["inputPerMillion", "cachedInputPerMillion", "cacheWritePerMillion", "outputPerMillion"];
    const uplifted: string[] = [];
    const flat: string[] = [];
    // A regional id whose match rule names a curated model (regional.anthropic.claude-opus-5 also
    // answers to "claude-opus-5") is priced under the curated id: the import report says which.
    const report = JSON.parse(
      await readFile(path.join(PRICING_DATA_DIR, IMPORTED_DIR, "import-report.json"), "utf8"),
    ) as { mappedToCurated: { provider: string; model: string; curatedModel: string }[] };
    const sourceId = new Map(
      report.mappedToCurated
        .filter((m) => m.provider === "aws-bedrock" && m.model.startsWith("regional."))
        .map((m) => [m.curatedModel, m.model]),
    );
    for (const [model, regional] of byModel) {
      const id = sourceId.get(model) ?? model;
      if (!id.startsWith("regional.")) continue;
      const global = byModel.get(`global.${id.slice("regional.".length)}`);
      if (!global) continue;
      const ratio = (key: string) =>
        regional[key] == null ? null : dec(regional[key]).div(dec(global[key])).toString();
      const ratios = new Set(RATES.map(ratio).filter((r) => r !== null));
      if (ratios.size === 1 && ratios.has("1.1")) uplifted.push(id);
      else if (ratios.size === 1 && ratios.has("1")) flat.push(id);
      else throw new Error(`${id}: regional/global ratios ${[...ratios].join(", ")}`);
    }
    expect(uplifted).toEqual(
      expect.arrayContaining([
        "regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "regional.anthropic.claude-haiku-4-5-20251001-v1:0",
        "regional.anthropic.claude-opus-4-5-v1:0",
        "regional.anthropic.claude-sonnet-4-6-v1:0",
        "regional.anthropic.claude-opus-5",
      ]),
    );
    expect(uplifted.length).toBeGreaterThanOrEqual(15);
    // genai-prices prices Sonnet 4 (before the 4.5 generation) the same on both endpoints.
    expect(flat).toEqual(["regional.anthropic.claude-sonnet-4-20250514-v1:0"]);
  });

  it("Bedrock's own ids price as regional (us., eu., bare) or global, and a workload costs 1.1× more regionally", async () => {
    const workload = {
      inputTokensPerMonth: 1_000_000,
      outputTokensPerMonth: 1_000_000,
      cachedInputShare: "0.25",
      cacheWriteShare: "0.05",
    };
    const { status, body } = await estimate(
      [
        { provider: "aws-bedrock", model: "global.anthropic.claude-sonnet-4-5-20250929-v1:0" },
        { provider: "aws-bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" },
        { provider: "aws-bedrock", model: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0" },
        { provider: "aws-bedrock", model: "anthropic.claude-sonnet-4-5-20250929-v1:0" },
      ],
      workload,
    );
    expect(status).toBe(200);
    expect(body.data.map((d: any) => d.model)).toEqual([
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ]);
    // global: 0.70M × 3 + 0.25M × 0.30 + 0.05M × 3.75 + 1M × 15 = 2.1 + 0.075 + 0.1875 + 15
    expect(dec(body.data[0].monthlyCost).toString()).toBe("17.3625");
    // regional: 2.31 + 0.0825 + 0.20625 + 16.5 = 1.1 × 17.3625
    expect(dec(body.data[1].monthlyCost).toString()).toBe("19.09875");
    expect(dec(body.data[1].monthlyCost).eq(dec("17.3625").times("1.1"))).toBe(true);
  });
});

describe("finding a neutral model's hosted offerings (baseModel)", () => {
  it("GET /v1/models/{id} of a neutral model lists its variants and their offerings", async () => {
    const { status, body } = await getJson("/v1/models/gpt-oss-120b");
    expect(status).toBe(200);
    expect(body.variants).toEqual(
      expect.arrayContaining(["openai/gpt-oss-120b", "openai.gpt-oss-120b-1:0", "@cf/openai/gpt-oss-120b"]),
    );
    expect(body.variants).not.toContain("openai/gpt-oss-safeguard-20b");
    const pairs = body.offerings.map((o: any) => `${o.provider} ${o.model}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        "groq openai/gpt-oss-120b",
        "aws-bedrock openai.gpt-oss-120b-1:0",
        "cerebras gpt-oss-120b",
        "fireworks gpt-oss-120b",
        "openrouter openai/gpt-oss-120b",
      ]),
    );
    const providers = body.offerings.map((o: any) => o.provider);
    expect(providers).toEqual([...providers].sort());
    const variant = await getJson(`/v1/models/${encodeURIComponent("openai/gpt-oss-120b")}`);
    expect(variant.body).toMatchObject({ baseModel: "gpt-oss-120b", variants: [] });
    expect(variant.body.offerings.every((o: any) => o.model === "openai/gpt-oss-120b")).toBe(true);
    const proprietary = await getJson("/v1/models/gpt-4o-2024-08-06");
    expect(proprietary.body.variants).toEqual([]);
  });

  it("GET /v1/models?baseModel= lists exactly the variants of that model", async () => {
    const { status, body } = await getJson("/v1/models?baseModel=llama-3.3-70b&limit=1000");
    expect(status).toBe(200);
    const ids = body.data.map((m: any) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "llama-3.3-70b-versatile",
        "llama-3.3-70b-specdec",
        "meta.llama3-3-70b-instruct-v1:0",
        "meta-llama/Llama-3.3-70B-Instruct-Turbo",
      ]),
    );
    expect(ids).not.toContain("eva-unit-01/eva-llama-3.33-70b");
    expect(body.data.every((m: any) => m.baseModel === "llama-3.3-70b")).toBe(true);
    const distills = await getJson("/v1/models?baseModel=deepseek-r1&limit=1000");
    expect(distills.body.data.map((m: any) => m.id).filter((id: string) => /distill/i.test(id))).toEqual([]);
    expect(distills.body.data.length).toBeGreaterThan(0);
  });

  it("GET /v1/prices?baseModel= gives every provider's price of the model and its variants", async () => {
    const { status, body } = await getJson(`/v1/prices?baseModel=gpt-oss-120b&at=${AT}&limit=1000`);
    expect(status).toBe(200);
    const pairs = body.data.map((p: any) => `${p.provider} ${p.model}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        "aws-bedrock openai.gpt-oss-120b-1:0",
        "cerebras gpt-oss-120b",
        "fireworks gpt-oss-120b",
        "groq openai/gpt-oss-120b",
        "openrouter openai/gpt-oss-120b",
        "openrouter openai/gpt-oss-120b:free",
      ]),
    );
    expect(pairs.filter((p: string) => /safeguard|-20b/.test(p))).toEqual([]);
    const groq = body.data.find((p: any) => p.provider === "groq");
    expect(groq).toMatchObject({
      inputPerMillion: "0.15",
      cachedInputPerMillion: "0.075",
      outputPerMillion: "0.6",
    });

    const onGroq = await getJson(`/v1/prices?provider=groq&baseModel=gpt-oss-120b&at=${AT}`);
    expect(onGroq.body.data.map((p: any) => p.model)).toEqual(["openai/gpt-oss-120b"]);
    const other = await getJson(
      `/v1/prices?provider=groq&model=openai/gpt-oss-20b&baseModel=gpt-oss-120b&at=${AT}`,
    );
    expect(other.body.data).toEqual([]);
  });

  it("an unknown baseModel is a 404 problem pointing at the parameter", async () => {
    for (const path of ["/v1/prices?baseModel=llama-9", "/v1/models?baseModel=llama-9"]) {
      const { status, body } = await getJson(path);
      expect(status).toBe(404);
      expect(body).toMatchObject({ type: "/problems/not-found", errors: [{ pointer: "/query/baseModel" }] });
    }
  });

  it("pricing the neutral id on a provider that serves it under its own id says which id to send", async () => {
    const { status, body } = await estimate([{ provider: "groq", model: "gpt-oss-120b" }]);
    expect(status).toBe(422);
    expect(body.errors[0].pointer).toBe("/offerings/0/model");
    expect(body.detail).toContain("groq prices it as 'openai/gpt-oss-120b'");
  });
});
