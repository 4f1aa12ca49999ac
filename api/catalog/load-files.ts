/**
 * Reads and validates the sourced API-price catalogue in `pricing-data/`:
 *
 * - `providers.json`        → {@link providerFile}
 * - `models.json`           → {@link modelFile}
 * - `price-sheets/*.json`   → {@link priceSheetFile}, one dated sheet per file named `<provider>-<effectiveFrom>.json`
 *
 * Any other file in the directory (accelerators, energy defaults, benchmarks, …) is ignored here; those have
 * their own loaders. Every failure throws a {@link PricingDataError} naming the file and the JSON path, so a
 * typo in a price never reaches the database. Beyond the per-file schemas the loader checks cross-file
 * integrity (see {@link checkPricingDataIntegrity}).
 */

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { architectureProblems } from "../domain/self-hosting/memory.js";
import { type ModelEntry, modelFile, type PriceSheetFile, priceSheetFile, providerFile } from "./schema.js";

export type Provider = z.output<typeof providerFile>["providers"][number];
export type ModelAlias = ModelEntry["aliases"][number];

export interface PricingDataFiles {
  providers: Provider[];
  models: ModelEntry[];
  /** Sorted by provider, then effectiveFrom. */
  priceSheets: PriceSheetFile[];
}

export interface PricingDataProblem {
  /** File path relative to the data directory, e.g. `price-sheets/openai-2024-08-06.json`. */
  file: string;
  /** JSON path inside the file, e.g. `$.prices[0].inputPerMillion` (`$` for the whole file). */
  jsonPath: string;
  message: string;
}

export class PricingDataError extends Error {
  readonly problems: PricingDataProblem[];

  constructor(problems: PricingDataProblem[]) {
    super(
      `invalid pricing data:\n${problems.map((p) => `  ${p.file} ${p.jsonPath}: ${p.message}`).join("\n")}`,
    );
    this.name = "PricingDataError";
    this.problems = problems;
  }

  /** First offending file (convenience for single-problem errors). */
  get file(): string | undefined {
    return this.problems[0]?.file;
  }

  /** First offending JSON path. */
  get jsonPath(): string | undefined {
    return this.problems[0]?.jsonPath;
  }
}

export const PROVIDERS_FILE = "providers.json";
export const MODELS_FILE = "models.json";
export const PRICE_SHEETS_DIR = "price-sheets";

/** `["prices", 0, "model"]` → `$.prices[0].model`. */
export function toJsonPath(segments: readonly PropertyKey[]): string {
  let out = "$";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string" && /^[A-Za-z_$][\w$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

async function readJson(dir: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(dir, file), "utf8");
  } catch (err) {
    throw new PricingDataError([
      { file, jsonPath: "$", message: `cannot read file: ${(err as Error).message}` },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new PricingDataError([
      { file, jsonPath: "$", message: `not valid JSON: ${(err as Error).message}` },
    ]);
  }
}

function parseWith<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new PricingDataError(
    result.error.issues.map((issue) => ({ file, jsonPath: toJsonPath(issue.path), message: issue.message })),
  );
}

/** Validate one parsed price-sheet object (e.g. for an import); `file` only labels errors. */
export function parsePriceSheet(data: unknown, file = "<price sheet>"): PriceSheetFile {
  return parseWith(priceSheetFile, data, file);
}

/** The file name a sheet must have: `<provider>-<effectiveFrom>.json`. */
export function priceSheetFileName(sheet: Pick<PriceSheetFile, "provider" | "effectiveFrom">): string {
  return `${sheet.provider}-${sheet.effectiveFrom}.json`;
}

/**
 * The model an alias (or canonical id) names at `provider` on `date` (YYYY-MM-DD): a canonical model id
 * resolves to itself; otherwise the alias entry of that provider with the latest `from <= date` wins.
 * Returns `undefined` when nothing matches.
 */
export function resolveModelId(
  models: readonly ModelEntry[],
  provider: string,
  name: string,
  date: string,
): string | undefined {
  if (models.some((m) => m.id === name)) return name;
  let best: { from: string; id: string } | undefined;
  for (const m of models) {
    for (const a of m.aliases) {
      if (a.provider !== provider || a.alias !== name || a.from > date) continue;
      if (!best || a.from > best.from) best = { from: a.from, id: m.id };
    }
  }
  return best?.id;
}

/**
 * Cross-file checks: unique ids, every referenced provider and model exists, one sheet per provider and
 * date, file names match their sheets, alias timelines are unambiguous, tiers are ordered, and open-weight
 * models carry a self-consistent architecture. Returns the problems found (empty when all is well).
 */
export function checkPricingDataIntegrity(
  data: PricingDataFiles,
  sheetFiles?: readonly string[],
): PricingDataProblem[] {
  const problems: PricingDataProblem[] = [];
  const add = (file: string, jsonPath: string, message: string) => problems.push({ file, jsonPath, message });

  const providerIds = new Set<string>();
  data.providers.forEach((p, i) => {
    if (providerIds.has(p.id)) add(PROVIDERS_FILE, `$.providers[${i}].id`, `duplicate provider id "${p.id}"`);
    providerIds.add(p.id);
  });

  const modelById = new Map<string, ModelEntry>();
  data.models.forEach((m, i) => {
    if (modelById.has(m.id)) add(MODELS_FILE, `$.models[${i}].id`, `duplicate model id "${m.id}"`);
    modelById.set(m.id, m);
  });

  // Aliases: known provider, no clash with a canonical id, one target per (provider, alias, from).
  const aliasStarts = new Map<string, string>();
  data.models.forEach((m, i) => {
    m.aliases.forEach((a, j) => {
      const at = `$.models[${i}].aliases[${j}]`;
      if (!providerIds.has(a.provider))
        add(MODELS_FILE, `${at}.provider`, `unknown provider "${a.provider}"`);
      if (modelById.has(a.alias) && a.alias !== m.id) {
        add(MODELS_FILE, `${at}.alias`, `alias "${a.alias}" is also a canonical model id`);
      }
      const key = `${a.provider}\u0000${a.alias}\u0000${a.from}`;
      const other = aliasStarts.get(key);
      if (other !== undefined) {
        add(
          MODELS_FILE,
          `${at}.from`,
          `alias "${a.alias}" at ${a.provider} from ${a.from} already points at ${other}`,
        );
      }
      aliasStarts.set(key, m.id);
    });

    // Architecture of open-weight models.
    const at = `$.models[${i}].architecture`;
    const arch = m.architecture;
    if (m.openWeights && !arch) add(MODELS_FILE, at, "open-weight model needs its architecture");
    if (arch) {
      // head_dim ≠ hidden/heads in many 2025 models (gpt-oss 64 vs 45, Gemma 3 128 vs 168): not checked.
      for (const p of architectureProblems(arch, m.contextWindow)) {
        add(MODELS_FILE, `${at}${p.pointer.replaceAll("/", ".")}`, p.message);
      }
    }
  });

  // Price sheets.
  const sheetKeys = new Set<string>();
  data.priceSheets.forEach((sheet, k) => {
    const file = sheetFiles?.[k] ?? `${PRICE_SHEETS_DIR}/${priceSheetFileName(sheet)}`;
    const expected = priceSheetFileName(sheet);
    if (path.basename(file) !== expected) add(file, "$", `file name must be ${expected}`);
    if (!providerIds.has(sheet.provider)) add(file, "$.provider", `unknown provider "${sheet.provider}"`);
    const key = `${sheet.provider}\u0000${sheet.effectiveFrom}`;
    if (sheetKeys.has(key))
      add(file, "$.effectiveFrom", `second sheet for ${sheet.provider} at ${sheet.effectiveFrom}`);
    sheetKeys.add(key);

    const rowModels = new Set<string>();
    sheet.prices.forEach((row, r) => {
      const at = `$.prices[${r}]`;
      const model = modelById.get(row.model);
      if (!model) {
        add(
          file,
          `${at}.model`,
          `unknown model "${row.model}" (price rows use canonical ids from ${MODELS_FILE})`,
        );
      } else if (model.releaseDate && model.releaseDate > sheet.effectiveFrom) {
        add(file, `${at}.model`, `${row.model} is released ${model.releaseDate}, after the sheet's date`);
      }
      if (rowModels.has(row.model))
        add(file, `${at}.model`, `model "${row.model}" priced twice in one sheet`);
      rowModels.add(row.model);
      if (row.batchDiscount !== null && Number(row.batchDiscount) > 1) {
        add(file, `${at}.batchDiscount`, "batchDiscount is a share and cannot exceed 1");
      }
      let previous = 0;
      row.tiers.forEach((t, ti) => {
        if (t.aboveInputTokens <= previous) {
          add(file, `${at}.tiers[${ti}].aboveInputTokens`, "tiers must be in increasing order of threshold");
        }
        if (model && t.aboveInputTokens >= model.contextWindow) {
          add(
            file,
            `${at}.tiers[${ti}].aboveInputTokens`,
            "tier threshold is at or beyond the context window",
          );
        }
        previous = t.aboveInputTokens;
      });
    });
  });

  return problems;
}

/**
 * Load `providers.json`, `models.json` and `price-sheets/*.json` from `dir`, validate each with its zod
 * schema (defaults applied) and check cross-file integrity. Throws {@link PricingDataError} on any problem.
 */
export async function loadPricingDataFiles(dir: string): Promise<PricingDataFiles> {
  const providers = parseWith(providerFile, await readJson(dir, PROVIDERS_FILE), PROVIDERS_FILE).providers;
  const models = parseWith(modelFile, await readJson(dir, MODELS_FILE), MODELS_FILE).models;

  let entries: string[];
  try {
    entries = await readdir(path.join(dir, PRICE_SHEETS_DIR));
  } catch (err) {
    throw new PricingDataError([
      {
        file: `${PRICE_SHEETS_DIR}/`,
        jsonPath: "$",
        message: `cannot read directory: ${(err as Error).message}`,
      },
    ]);
  }
  const sheetFiles = entries
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => `${PRICE_SHEETS_DIR}/${name}`);

  const loaded: { file: string; sheet: PriceSheetFile }[] = [];
  for (const file of sheetFiles) {
    loaded.push({ file, sheet: parseWith(priceSheetFile, await readJson(dir, file), file) });
  }
  loaded.sort(
    (a, b) =>
      a.sheet.provider.localeCompare(b.sheet.provider) ||
      a.sheet.effectiveFrom.localeCompare(b.sheet.effectiveFrom),
  );

  const data: PricingDataFiles = { providers, models, priceSheets: loaded.map((l) => l.sheet) };
  const problems = checkPricingDataIntegrity(
    data,
    loaded.map((l) => l.file),
  );
  if (problems.length > 0) throw new PricingDataError(problems);
  return data;
}
