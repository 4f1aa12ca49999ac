/**
 * Monthly budget: what one workload costs on several API offerings at a date, as a comparison table on
 * stdout and a CSV for the spreadsheet.
 *
 *   npx tsx sdk/examples/budget.ts --base-url http://127.0.0.1:3000 --out budget.csv --at 2026-11-01
 *   TCO_API_URL=https://tco.example.com BUDGET_CSV=budget.csv npx tsx sdk/examples/budget.ts
 *
 * Options: --base-url (env TCO_API_URL, default http://127.0.0.1:3000), --out (env BUDGET_CSV, default
 * budget.csv), --at YYYY-MM-DD (default: today on the server), --input-tokens and --output-tokens per
 * month (default 2e9 and 5e8), --cached-share (default none).
 *
 * The table rounds for display (half-even, to cents); the CSV keeps the API's exact decimal strings.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  createTcoClient,
  Decimal,
  sumLineItems,
  TcoApiError,
  type TcoClient,
  toDecimal,
  unwrap,
  type Workload,
} from "../index.js";

export interface BudgetOffering {
  /** How the option is called in the table and CSV. */
  label: string;
  provider: string;
  /** Model id or the provider's alias (resolved at the date). */
  model: string;
}

/** GPT-5, Claude Sonnet 4.5 and the open-weight gpt-oss-120b hosted by Fireworks (the 2026 catalogue). */
export const DEFAULT_OFFERINGS: BudgetOffering[] = [
  { label: "GPT-5", provider: "openai", model: "gpt-5" },
  { label: "Claude Sonnet 4.5", provider: "anthropic", model: "claude-sonnet-4-5" },
  { label: "gpt-oss-120b (Fireworks)", provider: "fireworks", model: "gpt-oss-120b" },
];

/** The 2024 line-up the example priced before (GPT-4o, Claude 3.5 Sonnet, Gemini 1.5 Pro, Llama 3 70B on Groq). */
export const OFFERINGS_2024: BudgetOffering[] = [
  { label: "GPT-4o", provider: "openai", model: "gpt-4o" },
  { label: "Claude 3.5 Sonnet", provider: "anthropic", model: "claude-3-5-sonnet-latest" },
  { label: "Gemini 1.5 Pro", provider: "google", model: "gemini-1.5-pro" },
  { label: "Llama 3 70B (Groq)", provider: "groq", model: "llama3-70b-8192" },
];

export const DEFAULT_WORKLOAD: Workload = {
  inputTokensPerMonth: 2_000_000_000,
  outputTokensPerMonth: 500_000_000,
};

export interface BudgetRow {
  rank: number;
  option: string;
  provider: string;
  requestedModel: string;
  /** The dated model the request resolved to. */
  model: string;
  priceSheetId: string;
  effectiveFrom: string;
  currency: string;
  monthlyCost: Decimal;
  annualCost: Decimal;
  /** Blended over input + output tokens; null for a zero workload. */
  costPerMillionTokens: Decimal | null;
  warnings: string[];
}

export interface BudgetOptions {
  client: TcoClient;
  workload?: Workload;
  offerings?: BudgetOffering[];
  /** Price date YYYY-MM-DD (default: today on the server). */
  at?: string;
  /** Where to write the CSV (none: only return it). */
  csvPath?: string;
  /** Where the table goes (default console.log; pass `() => {}` for silence). */
  print?: (text: string) => void;
}

export interface BudgetResult {
  /** The date the prices are in force at. */
  at: string;
  /** Cheapest first. */
  rows: BudgetRow[];
  table: string;
  csv: string;
}

export const CSV_COLUMNS = [
  "rank",
  "option",
  "provider",
  "requested_model",
  "model",
  "price_sheet_id",
  "effective_from",
  "currency",
  "monthly_cost",
  "annual_cost",
  "cost_per_million_tokens",
] as const;

/** Price the workload on every offering, print the comparison and write the CSV. */
export async function runBudget(options: BudgetOptions): Promise<BudgetResult> {
  const offerings = options.offerings ?? DEFAULT_OFFERINGS;
  const result = unwrap(
    await options.client.POST("/v1/estimates/api", {
      body: {
        workload: options.workload ?? DEFAULT_WORKLOAD,
        offerings: offerings.map(({ provider, model }) => ({ provider, model })),
        ...(options.at ? { at: options.at } : {}),
      },
    }),
  );

  const rows = result.data
    .map((estimate, i) => {
      // Reconcile before trusting a total: the line items must add up to the monthly cost exactly.
      const monthlyCost = toDecimal(estimate.monthlyCost);
      const itemised = sumLineItems(estimate.lineItems);
      if (!itemised.eq(monthlyCost)) {
        throw new Error(
          `${estimate.provider}/${estimate.model}: line items sum to ${itemised}, not ${monthlyCost}`,
        );
      }
      return {
        rank: 0,
        option: offerings[i]?.label ?? `${estimate.provider}/${estimate.requestedModel}`,
        provider: estimate.provider,
        requestedModel: estimate.requestedModel,
        model: estimate.model,
        priceSheetId: estimate.priceSheetId,
        effectiveFrom: estimate.effectiveFrom,
        currency: estimate.currency,
        monthlyCost,
        annualCost: monthlyCost.times(12),
        costPerMillionTokens: toDecimal(estimate.costPerMillionTokens),
        warnings: estimate.warnings,
      } satisfies BudgetRow;
    })
    .sort((a, b) => a.monthlyCost.comparedTo(b.monthlyCost))
    .map((row, i) => ({ ...row, rank: i + 1 }));

  const table = formatTable(result.at, rows);
  const csv = toCsv(rows);
  (options.print ?? console.log)(table);
  if (options.csvPath) await writeFile(options.csvPath, csv);
  return { at: result.at, rows, table, csv };
}

/** `$1,234.57`: half-even to cents, thousands separated (display only). */
function money(value: Decimal, currency: string, places = 2): string {
  const [whole = "0", fraction] = value.toFixed(places, Decimal.ROUND_HALF_EVEN).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${currency === "USD" ? "$" : `${currency} `}${grouped}${fraction ? `.${fraction}` : ""}`;
}

function formatTable(at: string, rows: BudgetRow[]): string {
  const header = ["#", "Option", "Model", "Monthly cost", "$/1M tokens", "Price sheet"];
  const body = rows.map((r) => [
    String(r.rank),
    r.option,
    r.model,
    money(r.monthlyCost, r.currency),
    r.costPerMillionTokens ? money(r.costPerMillionTokens, r.currency, 4) : "—",
    r.priceSheetId,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((line) => (line[c] ?? "").length)));
  const numeric = new Set([0, 3, 4]);
  const render = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const lines = [
    `Monthly API cost at ${at}`,
    "",
    render(header),
    render(widths.map((w) => "-".repeat(w))),
    ...body.map(render),
  ];
  for (const r of rows) for (const warning of r.warnings) lines.push(`! ${r.option}: ${warning}`);
  lines.push("", "Amounts rounded half-even for display; the CSV has the exact values.");
  return lines.join("\n");
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function toCsv(rows: BudgetRow[]): string {
  const lines = rows.map((r) =>
    [
      String(r.rank),
      r.option,
      r.provider,
      r.requestedModel,
      r.model,
      r.priceSheetId,
      r.effectiveFrom,
      r.currency,
      r.monthlyCost.toString(),
      r.annualCost.toString(),
      r.costPerMillionTokens?.toString() ?? "",
    ]
      .map(csvCell)
      .join(","),
  );
  return `${[CSV_COLUMNS.join(","), ...lines].join("\n")}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "base-url": { type: "string", default: process.env.TCO_API_URL ?? "http://127.0.0.1:3000" },
      out: { type: "string", default: process.env.BUDGET_CSV ?? "budget.csv" },
      at: { type: "string" },
      "input-tokens": { type: "string", default: "2000000000" },
      "output-tokens": { type: "string", default: "500000000" },
      "cached-share": { type: "string" },
    },
  });
  const client = createTcoClient({ baseUrl: values["base-url"] });
  const workload: Workload = {
    inputTokensPerMonth: values["input-tokens"],
    outputTokensPerMonth: values["output-tokens"],
    ...(values["cached-share"] ? { cachedInputShare: values["cached-share"] } : {}),
  };
  try {
    await runBudget({ client, workload, at: values.at, csvPath: values.out });
    console.log(`\nwrote ${values.out}`);
  } catch (error) {
    // 422 names the bad field by JSON pointer; 404 names the unknown provider or model.
    console.error(error instanceof TcoApiError ? `API error: ${error.message}` : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
