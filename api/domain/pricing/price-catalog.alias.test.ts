/**
 * Alias resolution (DESIGN §2): a canonical model id wins over an alias of the same name, and an alias
 * names a model only from its first date on — before it, it resolves to nothing (it does not fall
 * back to its oldest target).
 */
import { describe, expect, it } from "vitest";
import { dec } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { type AliasRecord, type CatalogRows, type ModelRecord, PriceCatalog } from "./price-catalog.js";
import { priceEntryToRow, priceEntryWithDefaults } from "./price-entry.js";

const model = (id: string): ModelRecord => ({
  id,
  name: id,
  creator: "openai",
  family: "gpt-4o",
  openWeights: false,
  license: null,
  releaseDate: null,
  contextWindow: 128_000,
  mmlu: null,
  architecture: null,
  source: "https://example.com/models",
  checkedOn: "2024-11-01",
  checked: true,
  note: null,
  origin: "curated",
  baseModel: null,
  deprecated: false,
});

const alias = (name: string, modelId: string, effectiveFrom: string): AliasRecord => ({
  providerId: "openai",
  alias: name,
  modelId,
  effectiveFrom,
});

const sheet = {
  id: "openai-2024-01-01",
  providerId: "openai",
  effectiveFrom: "2024-01-01",
  currency: "USD",
  source: "https://example.com/pricing",
  checkedOn: "2024-11-01",
  checked: true,
  note: null,
  contentHash: "h",
  importedAt: "2024-11-01T00:00:00Z",
};

const price = (modelId: string) => ({
  priceSheetId: sheet.id,
  entry: priceEntryToRow(
    priceEntryWithDefaults({ model: modelId, inputPerMillion: dec("5"), outputPerMillion: dec("15") }),
  ),
});

const rows: CatalogRows = {
  providers: [{ id: "openai", name: "OpenAI", url: "https://openai.com" }],
  models: [model("gpt-4o-2024-05-13"), model("gpt-4o-2024-08-06"), model("gpt-4o-mini")],
  aliases: [
    alias("gpt-4o", "gpt-4o-2024-08-06", "2024-10-02"),
    alias("gpt-4o", "gpt-4o-2024-05-13", "2024-05-13"),
    // An alias spelled like another model's canonical id: the canonical id wins.
    alias("gpt-4o-mini", "gpt-4o-2024-08-06", "2024-01-01"),
  ],
  sheets: [sheet],
  prices: [price("gpt-4o-2024-05-13"), price("gpt-4o-2024-08-06"), price("gpt-4o-mini")],
  withdrawals: [],
};
const catalog = new PriceCatalog(rows);

describe("PriceCatalog alias resolution", () => {
  it("resolves an alias to its version in force at the date", () => {
    expect(catalog.resolveModel("openai", "gpt-4o", "2024-05-13")?.model.id).toBe("gpt-4o-2024-05-13");
    expect(catalog.resolveModel("openai", "gpt-4o", "2024-10-01")?.model.id).toBe("gpt-4o-2024-05-13");
    expect(catalog.resolveModel("openai", "gpt-4o", "2024-10-02")).toMatchObject({
      model: { id: "gpt-4o-2024-08-06" },
      viaAlias: "gpt-4o",
    });
  });

  it("does not resolve an alias before its first date", () => {
    expect(catalog.resolveModel("openai", "gpt-4o", "2024-05-12")).toBeUndefined();
    let error: unknown;
    try {
      catalog.resolveOffering("openai", "gpt-4o", "2024-05-12", "/offerings/0");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: "not-found", pointer: "/offerings/0/model" });
    expect((error as DomainError).detail).toContain("2024-05-13");
  });

  it("lets a canonical id win over an alias of the same name", () => {
    expect(catalog.resolveModel("openai", "gpt-4o-mini", "2024-11-01")).toEqual({
      model: rows.models[2],
      viaAlias: null,
    });
    expect(catalog.resolveOffering("openai", "gpt-4o-mini", "2024-11-01").price.modelId).toBe("gpt-4o-mini");
  });

  it("resolves an alias only within its provider", () => {
    expect(catalog.resolveModel("anthropic", "gpt-4o", "2024-11-01")).toBeUndefined();
  });
});
