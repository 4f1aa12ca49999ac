/**
 * Validates the sourced API-price catalogue in `pricing-data/` (providers, models, price sheets) against the
 * zod schemas and checks cross-file integrity; also checks that the loader reports bad files precisely.
 */

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { architectureProblems, kvCacheBytesPerToken } from "../domain/self-hosting/memory.js";
import {
  checkPricingDataIntegrity,
  loadPricingDataFiles,
  MODELS_FILE,
  PRICE_SHEETS_DIR,
  PROVIDERS_FILE,
  PricingDataError,
  type PricingDataFiles,
  priceSheetFileName,
  resolveModelId,
} from "./load-files.js";
import { modelEntry, modelFile, priceSheetFile, providerFile } from "./schema.js";

const DATA_DIR = fileURLToPath(new URL("../../pricing-data", import.meta.url));

async function readJsonFile(rel: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(DATA_DIR, rel), "utf8")) as unknown;
}

async function sheetFileNames(): Promise<string[]> {
  return (await readdir(path.join(DATA_DIR, PRICE_SHEETS_DIR))).filter((f) => f.endsWith(".json")).sort();
}

describe("pricing-data files parse with their schemas", () => {
  it("providers.json", async () => {
    const result = providerFile.safeParse(await readJsonFile(PROVIDERS_FILE));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("models.json", async () => {
    const result = modelFile.safeParse(await readJsonFile(MODELS_FILE));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("every price-sheets/*.json", async () => {
    const files = await sheetFileNames();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const result = priceSheetFile.safeParse(await readJsonFile(`${PRICE_SHEETS_DIR}/${file}`));
      expect({ file, issues: result.error?.issues ?? [] }).toEqual({ file, issues: [] });
    }
  });

  it("files are tidy JSON (2-space indent, trailing newline)", async () => {
    const files = [
      PROVIDERS_FILE,
      MODELS_FILE,
      ...(await sheetFileNames()).map((f) => `${PRICE_SHEETS_DIR}/${f}`),
    ];
    for (const file of files) {
      const text = await readFile(path.join(DATA_DIR, file), "utf8");
      expect({ file, tidy: text === `${JSON.stringify(JSON.parse(text), null, 2)}\n` }).toEqual({
        file,
        tidy: true,
      });
    }
  });
});

describe("pricing-data cross-file integrity", () => {
  let data: PricingDataFiles;
  beforeAll(async () => {
    data = await loadPricingDataFiles(DATA_DIR);
  });

  it("loads without integrity problems", () => {
    expect(checkPricingDataIntegrity(data)).toEqual([]);
  });

  it("has the curated providers and at least 40 in all with the imported ones", () => {
    const ids = data.providers.map((p) => p.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "anthropic",
        "aws-bedrock",
        "azure",
        "google",
        "groq",
        "mistral",
        "openai",
        "together",
      ]),
    );
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });

  it("every price row names a model of models.json or the imported models (canonical id, not the provider's name)", () => {
    const ids = new Set([...data.models, ...data.importedModels].map((m) => m.id));
    for (const sheet of data.priceSheets) {
      for (const row of sheet.prices) {
        expect({ sheet: priceSheetFileName(sheet), model: row.model, known: ids.has(row.model) }).toEqual({
          sheet: priceSheetFileName(sheet),
          model: row.model,
          known: true,
        });
      }
    }
  });

  it("every provider of a sheet and of an alias exists", () => {
    const ids = new Set(data.providers.map((p) => p.id));
    for (const sheet of data.priceSheets) expect(ids.has(sheet.provider)).toBe(true);
    for (const m of data.models) for (const a of m.aliases) expect(ids.has(a.provider)).toBe(true);
  });

  it("no two sheets share provider and effectiveFrom", () => {
    const keys = data.priceSheets.map((s) => `${s.provider} ${s.effectiveFrom}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("each file is named <provider>-<effectiveFrom>.json", async () => {
    for (const file of await sheetFileNames()) {
      const sheet = priceSheetFile.parse(await readJsonFile(`${PRICE_SHEETS_DIR}/${file}`));
      expect(file).toBe(priceSheetFileName(sheet));
    }
  });

  it("every alias resolves to its model from its start date, and not before any entry of it", () => {
    for (const m of data.models) {
      for (const a of m.aliases) {
        expect({
          alias: a.alias,
          provider: a.provider,
          from: a.from,
          to: resolveModelId(data.models, a.provider, a.alias, a.from),
        }).toEqual({ alias: a.alias, provider: a.provider, from: a.from, to: m.id });
      }
    }
  });

  it("resolves gpt-4o over time (OpenAI moved it to 2024-08-06 on 2024-10-02)", () => {
    expect(resolveModelId(data.models, "openai", "gpt-4o", "2024-05-12")).toBeUndefined();
    expect(resolveModelId(data.models, "openai", "gpt-4o", "2024-09-30")).toBe("gpt-4o-2024-05-13");
    expect(resolveModelId(data.models, "openai", "gpt-4o", "2024-10-02")).toBe("gpt-4o-2024-08-06");
    expect(resolveModelId(data.models, "groq", "llama3-70b-8192", "2024-07-01")).toBe("llama-3-70b");
    expect(resolveModelId(data.models, "openai", "llama3-70b-8192", "2024-07-01")).toBeUndefined();
    expect(resolveModelId(data.models, "mistral", "mixtral-8x7b", "2024-07-01")).toBe("mixtral-8x7b");
  });

  it("open-weight models have a consistent architecture", () => {
    const open = data.models.filter((m) => m.openWeights);
    expect(open.length).toBeGreaterThanOrEqual(9);
    for (const m of open) {
      const a = m.architecture;
      expect(a, m.id).not.toBeNull();
      if (!a) continue;
      expect(a.kvHeads, m.id).toBeLessThanOrEqual(a.attentionHeads);
      expect(a.attentionHeads % a.kvHeads, m.id).toBe(0);
      // head_dim is not always hidden/heads (gpt-oss 64 vs 45, Qwen3-32B 128 vs 80, Gemma 3 128 vs 168)
      expect(architectureProblems(a, m.contextWindow), m.id).toEqual([]);
      expect(a.activeParams, m.id).toBeLessThanOrEqual(a.totalParams);
      expect(Number.isInteger(a.totalParams) && Number.isInteger(a.activeParams), m.id).toBe(true);
    }
    // models.json is validated by the same schema as a request's architecture (one schema, both rules).
    const gqaWithLatent = { ...open[0]?.architecture, attention: { type: "gqa", kvLoraRank: 512 } };
    expect(modelEntry.shape.architecture.safeParse(gqaWithLatent).error?.issues[0]).toMatchObject({
      path: ["attention", "kvLoraRank"],
      message: "kvLoraRank and ropeHeadDim belong to MLA attention only",
    });
    const falcon7b = data.models.find((m) => m.id === "falcon-7b");
    expect(falcon7b?.architecture?.kvHeads).toBe(1);
    const mixtral = data.models.find((m) => m.id === "mixtral-8x22b");
    expect(mixtral?.architecture).toMatchObject({
      layers: 56,
      hiddenSize: 6144,
      attentionHeads: 48,
      kvHeads: 8,
    });
  });

  it("carries every open-weight model of 2025–26 (DESIGN §2) with its KV cache per token as facts-2026 §3 computes it", () => {
    // growing KV bytes per token at BF16: full-attention layers only (facts-2026 §3 last column)
    const expected: Record<string, number> = {
      "llama-2-70b": 327_680,
      "llama-3.1-8b": 131_072,
      "llama-3.1-70b": 327_680,
      "llama-3.1-405b": 516_096,
      "llama-3.3-70b": 327_680,
      "llama-4-scout": 196_608,
      "llama-4-maverick": 196_608,
      "deepseek-v3": 70_272,
      "deepseek-r1": 70_272,
      "qwen3-8b": 147_456,
      "qwen3-32b": 262_144,
      "qwen3-30b-a3b": 98_304,
      "qwen3-235b-a22b": 192_512,
      "gpt-oss-20b": 24_576,
      "gpt-oss-120b": 36_864,
      "gemma-3-27b": 81_920,
    };
    for (const [id, bytes] of Object.entries(expected)) {
      const m = data.models.find((x) => x.id === id);
      expect(m?.openWeights, id).toBe(true);
      if (!m?.architecture) throw new Error(`${id} has no architecture`);
      expect(kvCacheBytesPerToken(m.architecture, "bf16").toNumber(), id).toBe(bytes);
      expect(m.source, id).toMatch(/config/);
    }
  });

  it("a later curated sheet of a provider still prices every model of the earlier one (curated sheets are complete lists)", async () => {
    const byProvider = new Map<string, PricingDataFiles["priceSheets"]>();
    // The 2024 sheets of models.json are complete lists; later ones may list only what changed (DESIGN §2),
    // and so may a 2024-dated sheet that prices only a model added with models-2026.json (gpt-4o-mini).
    const later = modelFile.parse(
      JSON.parse(await readFile(path.join(DATA_DIR, "models-2026.json"), "utf8")),
    );
    const added = new Set(later.models.map((m) => m.id));
    const onlyAdded = (s: PricingDataFiles["priceSheets"][number]) =>
      s.prices.every((p) => added.has(p.model));
    for (const s of data.priceSheets.filter((s) => s.effectiveFrom < "2025-01-01" && !onlyAdded(s)))
      byProvider.set(s.provider, [...(byProvider.get(s.provider) ?? []), s]);
    for (const sheets of byProvider.values()) {
      for (let i = 1; i < sheets.length; i++) {
        const prev = sheets[i - 1];
        const next = sheets[i];
        if (!prev || !next) continue;
        const nextModels = new Set(next.prices.map((p) => p.model));
        for (const row of prev.prices) {
          expect({
            sheet: priceSheetFileName(next),
            keeps: row.model,
            ok: nextModels.has(row.model),
          }).toEqual({
            sheet: priceSheetFileName(next),
            keeps: row.model,
            ok: true,
          });
        }
      }
    }
  });

  it("every unconfirmed entry says why in its note", () => {
    for (const s of data.priceSheets)
      if (!s.checked) expect(s.note?.length ?? 0, priceSheetFileName(s)).toBeGreaterThan(20);
    for (const m of data.models) {
      if (!m.checked) expect(m.note?.length ?? 0, m.id).toBeGreaterThan(20);
      for (const a of m.aliases)
        if (!a.checked) expect(a.note?.length ?? 0, `${a.provider}/${a.alias}`).toBeGreaterThan(20);
    }
  });
});

describe("loadPricingDataFiles error reporting", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pricing-data-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fixture(
    sheets: Record<string, unknown>,
    extra: Record<string, string> = {},
  ): Promise<string> {
    const d = await mkdtemp(path.join(dir, "case-"));
    await mkdir(path.join(d, PRICE_SHEETS_DIR));
    await writeFile(
      path.join(d, PROVIDERS_FILE),
      JSON.stringify({ providers: [{ id: "acme", name: "Acme", url: "https://acme.example/pricing" }] }),
    );
    const sourced = { source: "test", checkedOn: "2024-01-01", checked: true };
    await writeFile(
      path.join(d, MODELS_FILE),
      JSON.stringify({
        models: [
          {
            id: "m-1",
            name: "M 1",
            creator: "acme",
            family: "m",
            openWeights: false,
            license: null,
            releaseDate: "2024-01-01",
            contextWindow: 1000,
            mmlu: null,
            architecture: null,
            aliases: [{ alias: "m", provider: "acme", from: "2024-01-01", ...sourced }],
            ...sourced,
          },
        ],
      }),
    );
    for (const [name, body] of Object.entries(sheets)) {
      await writeFile(path.join(d, PRICE_SHEETS_DIR, name), JSON.stringify(body));
    }
    for (const [name, text] of Object.entries(extra)) await writeFile(path.join(d, name), text);
    return d;
  }

  const goodSheet = {
    provider: "acme",
    effectiveFrom: "2024-02-01",
    currency: "USD",
    source: "test",
    checkedOn: "2024-02-01",
    checked: true,
    prices: [{ model: "m-1", inputPerMillion: "1", outputPerMillion: "2" }],
  };

  it("loads a valid directory, applies defaults and ignores files it does not know", async () => {
    const d = await fixture(
      { "acme-2024-02-01.json": goodSheet },
      { "accelerators.json": "not json at all" },
    );
    const data = await loadPricingDataFiles(d);
    expect(data.priceSheets).toHaveLength(1);
    expect(data.priceSheets[0]?.prices[0]).toMatchObject({
      cachedInputPerMillion: null,
      batchDiscount: null,
      tiers: [],
    });
  });

  it("names the file and the JSON path of a schema error", async () => {
    const bad = { ...goodSheet, prices: [{ model: "m-1", inputPerMillion: 1.5, outputPerMillion: "2" }] };
    const d = await fixture({ "acme-2024-02-01.json": bad });
    const err = await loadPricingDataFiles(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PricingDataError);
    expect((err as PricingDataError).file).toBe("price-sheets/acme-2024-02-01.json");
    expect((err as PricingDataError).jsonPath).toBe("$.prices[0].inputPerMillion");
    expect((err as Error).message).toContain("price-sheets/acme-2024-02-01.json $.prices[0].inputPerMillion");
  });

  it("names the file of invalid JSON", async () => {
    const d = await fixture({});
    await writeFile(path.join(d, PRICE_SHEETS_DIR, "acme-2024-03-01.json"), "{ nope");
    await expect(loadPricingDataFiles(d)).rejects.toThrow(
      /price-sheets\/acme-2024-03-01\.json \$: not valid JSON/,
    );
  });

  it("reports integrity problems: unknown model, unknown provider, wrong file name", async () => {
    const d = await fixture({
      "acme-2024-02-01.json": {
        ...goodSheet,
        prices: [{ model: "ghost", inputPerMillion: "1", outputPerMillion: "1" }],
      },
      "wrong-name.json": { ...goodSheet, provider: "nobody", effectiveFrom: "2024-04-01" },
    });
    const err = (await loadPricingDataFiles(d).catch((e: unknown) => e)) as PricingDataError;
    expect(err).toBeInstanceOf(PricingDataError);
    const found = err.problems.map((p) => `${p.file} ${p.jsonPath}`);
    expect(found).toContain("price-sheets/acme-2024-02-01.json $.prices[0].model");
    expect(found).toContain("price-sheets/wrong-name.json $.provider");
    expect(found).toContain("price-sheets/wrong-name.json $");
  });
});
