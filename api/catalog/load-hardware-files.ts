/**
 * Reads and validates the self-hosting catalogue files in `pricing-data/` (accelerators, servers,
 * defaults, throughput benchmarks). Every error names the file and the JSON path at fault, so a typo
 * in a price is found before it reaches the database or an estimate.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import {
  type AcceleratorFile,
  acceleratorFile,
  type DefaultsFile,
  defaultsFile,
  type ServerFile,
  serverFile,
  type ThroughputBenchmarkFile,
  throughputBenchmarkFile,
} from "./hardware-schema.js";

/** File names of the hardware catalogue inside the data directory. */
export const HARDWARE_FILES = {
  accelerators: "accelerators.json",
  servers: "servers.json",
  defaults: "defaults.json",
  benchmarks: "throughput-benchmarks.json",
} as const;

export interface HardwareFiles {
  accelerators: AcceleratorFile;
  servers: ServerFile;
  defaults: DefaultsFile;
  benchmarks: ThroughputBenchmarkFile;
}

/** A data file failed to parse or validate; `file` and `issues[].path` say where. */
export class HardwareFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${file}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "HardwareFileError";
  }
}

/** JSON path in `$.a[0].b` form from a zod issue path. */
function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`;
}

async function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(join(dir, file), "utf8");
  } catch (err) {
    throw new HardwareFileError(file, [{ path: "$", message: `cannot read: ${(err as Error).message}` }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new HardwareFileError(file, [{ path: "$", message: `invalid JSON: ${(err as Error).message}` }]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new HardwareFileError(
      file,
      parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })),
    );
  }
  return parsed.data;
}

/**
 * Cross-file checks: unique ids, and every accelerator named by a server or a benchmark exists in
 * accelerators.json. Returns the problems found (empty when consistent).
 */
export function crossCheckHardwareFiles(files: HardwareFiles): HardwareFileError[] {
  const errors: HardwareFileError[] = [];
  const acceleratorIds = new Set<string>();
  const dupes: { path: string; message: string }[] = [];
  files.accelerators.accelerators.forEach((a, i) => {
    if (acceleratorIds.has(a.id))
      dupes.push({ path: `$.accelerators[${i}].id`, message: `duplicate id ${a.id}` });
    acceleratorIds.add(a.id);
  });
  if (dupes.length) errors.push(new HardwareFileError(HARDWARE_FILES.accelerators, dupes));

  const serverIssues: { path: string; message: string }[] = [];
  files.servers.servers.forEach((s, i) => {
    if (!acceleratorIds.has(s.accelerator)) {
      serverIssues.push({
        path: `$.servers[${i}].accelerator`,
        message: `unknown accelerator ${s.accelerator}`,
      });
    }
  });
  if (serverIssues.length) errors.push(new HardwareFileError(HARDWARE_FILES.servers, serverIssues));

  const benchIssues: { path: string; message: string }[] = [];
  const benchIds = new Set<string>();
  files.benchmarks.benchmarks.forEach((b, i) => {
    if (!acceleratorIds.has(b.accelerator)) {
      benchIssues.push({
        path: `$.benchmarks[${i}].accelerator`,
        message: `unknown accelerator ${b.accelerator}`,
      });
    }
    if (benchIds.has(b.id))
      benchIssues.push({ path: `$.benchmarks[${i}].id`, message: `duplicate id ${b.id}` });
    benchIds.add(b.id);
  });
  if (benchIssues.length) errors.push(new HardwareFileError(HARDWARE_FILES.benchmarks, benchIssues));
  return errors;
}

/**
 * Load and validate the four hardware catalogue files from `dir` (usually `pricing-data/`). Throws a
 * {@link HardwareFileError} naming the file and JSON path of the first file that fails, or of the
 * first cross-file inconsistency.
 */
export async function loadHardwareFiles(dir: string): Promise<HardwareFiles> {
  const [accelerators, servers, defaults, benchmarks] = await Promise.all([
    readJson(dir, HARDWARE_FILES.accelerators, acceleratorFile),
    readJson(dir, HARDWARE_FILES.servers, serverFile),
    readJson(dir, HARDWARE_FILES.defaults, defaultsFile),
    readJson(dir, HARDWARE_FILES.benchmarks, throughputBenchmarkFile),
  ]);
  const files = { accelerators, servers, defaults, benchmarks };
  const [first] = crossCheckHardwareFiles(files);
  if (first) throw first;
  return files;
}
