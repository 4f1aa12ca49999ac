/**
 * The genai-prices importer on a small fixture in the package's format: every price key family,
 * tiers, conditional prices, match rules, corrections, idempotence, a newer version, bad input.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogRowsFromFiles } from "../../api/catalog/catalog-rows.js";
import { IMPORTED_DIR, loadPricingDataFiles } from "../../api/catalog/load-files.js";
import { PriceCatalog } from "../../api/domain/pricing/price-catalog.js";
import { PRICING_DATA_DIR } from "../../api/paths.js";
import { ImportError } from "../../scripts/genai-prices/convert-prices.js";
import { importGenaiPrices } from "../../scripts/genai-prices/import.js";
import { fixtureCorrections, fixtureProviders, fixtureSource } from "./genai-prices-fixture.js";

let dir: string;
let license: string;

async function sheet(name: string) {
  return JSON.parse(await readFile(path.join(dir, IMPORTED_DIR, "price-sheets", name), "utf8"));
}
const run = (providers = fixtureProviders(), source = fixtureSource("0.1.0", "2026-09-01")) =>
  importGenaiPrices({ dataDir: dir, providers, source, licenseFile: license });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gp-import-"));
  for (const name of [
    "providers.json",
    "models.json",
    "models-2026.json",
    "price-sheets",
    "genai-prices-rules",
  ]) {
    await cp(path.join(PRICING_DATA_DIR, name), path.join(dir, name), { recursive: true });
  }
  await writeFile(
    path.join(dir, "genai-prices-rules", "corrections.json"),
    JSON.stringify(fixtureCorrections),
  );
  license = path.join(dir, "LICENSE.fixture");
  await writeFile(license, "The MIT License (MIT)\n\nCopyright (c) Pydantic Services Inc. 2025 to present\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("genai-prices importer on a fixture", () => {
  it("maps every price key family, tiers as whole-request bands, ignored units into the note", async () => {
    await run();
    const aws = await sheet("aws-bedrock-2026-09-01.json");
    expect(aws).toMatchObject({
      provider: "aws-bedrock",
      effectiveFrom: "2026-09-01",
      checked: false,
      currency: "USD",
    });
    expect(aws.source).toContain("@pydantic/genai-prices@0.1.0");
    expect(aws.prices).toEqual([
      {
        model: "global.acme.big-v1:0",
        inputPerMillion: "3",
        outputPerMillion: "15",
        cachedInputPerMillion: "0.3",
        cacheWritePerMillion: "3.75",
        cacheWrite1hPerMillion: "6",
        reasoningOutputPerMillion: "20",
        requestFeePer1K: "0.5",
        toolFees: [
          { tool: "file-search", pricePer1K: "2.5" },
          { tool: "web-search", pricePer1K: "10" },
        ],
        tiers: [
          {
            aboveInputTokens: 200000,
            inclusive: false,
            countsCachedTokens: true,
            inputPerMillion: "6",
            outputPerMillion: "22.5",
            cachedInputPerMillion: "0.3",
            cacheWritePerMillion: "3.75",
            cacheWrite1hPerMillion: "6",
            reasoningOutputPerMillion: "20",
          },
        ],
        note: "not priced by the engine: input_audio_mtok=4",
      },
    ]);
  });

  it("dates conditional prices at their start dates and the price before only with a sourced date (corrected)", async () => {
    const { conversion } = await run();
    expect((await sheet("acme-2026-04-16.json")).prices).toEqual([
      expect.objectContaining({ model: "acme-chat", inputPerMillion: "10", cachedInputPerMillion: "2.5" }),
    ]);
    expect((await sheet("acme-2026-06-10.json")).prices).toEqual([
      expect.objectContaining({ model: "acme-chat", inputPerMillion: "2", cachedInputPerMillion: "0.5" }),
    ]);
    expect(conversion.report.correctionsApplied.map((c) => c.kind)).toEqual([
      "set-prices",
      "date-unconstrained",
      "window-calendar",
    ]);
  });

  it("turns time-of-day prices into time windows on the corrected calendar; free and input-only at 0 with a note", async () => {
    const { conversion } = await run();
    const acme = await sheet("acme-2026-09-01.json");
    const byModel = new Map(acme.prices.map((p: { model: string }) => [p.model, p]));
    expect(byModel.get("acme-night")).toMatchObject({
      inputPerMillion: "0.5",
      outputPerMillion: "2",
      timeWindows: [
        {
          days: ["mon", "tue", "wed", "thu", "fri"],
          from: "09:00",
          to: "12:00",
          timeZone: "Asia/Shanghai",
          excludeHolidays: "cn",
          inputPerMillion: "1",
          outputPerMillion: "4",
        },
      ],
    });
    expect(byModel.get("acme-free:free")).toMatchObject({ inputPerMillion: "0", outputPerMillion: "0" });
    expect((byModel.get("acme-free:free") as { note: string }).note).toMatch(/free/);
    expect(byModel.get("acme-embed")).toMatchObject({ inputPerMillion: "0.02", outputPerMillion: "0" });
    expect((byModel.get("acme-embed") as { note: string }).note).toMatch(/input-only/);
    expect(byModel.has("acme-whisper")).toBe(false);
    expect(conversion.report.skipped).toContainEqual(expect.objectContaining({ model: "acme-whisper" }));
  });

  it("curated wins: an imported id naming a curated model maps onto it and is not priced from the import", async () => {
    const { conversion } = await run();
    expect(conversion.report.curatedWins).toContainEqual(
      expect.objectContaining({ provider: "openai", curatedModel: "gpt-4o-2024-08-06", differs: false }),
    );
    const names = await readdir(path.join(dir, IMPORTED_DIR, "price-sheets"));
    expect(names.some((n) => n.startsWith("openai-"))).toBe(false);
  });

  it("a model curated after its import leaves the imported sheets (rewritten, or removed when emptied); the loader refuses it there", async () => {
    const withNine = fixtureProviders();
    const openai = withNine.find((p) => p.id === "openai");
    if (!openai) throw new Error("fixture");
    openai.models.push(
      {
        id: "gpt-9",
        match: { or: [{ equals: "gpt-9" }, { equals: "gpt-9-2026-08-01" }] },
        prices: { input_mtok: 1, output_mtok: 4 },
      },
      { id: "gpt-9-mini", match: { equals: "gpt-9-mini" }, prices: { input_mtok: 0.2, output_mtok: 0.8 } },
    );
    await run(withNine);
    expect((await sheet("openai-2026-09-01.json")).prices.map((p: { model: string }) => p.model)).toEqual([
      "gpt-9",
      "gpt-9-mini",
    ]);
    // Curate gpt-9 (a model record and a sheet of its own): the imported sheet still prices it, which the loader refuses.
    const models2026 = JSON.parse(await readFile(path.join(dir, "models-2026.json"), "utf8"));
    models2026.models.push({
      ...models2026.models[0],
      id: "gpt-9",
      name: "GPT-9",
      creator: "openai",
      releaseDate: null,
      contextWindow: 400000,
    });
    await writeFile(path.join(dir, "models-2026.json"), JSON.stringify(models2026));
    const curatedSheet = {
      provider: "openai",
      effectiveFrom: "2026-08-01",
      currency: "USD",
      source: "https://openai.example/pricing (fixture)",
      checkedOn: "2026-08-01",
      checked: false,
      note: "fixture: a curated price for a model genai-prices also prices",
      prices: [{ model: "gpt-9", inputPerMillion: "1", outputPerMillion: "5" }],
    };
    await writeFile(path.join(dir, "price-sheets", "openai-2026-08-01.json"), JSON.stringify(curatedSheet));
    await expect(loadPricingDataFiles(dir)).rejects.toThrow(/openai\/gpt-9 is priced by the curated/);

    const outcome = await run(withNine);
    expect(outcome.conversion.report.curatedWins).toContainEqual(
      expect.objectContaining({ provider: "openai", curatedModel: "gpt-9", differs: true }),
    );
    expect(outcome.conversion.report.notes).toContain(
      "price-sheets/openai-2026-09-01.json: gpt-9 dropped, the curated sheet openai-2026-08-01 prices it",
    );
    expect((await sheet("openai-2026-09-01.json")).prices.map((p: { model: string }) => p.model)).toEqual([
      "gpt-9-mini",
    ]);
    const imported = JSON.parse(await readFile(path.join(dir, IMPORTED_DIR, "models.json"), "utf8"));
    expect(imported.models.map((m: { id: string }) => m.id)).not.toContain("gpt-9");
    const catalog = new PriceCatalog(catalogRowsFromFiles(await loadPricingDataFiles(dir)));
    expect(
      catalog.resolveOffering("openai", "gpt-9-2026-08-01", "2026-10-01").price.outputPerMillion.toString(),
    ).toBe("5");

    // Curating the last imported model of that sheet removes the file.
    curatedSheet.prices.push({ model: "gpt-9-mini", inputPerMillion: "0.2", outputPerMillion: "0.8" });
    models2026.models.push({ ...models2026.models.at(-1), id: "gpt-9-mini", name: "GPT-9 mini" });
    await writeFile(path.join(dir, "models-2026.json"), JSON.stringify(models2026));
    await writeFile(path.join(dir, "price-sheets", "openai-2026-08-01.json"), JSON.stringify(curatedSheet));
    const emptied = await run(withNine);
    expect(emptied.written).toContain("price-sheets/openai-2026-09-01.json (removed)");
    expect(await readdir(path.join(dir, IMPORTED_DIR, "price-sheets"))).not.toContain(
      "openai-2026-09-01.json",
    );
    // Nothing left to drop: the next run writes no sheet (its report no longer lists the drops).
    expect((await run(withNine)).written.filter((n) => n.startsWith("price-sheets/"))).toEqual([]);
  });

  it("a rebuild re-derives one version's sheets and refuses sheets of another version", async () => {
    await run();
    const rebuilt = await importGenaiPrices({
      dataDir: dir,
      providers: fixtureProviders(),
      source: fixtureSource("0.1.0", "2026-09-01"),
      licenseFile: license,
      rebuild: true,
    });
    expect(rebuilt.written).toEqual([]);
    const next = fixtureProviders();
    const mixed = next.find((p) => p.id === "acme")?.models.find((m) => m.id === "Acme-Mixed-Case");
    if (mixed) mixed.prices = { input_mtok: 1.5, output_mtok: 2 };
    await run(next, fixtureSource("0.2.0", "2026-10-15"));
    const refused = importGenaiPrices({
      dataDir: dir,
      providers: next,
      source: fixtureSource("0.2.0", "2026-10-15"),
      licenseFile: license,
      rebuild: true,
    });
    await expect(refused).rejects.toThrow(/re-derives the sheets of one package version/);
  });

  it("writes files the loader validates, and every id of a match rule resolves, case-insensitively too", async () => {
    await run();
    const files = await loadPricingDataFiles(dir);
    const catalog = new PriceCatalog(catalogRowsFromFiles(files));
    const at = "2026-10-01";
    const resolve = (provider: string, id: string) => catalog.resolveModel(provider, id, at)?.model.id;
    expect(resolve("aws-bedrock", "eu.acme.big-v1:0")).toBe("global.acme.big-v1:0");
    expect(resolve("aws-bedrock", "acme.big-20260101")).toBe("global.acme.big-v1:0");
    expect(resolve("acme", "acme-chat-2026-03-01")).toBe("acme-chat");
    expect(resolve("acme", "ACME-CHAT")).toBe("acme-chat");
    expect(resolve("acme", "my-acme-embed-v2")).toBe("acme-embed");
    expect(resolve("acme", "models/acme-mixed")).toBe("Acme-Mixed-Case");
    expect(resolve("acme", "acme-mixed-case")).toBe("Acme-Mixed-Case");
    expect(resolve("acme", "nope")).toBeUndefined();
    expect(catalog.resolveOffering("acme", "acme-chat", "2026-05-01").price.inputPerMillion.toString()).toBe(
      "10",
    );
    expect(catalog.resolveOffering("acme", "acme-chat", "2026-07-01").price.inputPerMillion.toString()).toBe(
      "2",
    );
    expect(() => catalog.resolveOffering("acme", "acme-chat", "2026-04-01")).toThrow(
      /earliest starts 2026-04-16/,
    );
    const notice = await readFile(path.join(dir, IMPORTED_DIR, "LICENSE"), "utf8");
    expect(notice).toContain("Pydantic Services Inc. 2025 to present");
  });

  it("re-running the same version writes nothing; a newer version adds sheets only where prices changed", async () => {
    await run();
    const again = await run();
    expect(again.written).toEqual([]);
    const next = fixtureProviders();
    const acme = next.find((p) => p.id === "acme");
    if (!acme) throw new Error("fixture");
    acme.models = acme.models.filter((m) => m.id !== "acme-embed");
    const mixed = acme.models.find((m) => m.id === "Acme-Mixed-Case");
    if (mixed) mixed.prices = { input_mtok: 1.5, output_mtok: 2 };
    const newer = await run(next, fixtureSource("0.2.0", "2026-10-15"));
    expect(newer.written.filter((n) => n.startsWith("price-sheets/"))).toEqual([
      "price-sheets/acme-2026-10-15.json",
    ]);
    const sheet2 = await sheet("acme-2026-10-15.json");
    expect(sheet2.prices.map((p: { model: string }) => p.model)).toEqual(["Acme-Mixed-Case"]);
    expect(sheet2.withdrawn).toEqual(["acme-embed"]);
    expect(sheet2.source).toContain("@0.2.0");
  });

  it("an unknown price key fails naming provider, model and key, and writes nothing", async () => {
    const bad = fixtureProviders();
    const acme = bad.find((p) => p.id === "acme");
    if (!acme) throw new Error("fixture");
    acme.models.push({
      id: "acme-odd",
      match: { equals: "acme-odd" },
      prices: { input_mtok: 1, output_mtok: 1, hologram_kcount: 3 },
    });
    const error = await run(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      "genai-prices acme / acme-odd / hologram_kcount: unknown price key (not priced by the engine, not on the reviewed ignore list)",
    );
    await expect(readdir(path.join(dir, IMPORTED_DIR))).rejects.toThrow();
  });

  it("a malformed tier fails naming provider, model and key", async () => {
    const bad = fixtureProviders();
    const aws = bad[0];
    if (!aws?.models[0]) throw new Error("fixture");
    aws.models[0].prices = { input_mtok: { base: 1, tiers: [{ start: -5, price: 2 }] }, output_mtok: 1 };
    await expect(run(bad)).rejects.toThrow(
      /aws-bedrock \/ global\.acme\.big-v1:0 \/ input_mtok: malformed price/,
    );
  });

  it("a correction that no longer finds what it corrects fails the import", async () => {
    const fixed = fixtureProviders();
    const chat = fixed.find((p) => p.id === "acme")?.models.find((m) => m.id === "acme-chat");
    if (!chat || !Array.isArray(chat.prices) || !chat.prices[0]) throw new Error("fixture");
    chat.prices[0].prices.cache_read_mtok = 2.5;
    await expect(run(fixed)).rejects.toThrow(/changes nothing/);
  });
});
