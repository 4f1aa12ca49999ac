/**
 * @llm-tco/sdk — typed client for the LLM inference cost & TCO API.
 *
 * The client is openapi-fetch typed by `paths` from `schema.d.ts`, which openapi-typescript generates from
 * the service's own OpenAPI document (`npm run sdk:generate`). Every schema component is re-exported
 * below by its name (`Workload`, `ApiEstimate`, `Problem`, …), so new components need no edit here.
 * The helpers turn the API's exact decimal strings into decimal.js values and flatten line items.
 */
import { Decimal as DecimalJs } from "decimal.js";
import createClient, { type Client } from "openapi-fetch";
import type { LineItem, Problem, paths } from "./schema.js";

// Every component of the OpenAPI document by name, plus `paths`, `components` and `operations`.
export type * from "./schema.js";

// ---------------------------------------------------------------------------------------------------
// Client

/**
 * The media types the client's `data` and `error` are typed from. Operations that can also answer CSV or
 * SVG (comparisons, scenario results) are typed by their JSON body; ask for the others with
 * `{ parseAs: "text", headers: { accept: "text/csv" } }`, which types `data` as a string.
 */
export type TcoMediaType = "application/json" | "application/problem+json";

/** The typed client: `client.GET(path, init)`, `client.POST(path, { body })` → `{ data, error, response }`. */
export type TcoClient = Client<paths, TcoMediaType>;

export interface TcoClientOptions {
  /** Service root, e.g. `https://tco.example.com` or `http://127.0.0.1:3000` (no `/v1`). */
  baseUrl: string;
  /**
   * How requests are sent (default: the global `fetch`). Pass the app's own `app.fetch` to call it
   * in-process, or a Worker's `fetch` binding. It receives a `Request`.
   */
  fetch?: (request: Request) => Response | Promise<Response>;
  /**
   * A tenant's API key (issued by the admin with `POST /v1/api-keys`), sent as `Authorization: Bearer
   * <apiKey>`: saved scenarios need it, and see only that tenant's. Estimates, comparisons and catalogue
   * reads need no key.
   */
  apiKey?: string;
  /**
   * The admin token (`ADMIN_TOKEN`), sent as `Authorization: Bearer <token>`: price-sheet imports and
   * API-key management. It is not a tenant key; use one client per credential.
   */
  token?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string> | Headers;
}

/**
 * A client for the API, typed by the service's OpenAPI document:
 * `createTcoClient({ baseUrl: "https://tco.example.com", apiKey: process.env.TCO_API_KEY })`.
 */
export function createTcoClient(options: TcoClientOptions): TcoClient {
  if (options.apiKey && options.token) {
    throw new TypeError(
      "createTcoClient: pass apiKey (a tenant's scenarios) or token (admin), not both: both go in the Authorization header. Make one client per credential.",
    );
  }
  const headers = new Headers(options.headers);
  const credential = options.apiKey || options.token;
  if (credential) headers.set("authorization", `Bearer ${credential}`);
  const send = options.fetch;
  return createClient<paths, TcoMediaType>({
    baseUrl: options.baseUrl,
    headers,
    // openapi-fetch calls `fetch(request, init?)`; hand over the Request alone (app.fetch's second
    // parameter is the Workers env, not a RequestInit).
    ...(send ? { fetch: async (request: Request) => send(request) } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------
// Problems (RFC 9457)

/** true when `value` looks like an RFC 9457 problem document (`type`, `title`, numeric `status`). */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === "string" && typeof v.title === "string" && typeof v.status === "number";
}

/** An error answer from the API, carrying its problem document. Thrown by {@link unwrap}. */
export class TcoApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly response: Response | undefined;

  constructor(problem: Problem, response?: Response) {
    const where = problem.instance ? ` (${problem.instance})` : "";
    // Field errors the detail does not already spell out, as `pointer: detail`.
    const fields = (problem.errors ?? [])
      .map((e) => `${e.pointer}: ${e.detail}`)
      .filter((text) => !problem.detail.includes(text));
    super(
      `${problem.status} ${problem.title}${where}: ${problem.detail}${fields.length ? ` [${fields.join("; ")}]` : ""}`,
    );
    this.name = "TcoApiError";
    this.status = problem.status;
    this.problem = problem;
    this.response = response;
  }

  /** JSON pointers of the invalid fields (`/workload/cachedInputShare`, `/query/at`, …). */
  get pointers(): string[] {
    return (this.problem.errors ?? []).map((e) => e.pointer);
  }
}

/** The problem in an error answer; a non-problem body (e.g. from a proxy) becomes a generic one. */
function problemOf(error: unknown, response: Response): Problem {
  if (isProblem(error)) return error;
  const text = typeof error === "string" ? error.trim().slice(0, 500) : "";
  return {
    type: "about:blank",
    title: response.statusText || "HTTP error",
    status: response.status,
    detail: text || `The server answered ${response.status} without a problem document.`,
  };
}

/**
 * The `data` of a successful call, or a thrown {@link TcoApiError}:
 * `const estimates = unwrap(await client.POST("/v1/estimates/api", { body }))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new TcoApiError(problemOf(result.error, result.response), result.response);
  }
  return result.data as T;
}

// ---------------------------------------------------------------------------------------------------
// Exact decimals

/**
 * decimal.js configured like the service: 40 significant digits, banker's rounding where rounding is
 * unavoidable (division), and `toString()` never in exponent notation. Parsing is always exact.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Decimal = InstanceType<typeof Decimal>;

/** What {@link toDecimal} accepts: a decimal string from the API, a number, or a Decimal. */
export type DecimalValue = string | number | DecimalJs;

/** An API decimal string as a Decimal (null and undefined pass through). Throws on a non-decimal. */
export function toDecimal(value: DecimalValue): Decimal;
export function toDecimal(value: DecimalValue | null): Decimal | null;
export function toDecimal(value: DecimalValue | null | undefined): Decimal | null | undefined;
export function toDecimal(value: DecimalValue | null | undefined): Decimal | null | undefined {
  if (value === null || value === undefined) return value;
  try {
    return new Decimal(typeof value === "number" ? String(value) : value);
  } catch {
    throw new TypeError(`Not a decimal: ${JSON.stringify(String(value))}`);
  }
}

/** Keys of `T` whose values are decimal strings (possibly null or optional). */
export type DecimalKeys<T> = {
  [K in keyof T]-?: [NonNullable<T[K]>] extends [string] ? K : never;
}[keyof T];

type AsDecimal<V> = V extends string ? Decimal : V;

/** `T` with the fields `K` as Decimals (null stays null). */
export type WithDecimals<T, K extends keyof T> = { [P in keyof T]: P extends K ? AsDecimal<T[P]> : T[P] };

/**
 * A copy of `value` with the named decimal-string fields as Decimals:
 * `decimalFields(estimate, ["monthlyCost", "costPerMillionTokens"]).monthlyCost.times(12)`.
 */
export function decimalFields<T extends object, K extends DecimalKeys<T>>(
  value: T,
  keys: readonly K[],
): WithDecimals<T, K> {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) {
    const field = copy[key as string];
    if (field !== undefined && field !== null) copy[key as string] = toDecimal(field as string);
  }
  return copy as WithDecimals<T, K>;
}

/** The decimal fields of a line item, for {@link decimalFields}. */
export const LINE_ITEM_DECIMALS = [
  "quantity",
  "unitPrice",
  "cost",
] as const satisfies readonly (keyof LineItem)[];

// ---------------------------------------------------------------------------------------------------
// Line items

/** The sum of the items' `cost`, exactly (every estimate's monthly cost is the sum of its line items). */
export function sumLineItems(items: Iterable<Pick<LineItem, "cost">>): Decimal {
  let total = new Decimal(0);
  for (const item of items) total = total.plus(item.cost);
  return total;
}

/** An estimate: API, self-hosted or hybrid. */
export interface EstimateLike {
  lineItems: readonly LineItem[];
  currency?: string;
  name?: string | null;
  provider?: string;
  model?: string;
  accelerator?: string;
}

/** Anything made of line items: an estimate, or a ranked comparison option (`{ name, estimate }`). */
export type Estimated = EstimateLike | { name: string; currency?: string; estimate: EstimateLike };

/** One line item of one option, as {@link iterateLineItems} yields it. */
export type OptionLineItem = LineItem & {
  /** The option's label (see {@link optionLabel}). */
  option: string;
  /** The option's currency, when it states one. */
  currency: string | undefined;
};

/**
 * A readable label for an option: its `name`; else `provider/model` (API), `model on accelerator`
 * (self-hosted) or `model`; else `option N`.
 */
export function optionLabel(estimated: Estimated, index: number): string {
  if (estimated.name) return estimated.name;
  const e = "estimate" in estimated ? estimated.estimate : estimated;
  if (e.provider && e.model) return `${e.provider}/${e.model}`;
  if (e.accelerator && e.model) return `${e.model} on ${e.accelerator}`;
  return e.model ?? `option ${index + 1}`;
}

/**
 * Every line item of every option, flattened with the option it belongs to — for CSV exports and pivot
 * tables. Accepts estimates, a comparison's ranked options, or a `{ data: [...] }` response of either.
 */
export function* iterateLineItems<E extends Estimated>(
  estimates: Iterable<E> | { data: readonly E[] },
  label: (estimate: E, index: number) => string = optionLabel,
): Generator<OptionLineItem> {
  const list = Symbol.iterator in estimates ? estimates : estimates.data;
  let index = 0;
  for (const item of list) {
    const option = label(item, index++);
    const entry: Estimated = item;
    const estimate = "estimate" in entry ? entry.estimate : entry;
    const currency = entry.currency ?? estimate.currency;
    for (const lineItem of estimate.lineItems) yield { option, currency, ...lineItem };
  }
}
