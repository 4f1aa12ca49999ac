import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toCatalogAccelerator, toTcoDefaults, toThroughputBenchmark } from "../catalog/hardware-records.js";
import { loadHardwareFiles } from "../catalog/load-hardware-files.js";
import {
  type ComparisonCatalogs,
  type ComparisonInput,
  type ComparisonOption,
  compareOptions,
  resolveComparisonOptions,
} from "./comparison.js";
import { dec } from "./decimal.js";
import { DomainError } from "./errors.js";
import type { ModelArchitecture } from "./memory.js";
import type { ResolvedOffering } from "./price-catalog.js";
import { CSV_COLUMNS, chargePeriod, renderComparisonCsv } from "./render-csv.js";
import type { CatalogAccelerator, SelfHostedModel, TcoDefaults } from "./self-hosted.js";
import type { ThroughputBenchmark } from "./throughput.js";
import type { Workload } from "./workload.js";

const llama3_70b: ModelArchitecture = {
  totalParams: 70.55e9,
  activeParams: 70.55e9,
  layers: 80,
  hiddenSize: 8192,
  attentionHeads: 64,
  kvHeads: 8,
  headDim: 128,
};
const llama70b: SelfHostedModel = {
  id: "llama-3-70b",
  family: "llama-3",
  contextWindow: 8192,
  architecture: llama3_70b,
};

function offering(
  provider: string,
  model: string,
  input: string,
  output: string,
  currency = "USD",
): ResolvedOffering {
  return {
    provider: { id: provider, name: provider, url: `https://${provider}.example` },
    model: {
      id: model,
      name: model,
      creator: provider,
      family: model,
      openWeights: false,
      license: null,
      releaseDate: null,
      contextWindow: 128000,
      mmlu: null,
      architecture: null,
      source: "test",
      checkedOn: "2024-01-01",
      checked: true,
      note: null,
    },
    viaAlias: null,
    sheet: {
      id: `${provider}-2024-01-01`,
      providerId: provider,
      effectiveFrom: "2024-01-01",
      currency,
      source: "test",
      checkedOn: "2024-01-01",
      checked: true,
      note: null,
      contentHash: "x",
      importedAt: "2024-01-01T00:00:00Z",
      prices: new Map(),
    },
    price: {
      modelId: model,
      inputPerMillion: dec(input),
      outputPerMillion: dec(output),
      cachedInputPerMillion: null,
      cacheWritePerMillion: null,
      batchDiscount: null,
      tiers: [],
    },
  };
}

const workload: Workload = {
  inputTokensPerMonth: dec(2_000_000_000),
  outputTokensPerMonth: dec(500_000_000),
  cachedInputShare: dec(0),
  cacheWriteShare: dec(0),
  batchShare: dec(0),
  inputTokensPerRequest: null,
  peakToAverage: dec(1),
};

// The DESIGN §4 deployment, every input explicit: $9,592.98 a month for one replica.
const explicitDeployment = {
  model: "llama-3-70b",
  accelerator: "h100-sxm",
  acceleratorsPerReplica: 8,
  precision: "fp8" as const,
  throughput: { tokensPerSecond: dec("24524.9"), counts: "output" as const },
  acquisition: {
    mode: "purchase" as const,
    pricePerAccelerator: dec(33750),
    overheadPerReplica: dec(0),
    lifetimeYears: dec(3),
    residualValueShare: dec(0),
    costOfCapital: dec(0),
    maintenanceShare: dec("0.05"),
  },
  power: { wattsPerReplica: dec(10200), loadFactor: dec(1), pue: dec("1.3"), pricePerKwh: dec("0.10") },
  facilitiesPerReplicaMonth: dec(0),
  operations: { fte: dec(0), costPerFteMonth: dec(0) },
  maxUtilization: dec(1),
};

let accelerators: Map<string, CatalogAccelerator>;
let benchmarks: ThroughputBenchmark[];
let defaults: TcoDefaults;

beforeAll(async () => {
  const files = await loadHardwareFiles(join(import.meta.dirname, "..", "..", "pricing-data"));
  accelerators = new Map(files.accelerators.accelerators.map((a) => [a.id, toCatalogAccelerator(a)]));
  benchmarks = files.benchmarks.benchmarks.map(toThroughputBenchmark);
  defaults = toTcoDefaults(files.defaults);
});

const offerings: Record<string, ResolvedOffering> = {
  "openai/gpt-4o": offering("openai", "gpt-4o-2024-08-06", "2.5", "10"),
  "together/llama-3-70b": offering("together", "llama-3-70b", "0.88", "0.88"),
  "groq/llama-3-70b": offering("groq", "llama-3-70b", "0.88", "0.88"),
  'evil/=cmd|" /C calc"!A0,x': offering("evil", '=cmd|" /C calc"!A0,x', "1", "2"),
};

const catalogs = (): ComparisonCatalogs => ({
  offering(provider, model, pointer) {
    const found = offerings[`${provider}/${model}`];
    if (!found) throw new DomainError("not-found", `${pointer}/model`, `Unknown model '${model}'.`);
    return found;
  },
  selfHostedModel(id, pointer) {
    if (id !== "llama-3-70b") throw new DomainError("not-found", pointer, `Unknown model '${id}'.`);
    return llama70b;
  },
  accelerator(id, pointer) {
    const found = accelerators.get(id);
    if (!found) throw new DomainError("not-found", pointer, `Unknown accelerator '${id}'.`);
    return found;
  },
});

const input = (options: ComparisonOption[]): ComparisonInput => ({
  workload,
  workloadAssumptions: [{ field: "/workload/peakToAverage", value: "1", source: "default" }],
  options: resolveComparisonOptions(options, catalogs()),
  benchmarks,
  defaults,
});

/** A small RFC 4180 parser: quoted fields with doubled quotes, commas and line breaks inside, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else value += ch;
      i++;
      continue;
    }
    if (ch === '"' && value === "") quoted = true;
    else if (ch === ",") {
      row.push(value);
      value = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(value);
      rows.push(row);
      row = [];
      value = "";
      i++;
    } else if (ch === "\n" || ch === "\r" || ch === '"') {
      throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    } else value += ch;
    i++;
  }
  if (value !== "" || row.length > 0) throw new Error("missing final CRLF");
  return rows;
}

describe("renderComparisonCsv", () => {
  const options: ComparisonOption[] = [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    { kind: "self-hosted", name: '-cheap, "fast"\nbox', deployment: explicitDeployment },
    { kind: "api", provider: "evil", model: '=cmd|" /C calc"!A0,x' },
    {
      kind: "hybrid",
      name: "@hybrid",
      deployment: explicitDeployment,
      replicas: 0,
      overflow: { provider: "openai", model: "gpt-4o" },
    },
  ];

  it("parses back: the named columns, one row per line item, options cheapest first", () => {
    const c = compareOptions(input(options));
    const csv = renderComparisonCsv(c, { at: "2024-11-15" });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(c.options.reduce((n, o) => n + o.lineItems.length, 0));
    for (const r of body) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    // Rows follow the ranking and carry the item's figures at full precision.
    let k = 0;
    for (const o of c.options) {
      for (const item of o.lineItems) {
        const r = body[k++] as string[];
        expect(r[col("x_Rank")]).toBe(String(o.rank));
        expect(r[col("x_Component")]).toBe(item.component);
        expect(r[col("PricingUnit")]).toBe(item.unit);
        expect(r[col("PricingQuantity")]).toBe(item.quantity.toString());
        expect(r[col("ListUnitPrice")]).toBe(item.unitPrice.toString());
        expect(r[col("ListCost")]).toBe(item.cost.toString());
        expect(r[col("BillingCurrency")]).toBe("USD");
        expect(r[col("ChargePeriodStart")]).toBe("2024-11-01T00:00:00Z");
        expect(r[col("ChargePeriodEnd")]).toBe("2024-12-01T00:00:00Z");
      }
    }
    // The costs add up to each option's monthly cost.
    for (const o of c.options) {
      const sum = body
        .filter((r) => r[col("x_Rank")] === String(o.rank))
        .reduce((s, r) => s.plus(dec(r[col("ListCost")] as string)), dec(0));
      expect(sum.eq(o.monthlyCost)).toBe(true);
    }
  });

  it("quotes commas, quotes and newlines, and defuses formula-like text", () => {
    const c = compareOptions(input(options));
    const rows = parseCsv(renderComparisonCsv(c, { at: "2024-11-15" })).slice(1);
    const names = new Set(rows.map((r) => r[CSV_COLUMNS.indexOf("x_Option")]));
    expect(names).toContain(`'-cheap, "fast"\nbox`);
    expect(names).toContain('evil/=cmd|" /C calc"!A0,x');
    expect(names).toContain("'@hybrid");
    // Provider first, so this API name is not formula-like; a name that starts with "=" would be.
    for (const r of rows) for (const cell of r) expect(/^[=+\-@]/.test(cell)).toBe(false);
  });

  it("a December charge period ends on 1 January; a bad date is refused", () => {
    expect(chargePeriod("2024-12-31")).toEqual({
      start: "2024-12-01T00:00:00Z",
      end: "2025-01-01T00:00:00Z",
    });
    expect(() => chargePeriod("2024-13-01")).toThrow(DomainError);
    expect(() => chargePeriod("yesterday")).toThrow(DomainError);
  });
});
