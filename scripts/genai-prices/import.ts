/**
 * The genai-prices import as one all-or-nothing step over a pricing-data directory: read the curated
 * data, the reviewed rules and the sheets already imported; convert; validate every file with the same
 * zod schemas the seed uses; only then write. A failure writes nothing.
 */
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
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
  /**
   * Derive every imported sheet afresh instead of adding to those on disk (their files are replaced,
   * files no longer derived are removed). Only for sheets that all come from this same package
   * version — the case after curated data changes which ids map where; refused otherwise.
   */
  rebuild?: boolean;
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
const sheetFile = (s: Pick<ImportedSheet, "provider" | "effectiveFrom">) =>
  `price-sheets/${s.provider}-${s.effectiveFrom}.json`;

/**
 * Curated sheets win at any date (DESIGN §2): entries and withdrawals of a (provider, model) that a
 * curated sheet prices leave the imported sheets already on disk. Returns the sheets kept (as the base
 * for planning), those whose content changed (to rewrite) and the files left with nothing (to remove),
 * and notes each drop in `notes`.
 */
function withoutCurated(
  sheets: readonly ImportedSheet[],
  priced: ReadonlyMap<string, { sheet: string }>,
  notes: string[],
): { kept: ImportedSheet[]; rewritten: ImportedSheet[]; emptied: string[] } {
  const kept: ImportedSheet[] = [];
  const rewritten: ImportedSheet[] = [];
  const emptied: string[] = [];
  const curatedKey = (s: ImportedSheet, model: string) => priced.get(`${s.provider}\u0000${model}`);
  for (const sheet of sheets) {
    const prices = sheet.prices.filter((p) => !curatedKey(sheet, p.model));
    const withdrawn = (sheet.withdrawn ?? []).filter((m) => !curatedKey(sheet, m));
    const dropped = [...sheet.prices.map((p) => p.model), ...(sheet.withdrawn ?? [])].filter((m) =>
      curatedKey(sheet, m),
    );
    if (dropped.length === 0) {
      kept.push(sheet);
      continue;
    }
    for (const model of dropped)
      notes.push(
        `${sheetFile(sheet)}: ${model} dropped, the curated sheet ${curatedKey(sheet, model)?.sheet} prices it`,
      );
    if (prices.length === 0 && withdrawn.length === 0) {
      emptied.push(sheetFile(sheet));
      continue;
    }
    const { withdrawn: _, ...rest } = sheet;
    const next: ImportedSheet = withdrawn.length > 0 ? { ...rest, prices, withdrawn } : { ...rest, prices };
    kept.push(next);
    rewritten.push(next);
  }
  return { kept, rewritten, emptied };
}

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
  const onDisk = await existingSheets(sheetsDir);
  if (options.rebuild) {
    const other = onDisk.find((sheet) => sheet.source !== sourceLabel(source));
    if (other)
      throw new Error(
        `a rebuild re-derives the sheets of one package version: ${sheetFile(other)} comes from "${other.source}"`,
      );
  }
  const {
    kept: before,
    rewritten,
    emptied,
  } = options.rebuild
    ? { kept: [], rewritten: [], emptied: [] }
    : withoutCurated(onDisk, priced, conversion.report.notes);
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
  const previousModels = options.rebuild
    ? { models: [] }
    : await readJson<{ models: ImportedModel[] }>(path.join(outDir, "models.json"), { models: [] });
  // …except those a curated model now is (its id or an alias): the importer maps those onto it.
  const curatedNames = new Set(
    curated.models.flatMap((m) => [m.id, ...m.aliases.map((a) => a.alias)].map((n) => n.toLowerCase())),
  );
  const models = new Map(
    previousModels.models.filter((m) => !curatedNames.has(m.id.toLowerCase())).map((m) => [m.id, m]),
  );
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
    ...[...rewritten, ...plan.sheets].map((s): [string, string] => [sheetFile(s), json(s)]),
  ];
  const rewrittenNames = new Set(rewritten.map(sheetFile));
  // Validate everything together (the same schemas and integrity checks the seed applies) before writing.
  parseImportedFiles(
    curated,
    Object.fromEntries(files.map(([name, text]) => [name, JSON.parse(text)])),
    before
      .filter((sheet) => !rewrittenNames.has(sheetFile(sheet)))
      .map((sheet) => ({ name: sheetFile(sheet), raw: sheet })),
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
  const derived = new Set(files.map(([name]) => name));
  const removed = options.rebuild ? onDisk.map(sheetFile).filter((name) => !derived.has(name)) : emptied;
  for (const name of removed) {
    await rm(path.join(outDir, name));
    written.push(`${name} (removed)`);
  }
  const license = path.join(outDir, "LICENSE");
  const licenseText = await readFile(options.licenseFile, "utf8");
  if ((await readFile(license, "utf8").catch(() => undefined)) !== licenseText) {
    await copyFile(options.licenseFile, license);
    written.push("LICENSE");
  }
  return { conversion, written, unchangedEntries: plan.unchanged };
}
