/**
 * The genai-prices import as one all-or-nothing step over a pricing-data directory: read the curated
 * data, the reviewed rules and the sheets already imported; convert; validate every file with the same
 * zod schemas the seed uses; only then write. A failure writes nothing.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { IMPORTED_DIR, loadCuratedPricingFiles, parseImportedFiles } from "../../api/catalog/load-files.js";
import {
  type BaseModelRule,
  type Conversion,
  convertGenaiPrices,
  type ImportedModel,
  sourceLabel,
} from "./convert.js";
import { correctionsFile } from "./corrections.js";
import { type ImportedSheet, planSheets } from "./sheets.js";
import type { GpPackageSource, GpProvider } from "./source-types.js";

export const RULES_DIR = "genai-prices-rules";

export interface ImportOptions {
  /** The pricing-data directory. */
  dataDir: string;
  providers: readonly GpProvider[];
  source: GpPackageSource;
  /** The package's LICENSE file, copied beside the data derived from it. */
  licenseFile: string;
}

export interface ImportOutcome {
  conversion: Conversion;
  written: string[];
  unchangedEntries: number;
}

async function readJson<T>(file: string, fallback?: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (err) {
    if (fallback !== undefined && (err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw err;
  }
}

async function existingSheets(dir: string): Promise<ImportedSheet[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sheets: ImportedSheet[] = [];
  for (const name of names.filter((n) => n.endsWith(".json")).sort()) {
    sheets.push(await readJson<ImportedSheet>(path.join(dir, name)));
  }
  return sheets;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Run the import; returns what it wrote (nothing when the data is unchanged). */
export async function importGenaiPrices(options: ImportOptions): Promise<ImportOutcome> {
  const { dataDir, source } = options;
  const outDir = path.join(dataDir, IMPORTED_DIR);
  const curated = await loadCuratedPricingFiles(dataDir);
  const rulesDir = path.join(dataDir, RULES_DIR);
  const ignored = await readJson<{ keys: Record<string, string> }>(
    path.join(rulesDir, "ignored-price-keys.json"),
  );
  const corrections = correctionsFile.parse(await readJson(path.join(rulesDir, "corrections.json")));
  const baseModels = await readJson<{ rules: BaseModelRule[] }>(path.join(rulesDir, "base-models.json"));

  const priced = new Map<string, { sheet: string; inputPerMillion: string; outputPerMillion: string }>();
  for (const sheet of curated.priceSheets) {
    for (const p of sheet.prices) {
      priced.set(`${sheet.provider}\u0000${p.model}`, {
        sheet: `${sheet.provider}-${sheet.effectiveFrom}`,
        inputPerMillion: p.inputPerMillion,
        outputPerMillion: p.outputPerMillion,
      });
    }
  }
  const conversion = convertGenaiPrices(
    options.providers,
    source,
    { providerIds: new Set(curated.providers.map((p) => p.id)), models: curated.models, priced },
    { ignoredKeys: ignored.keys, corrections: corrections.corrections, baseModels: baseModels.rules },
  );

  const sheetsDir = path.join(outDir, "price-sheets");
  const before = await existingSheets(sheetsDir);
  const plan = planSheets(
    conversion.entries,
    before,
    {
      source: sourceLabel(source),
      publishedOn: source.publishedOn,
      note: `Imported by npm run prices:import from ${source.package}@${source.version} with the corrections in pricing-data/${RULES_DIR}/corrections.json; unconfirmed against vendors' pages.`,
    },
    new Set(curated.priceSheets.map((s) => `${s.provider}\u0000${s.effectiveFrom}`)),
  );

  // Models of earlier imports stay: their sheets still name them.
  const previousModels = await readJson<{ models: ImportedModel[] }>(path.join(outDir, "models.json"), {
    models: [],
  });
  const models = new Map(previousModels.models.map((m) => [m.id, m]));
  for (const m of conversion.models) models.set(m.id, m);
  const files: [string, string][] = [
    ["source.json", json(source)],
    ["providers.json", json({ providers: conversion.providers })],
    [
      "models.json",
      json({ models: [...models.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) }),
    ],
    ["match-rules.json", json({ rules: conversion.matchRules })],
    ["import-report.json", json(conversion.report)],
    ...plan.sheets.map((s): [string, string] => [
      `price-sheets/${s.provider}-${s.effectiveFrom}.json`,
      json(s),
    ]),
  ];
  // Validate everything together (the same schemas and integrity checks the seed applies) before writing.
  parseImportedFiles(
    curated,
    Object.fromEntries(files.map(([name, text]) => [name, JSON.parse(text)])),
    before.map((sheet) => ({
      name: `price-sheets/${sheet.provider}-${sheet.effectiveFrom}.json`,
      raw: sheet,
    })),
  );

  const written: string[] = [];
  await mkdir(sheetsDir, { recursive: true });
  for (const [name, text] of files) {
    const file = path.join(outDir, name);
    const old = await readFile(file, "utf8").catch(() => undefined);
    if (old === text) continue;
    await writeFile(file, text);
    written.push(name);
  }
  const license = path.join(outDir, "LICENSE");
  const licenseText = await readFile(options.licenseFile, "utf8");
  if ((await readFile(license, "utf8").catch(() => undefined)) !== licenseText) {
    await copyFile(options.licenseFile, license);
    written.push("LICENSE");
  }
  return { conversion, written, unchangedEntries: plan.unchanged };
}
