/**
 * `npm run prices:import`: convert the data bundled in the exactly pinned `@pydantic/genai-prices` into
 * sheet files under pricing-data/imported/genai-prices/ (see scripts/genai-prices/import.ts). The
 * package's publication date comes from the registry's metadata once (`npm view`) and is then kept in
 * source.json, so later runs of the same version work offline. `-- --rebuild` derives every imported sheet
 * afresh (same package version only), for when curated data changes which ids map onto curated models.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { waitForUpdate } from "@pydantic/genai-prices";
import { IMPORTED_DIR } from "../api/catalog/load-files.js";
import { PRICING_DATA_DIR } from "../api/paths.js";
import { importGenaiPrices } from "./genai-prices/import.js";
import type { GpPackageSource, GpProvider } from "./genai-prices/source-types.js";

const PACKAGE = "@pydantic/genai-prices";

async function packageSource(): Promise<{ source: GpPackageSource; licenseFile: string }> {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(path.dirname(require.resolve(PACKAGE)));
  const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
    version: string;
    license?: string;
  };
  const licenseFile = path.join(dir, "LICENSE");
  const recorded = await readFile(path.join(PRICING_DATA_DIR, IMPORTED_DIR, "source.json"), "utf8")
    .then((t) => JSON.parse(t) as GpPackageSource)
    .catch(() => undefined);
  if (recorded?.version === manifest.version) return { source: recorded, licenseFile };
  const meta = JSON.parse(
    execFileSync(
      "npm",
      ["view", `${PACKAGE}@${manifest.version}`, "time", "dist.shasum", "license", "--json"],
      {
        encoding: "utf8",
      },
    ),
  ) as { time: Record<string, string>; "dist.shasum": string; license: string };
  const publishedAt = meta.time[manifest.version];
  if (!publishedAt)
    throw new Error(`the registry has no publication time for ${PACKAGE}@${manifest.version}`);
  return {
    source: {
      package: PACKAGE,
      version: manifest.version,
      publishedOn: new Date(publishedAt).toISOString().slice(0, 10),
      publishedAt,
      shasum: meta["dist.shasum"],
      license: meta.license,
    },
    licenseFile,
  };
}

const { source, licenseFile } = await packageSource();
const providers = (await waitForUpdate()) as unknown as GpProvider[] | null;
if (!providers) throw new Error(`${PACKAGE} returned no bundled data`);
const rebuild = process.argv.includes("--rebuild");
const outcome = await importGenaiPrices({
  dataDir: PRICING_DATA_DIR,
  providers,
  source,
  licenseFile,
  rebuild,
});
const r = outcome.conversion.report;
console.log(
  JSON.stringify(
    {
      version: source.version,
      publishedOn: source.publishedOn,
      providers: outcome.conversion.providers.length,
      models: outcome.conversion.models.length,
      linkedToBaseModel: outcome.conversion.models.filter((m) => m.baseModel !== null).length,
      entries: outcome.conversion.entries.length,
      unchangedEntries: outcome.unchangedEntries,
      skipped: r.skipped.length,
      curatedWins: r.curatedWins.length,
      mappedToCurated: r.mappedToCurated.length,
      correctionsApplied: r.correctionsApplied.length,
      written: outcome.written,
    },
    null,
    2,
  ),
);
