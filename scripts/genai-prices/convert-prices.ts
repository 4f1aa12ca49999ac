/**
 * One genai-prices `ModelPrice` (a record of price keys) → the rate fields of our price entry (DESIGN §4
 * "Price entry"). Keys we price map onto fields; keys on the reviewed ignore list are dropped and named
 * in a note; any other key fails, naming provider, model and key.
 */
import { dec } from "../../api/domain/shared/decimal.js";
import type { GpModelPrice, GpTiered } from "./source-types.js";

/** Token rates a band or a time window can restate. */
export const TOKEN_RATE_FIELDS = {
  input_mtok: "inputPerMillion",
  output_mtok: "outputPerMillion",
  cache_read_mtok: "cachedInputPerMillion",
  cache_write_mtok: "cacheWritePerMillion",
  cache_write_1h_mtok: "cacheWrite1hPerMillion",
  output_reasoning_mtok: "reasoningOutputPerMillion",
} as const;

/** Fees per 1,000 events: the request fee and tool-call fees. */
const PER_THOUSAND_TOOLS: Record<string, string> = {
  web_searches_kcount: "web-search",
  storage_searches_kcount: "file-search",
};

export type TokenRateField = (typeof TOKEN_RATE_FIELDS)[keyof typeof TOKEN_RATE_FIELDS];
export type TokenRates = Partial<Record<TokenRateField, string>>;

export interface ImportedBand extends TokenRates {
  aboveInputTokens: number;
  inclusive: false;
  countsCachedTokens: true;
}

export interface ConvertedPrice {
  rates: TokenRates;
  requestFeePer1K?: string;
  toolFees: { tool: string; pricePer1K: string }[];
  tiers: ImportedBand[];
  /** Ignored keys with their values, for the entry's note. */
  ignored: string[];
}

/** A price the source cannot be imported from, naming where and why. */
export class ImportError extends Error {
  constructor(
    readonly provider: string,
    readonly model: string,
    readonly key: string,
    detail: string,
  ) {
    super(`genai-prices ${provider} / ${model} / ${key}: ${detail}`);
    this.name = "ImportError";
  }
}

/** A JS number from the bundle → the shortest exact decimal string it denotes ("0.075", not 7.5e-2). */
export function decimalOf(value: number): string {
  return dec(String(value)).toFixed();
}

const isTiered = (v: unknown): v is GpTiered =>
  typeof v === "object" && v !== null && "base" in v && Array.isArray((v as GpTiered).tiers);

function priceAt(value: number | GpTiered, start: number): number {
  if (!isTiered(value)) return value;
  let price = value.base;
  for (const t of value.tiers) if (t.start <= start) price = t.price;
  return price;
}

function checkValue(value: unknown, where: [string, string, string]): asserts value is number | GpTiered {
  const ok = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;
  if (ok(value)) return;
  if (
    isTiered(value) &&
    ok(value.base) &&
    value.tiers.length > 0 &&
    value.tiers.every(
      (t, i) =>
        ok(t.price) &&
        Number.isSafeInteger(t.start) &&
        t.start > 0 &&
        (i === 0 || t.start > (value.tiers[i - 1] as { start: number }).start),
    )
  )
    return;
  throw new ImportError(...where, `malformed price ${JSON.stringify(value)}`);
}

/**
 * Convert one price record. Bands: genai-prices tiers each key on its own and moves the whole request
 * to a tier once total input tokens (cache reads included) exceed `start`; we write one band per
 * distinct start with every token rate at that start, which prices the same.
 */
export function convertModelPrice(
  prices: GpModelPrice,
  provider: string,
  model: string,
  ignoredKeys: Readonly<Record<string, string>>,
): ConvertedPrice {
  const out: ConvertedPrice = { rates: {}, toolFees: [], tiers: [], ignored: [] };
  const tiered: [TokenRateField, number | GpTiered][] = [];
  for (const [key, value] of Object.entries(prices)) {
    if (value === undefined) continue;
    checkValue(value, [provider, model, key]);
    const field = TOKEN_RATE_FIELDS[key as keyof typeof TOKEN_RATE_FIELDS];
    if (field) {
      out.rates[field] = decimalOf(isTiered(value) ? value.base : value);
      tiered.push([field, value]);
      continue;
    }
    if (isTiered(value))
      throw new ImportError(provider, model, key, "tiers on a non-token price cannot be expressed");
    if (key === "requests_kcount") out.requestFeePer1K = decimalOf(value);
    else if (PER_THOUSAND_TOOLS[key])
      out.toolFees.push({ tool: PER_THOUSAND_TOOLS[key], pricePer1K: decimalOf(value) });
    else if (ignoredKeys[key] !== undefined) out.ignored.push(`${key}=${value}`);
    else
      throw new ImportError(
        provider,
        model,
        key,
        "unknown price key (not priced by the engine, not on the reviewed ignore list)",
      );
  }
  const starts = [
    ...new Set(tiered.flatMap(([, v]) => (isTiered(v) ? v.tiers.map((t) => t.start) : []))),
  ].sort((a, b) => a - b);
  for (const start of starts) {
    const band: ImportedBand = { aboveInputTokens: start, inclusive: false, countsCachedTokens: true };
    for (const [field, value] of tiered) band[field] = decimalOf(priceAt(value, start));
    out.tiers.push(band);
  }
  out.toolFees.sort((a, b) => a.tool.localeCompare(b.tool));
  return out;
}
