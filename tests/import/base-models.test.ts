/**
 * The reviewed baseModel rules (pricing-data/genai-prices-rules/base-models.json) on the ids genai-prices
 * 0.1.8 actually carries: which hosted offerings link to a vendor-neutral open-weight model of DESIGN §2
 * and which must not (other sizes, later versions, fine-tunes, merges, distillations). The table is
 * checked twice: through the rule function the importer uses, and against the regenerated
 * pricing-data/imported/genai-prices/models.json, so a stale import fails too.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPricingDataFiles, type PricingDataFiles } from "../../api/catalog/load-files.js";
import { PRICING_DATA_DIR } from "../../api/paths.js";
import { type BaseModelRule, baseModelOf } from "../../scripts/genai-prices/convert.js";
import { OPEN_WEIGHT_MODELS_2025_26 } from "../support/open-weight-models.js";

let rules: BaseModelRule[];
let files: PricingDataFiles;
let known: Set<string>;

beforeAll(async () => {
  const text = await readFile(path.join(PRICING_DATA_DIR, "genai-prices-rules", "base-models.json"), "utf8");
  rules = (JSON.parse(text) as { rules: BaseModelRule[] }).rules;
  files = await loadPricingDataFiles(PRICING_DATA_DIR);
  known = new Set(files.models.filter((m) => m.openWeights).map((m) => m.id));
});

/** [imported id as genai-prices writes it, the neutral model it must link to (null: must not link)]. */
const TABLE: [string, string | null][] = [
  // Llama 3.1: each size only to its own id, every provider spelling.
  ["llama-3.1-8b-instant", "llama-3.1-8b"],
  ["llama-v3p1-8b-instruct", "llama-3.1-8b"],
  ["llama3.1-8b", "llama-3.1-8b"],
  ["meta.llama3-1-8b-instruct-v1:0", "llama-3.1-8b"],
  ["@cf/meta/llama-3.1-8b-instruct-fp8-fast", "llama-3.1-8b"],
  ["meta-llama/llama-3.1-8b-instruct:free", "llama-3.1-8b"],
  ["llama-3.1-70b-versatile", "llama-3.1-70b"],
  ["meta.llama3-1-70b-instruct-v1:0", "llama-3.1-70b"],
  ["meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "llama-3.1-70b"],
  ["Meta-Llama-3.1-405B-Instruct", "llama-3.1-405b"],
  ["llama-3.1-405b-reasoning", "llama-3.1-405b"],
  ["meta-llama/Meta-Llama-3.1-405B-Instruct-Turbo", "llama-3.1-405b"],
  ["nousresearch/hermes-3-llama-3.1-405b", null],
  ["nousresearch/hermes-3-llama-3.1-70b", null],
  ["nvidia/llama-3.1-nemotron-70b-instruct", null],
  ["llama-3.1-nemotron-ultra-253b-v1", null],
  ["neversleep/llama-3.1-lumimaid-70b", null],
  ["scb10x/llama3.1-typhoon2-70b-instruct", null],
  ["aion-labs/aion-rp-llama-3.1-8b", null],
  ["meta.llama3-2-90b-instruct-v1:0", null],
  // Llama 3.3 70B: speed and speculative-decoding variants link; fine-tunes of it do not.
  ["llama-3.3-70b-versatile", "llama-3.3-70b"],
  ["llama-3.3-70b-specdec", "llama-3.3-70b"],
  ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3.3-70b"],
  ["meta-llama/Meta-Llama-3.3-70B-Instruct-Turbo", "llama-3.3-70b"],
  ["Meta-Llama-3_3-70B-Instruct", "llama-3.3-70b"],
  ["meta.llama3-3-70b-instruct-v1:0", "llama-3.3-70b"],
  ["@cf/meta/llama-3.3-70b-instruct-fp8-fast", "llama-3.3-70b"],
  ["eva-unit-01/eva-llama-3.33-70b", null],
  ["shisa-v2-llama3.3-70b:free", null],
  ["tokyotech-llm/Llama-3.3-Swallow-70B-Instruct-v0.4", null],
  ["latitudegames/wayfarer-large-70b-llama-3.3", null],
  ["llama-3.3-nemotron-super-49b-v1", null],
  ["llama-3.3-8b-instruct:free", null],
  // Llama 4.
  ["meta-llama/llama-4-maverick-17b-128e-instruct", "llama-4-maverick"],
  ["meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "llama-4-maverick"],
  ["llama4-maverick-instruct-basic", "llama-4-maverick"],
  ["meta.llama4-maverick-17b-instruct-v1:0", "llama-4-maverick"],
  ["meta-llama/llama-4-maverick:free", "llama-4-maverick"],
  ["meta-llama/llama-4-scout-17b-16e-instruct", "llama-4-scout"],
  ["meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama-4-scout"],
  ["meta.llama4-scout-17b-instruct-v1:0", "llama-4-scout"],
  ["@cf/meta/llama-4-scout-17b-16e-instruct", "llama-4-scout"],
  ["meta-llama/llama-guard-4-12b", null],
  // Llama 2 and 3 (2024): the base model, not codellama or Hermes/Groq fine-tunes.
  ["llama2-70b-4096", "llama-2-70b"],
  ["meta-llama/Llama-2-70b-chat-hf", "llama-2-70b"],
  ["codellama/CodeLlama-70b-Instruct-hf", null],
  ["meta-llama/Meta-Llama-3-70B-Instruct-Turbo", "llama-3-70b"],
  ["meta-llama/Meta-Llama-3-8B-Instruct-Lite", "llama-3-8b"],
  ["@cf/meta/llama-3-8b-instruct-awq", "llama-3-8b"],
  ["nousresearch/hermes-2-pro-llama-3-8b", null],
  ["NousResearch/Hermes-2-Pro-Llama-3-8B", null],
  ["llama3-groq-70b-8192-tool-use-preview", null],
  ["neversleep/llama-3-lumimaid-70b", null],
  // DeepSeek: a dated re-release of V3 / R1 links; V3.1, V3.2 and V4 are new versions; distillations
  // have the student's architecture (Llama, Qwen), merges and R1-Zero are other models.
  ["deepseek-ai/DeepSeek-V3", "deepseek-v3"],
  ["deepseek-ai/DeepSeek-V3-0324", "deepseek-v3"],
  ["deepseek-v3-0324", "deepseek-v3"],
  ["deepseek/deepseek-chat-v3-0324:free", "deepseek-v3"],
  ["deepseek/deepseek_v3", "deepseek-v3"],
  ["deepseek/deepseek-v3-base:free", "deepseek-v3"],
  ["deepseek-ai/DeepSeek-V3.1", null],
  ["deepseek/deepseek-chat-v3.1", null],
  ["deepseek-v3.1-terminus", null],
  ["deepseek-ai/DeepSeek-V3.2", null],
  ["deepseek-v3.2-exp", null],
  ["deepseek-v3p2", null],
  ["deepseek-v4-pro", null],
  ["deepseek-chat", null],
  ["deepseek-ai/DeepSeek-R1", "deepseek-r1"],
  ["deepseek-ai/DeepSeek-R1-0528", "deepseek-r1"],
  ["deepseek-r1-0528", "deepseek-r1"],
  ["deepseek.r1-v1:0", "deepseek-r1"],
  ["deepseek/deepseek-r1:free", "deepseek-r1"],
  ["deepseek-r1-distill-llama-70b", null],
  ["deepseek/deepseek-r1-distill-llama-70b", null],
  ["deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", null],
  ["@cf/deepseek-ai/deepseek-r1-distill-qwen-32b", null],
  ["deepseek-r1-0528-qwen3-8b", null],
  ["deepseek-r1t-chimera:free", null],
  ["deepseek/deepseek-r1-zero:free", null],
  ["deepseek-reasoner", null],
  // Qwen3: each size to its own id; the 2507 re-release of a size links; VL, Coder, Next, 3.5+ do not.
  ["qwen/qwen3-32b", "qwen3-32b"],
  ["Qwen/Qwen3-32B", "qwen3-32b"],
  ["qwen-3-32b", "qwen3-32b"],
  ["qwen.qwen3-32b-v1:0", "qwen3-32b"],
  ["qwen3-32b:free", "qwen3-32b"],
  ["qwen/qwen3-vl-32b-instruct", null],
  ["aisingapore/Qwen-SEA-LION-v4-32B-IT", null],
  ["qwen/qwq-32b", null],
  ["Qwen/Qwen3-235B-A22B", "qwen3-235b-a22b"],
  ["Qwen/Qwen3-235B-A22B-Instruct-2507", "qwen3-235b-a22b"],
  ["qwen/qwen3-235b-a22b-thinking-2507", "qwen3-235b-a22b"],
  ["qwen3-235b-a22b:free", "qwen3-235b-a22b"],
  ["Qwen/Qwen3-VL-235B-A22B-Instruct", null],
  ["qwen.qwen3-vl-235b-a22b-v1:0", null],
  ["Qwen/Qwen3-30B-A3B", "qwen3-30b-a3b"],
  ["@cf/qwen/qwen3-30b-a3b-fp8", "qwen3-30b-a3b"],
  ["qwen/qwen3-30b-a3b-instruct-2507", "qwen3-30b-a3b"],
  ["Qwen/Qwen3-Coder-30B-A3B-Instruct", null],
  ["qwen.qwen3-coder-30b-a3b-v1:0", null],
  ["qwen/qwen3-vl-30b-a3b-instruct", null],
  ["Qwen/Qwen3-8B", "qwen3-8b"],
  ["qwen3-8b:free", "qwen3-8b"],
  ["Qwen/Qwen3-VL-8B-Instruct", null],
  ["Qwen/Qwen3-Embedding-8B", null],
  ["Qwen/Qwen3-14B", null],
  ["qwen/qwen3.5-397b-a17b", null],
  ["qwen/qwen3.5-27b", null],
  ["Qwen/Qwen3.5-35B-A3B", null],
  ["qwen/qwen3-next-80b-a3b-instruct", null],
  ["qwen/qwen3-coder", null],
  // gpt-oss: each size to its own id; gpt-oss-safeguard is a fine-tune.
  ["openai/gpt-oss-120b", "gpt-oss-120b"],
  ["openai.gpt-oss-120b-1:0", "gpt-oss-120b"],
  ["@cf/openai/gpt-oss-120b", "gpt-oss-120b"],
  ["openai/gpt-oss-120b:free", "gpt-oss-120b"],
  ["openai/gpt-oss-20b", "gpt-oss-20b"],
  ["openai.gpt-oss-20b-1:0", "gpt-oss-20b"],
  ["openai/gpt-oss-safeguard-20b", null],
  ["gpt-oss-safeguard-20b", null],
  // Gemma 3 27B: not the other sizes, Gemma 3n or SEA-LION (a fine-tune).
  ["gemma-3-27b-it", "gemma-3-27b"],
  ["google.gemma-3-27b-it", "gemma-3-27b"],
  ["google/gemma-3-27b-it:free", "gemma-3-27b"],
  ["google/gemma-3-12b-it", null],
  ["google/gemma-2-27b-it", null],
  ["gemma-3n", null],
  ["@cf/aisingapore/gemma-sea-lion-v4-27b-it", null],
  // Mistral 7B and Mixtral: the base models, not community fine-tunes.
  ["mistralai/Mistral-7B-Instruct-v0.2", "mistral-7b"],
  ["mistral.mistral-7b-instruct-v0:2", "mistral-7b"],
  ["Open-Orca/Mistral-7B-OpenOrca", null],
  ["teknium/OpenHermes-2p5-Mistral-7B", null],
  ["mistralai/Mixtral-8x7B-Instruct-v0.1", "mixtral-8x7b"],
  ["mistral.mixtral-8x7b-instruct-v0:1", "mixtral-8x7b"],
  ["mixtral-8x22b-instruct", "mixtral-8x22b"],
  ["cognitivecomputations/dolphin-mixtral-8x22b", null],
  ["nousresearch/nous-hermes-2-mixtral-8x7b-dpo", null],
];

describe("baseModel rules", () => {
  it("every 2025–26 open-weight model of DESIGN §2 is curated and has a rule", () => {
    const ruled = new Set(rules.map((r) => r.baseModel));
    for (const id of OPEN_WEIGHT_MODELS_2025_26) {
      expect(known.has(id), `${id} is a curated open-weight model`).toBe(true);
      expect(ruled.has(id), `${id} has a rule`).toBe(true);
    }
  });

  it.each(TABLE)("%s → %s", (id, expected) => {
    expect(baseModelOf(id, rules, known)).toBe(expected);
  });

  it("the imported catalogue records exactly those links (the import is not stale)", () => {
    const imported = new Map(files.importedModels.map((m) => [m.id, m.baseModel]));
    const curated = new Set(files.models.map((m) => m.id));
    const missing = TABLE.filter(([id]) => !imported.has(id) && !curated.has(id)).map(([id]) => id);
    // Every id of the table is one genai-prices 0.1.8 carries, kept as a model of its own or (DeepSeek's
    // own ids) curated, whose record then has no baseModel.
    expect(missing).toEqual([]);
    expect(TABLE.filter(([id, base]) => curated.has(id) && base !== null)).toEqual([]);
    const recorded = TABLE.map(([id]) => [id, imported.get(id) ?? null]);
    expect(recorded).toEqual(TABLE);
  });

  it("links hosted offerings of every 2025–26 open-weight model, and only open-weight models", () => {
    const linked = new Map<string, string[]>();
    for (const m of files.importedModels) {
      if (m.baseModel === null) continue;
      expect(known.has(m.baseModel), `${m.id} → ${m.baseModel}`).toBe(true);
      linked.set(m.baseModel, [...(linked.get(m.baseModel) ?? []), m.id]);
    }
    for (const id of OPEN_WEIGHT_MODELS_2025_26)
      expect(linked.get(id)?.length ?? 0, id).toBeGreaterThanOrEqual(3);
    // No distillation, fine-tune or merge slipped through under any base model.
    const derived = /distill|hermes|nemotron|lumimaid|dolphin|openorca|swallow|chimera|safeguard|-vl-|coder/i;
    expect([...linked.values()].flat().filter((id) => derived.test(id))).toEqual([]);
  });
});
