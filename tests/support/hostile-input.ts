/**
 * Hostile request bodies for the POST endpoints, as fast-check arbitraries: random JSON, random
 * objects over each endpoint's own field names, and mutations of a valid body (a field deleted,
 * replaced by a hostile value, wrapped, or given an unknown sibling). Bodies travel as raw text, so
 * they can hold what JSON.stringify cannot write: numbers beyond a double (`1e400`), `-0`, nesting
 * deeper than the JS stack, and `__proto__` keys.
 *
 * Adding an endpoint to the suites is one entry in {@link POST_ENDPOINTS}.
 */
import fc from "fast-check";
import { TEST_ADMIN_TOKEN } from "./test-app.js";

export interface PostEndpoint {
  path: string;
  /** A valid body (a fresh copy on each call); the suites check it is accepted first. */
  valid(): Record<string, unknown>;
  /** Headers the endpoint needs besides the content type. */
  headers?: Record<string, string>;
  /** The endpoint needs a tenant's API key (the suite issues one in its own database). */
  tenantKey?: boolean;
  /** So few fields that random values over their names can make a valid body (then 2xx is sound). */
  smallBody?: boolean;
  /**
   * Unknown fields: `refuse` (422: price-sheet imports) or `ignore` (estimates, comparisons, and
   * scenarios, which store only what they understood) — the policy in api/openapi.ts's description.
   */
  unknownFields: "refuse" | "ignore";
  /** Array limits: the array's path in the valid body, its maximum length, and a valid element. */
  limits?: { path: (string | number)[]; max: number; item(): unknown }[];
  /** Generated bodies per property (keeps the suite fast; writes cost more than computations). */
  numRuns?: number;
}

const adminHeaders = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** A new date for each imported sheet, so generated sheets reach the insert instead of a 409. */
let sheetDay = 0;
const freshSheetDate = () =>
  new Date(Date.UTC(2031, 0, 1) + sheetDay++ * 86_400_000).toISOString().slice(0, 10);
const workload = () => ({
  inputTokensPerMonth: 2_000_000_000,
  outputTokensPerMonth: "500000000",
  cachedInputShare: "0.25",
  cacheWriteShare: 0.05,
  batchShare: "0",
  inputTokensPerRequest: 1500,
  peakToAverage: "1.5",
});
const apiOffering = () => ({ provider: "openai", model: "gpt-4o-2024-08-06" });
const deployment = () => ({
  model: "llama-3-70b",
  accelerator: "h100-sxm",
  acceleratorsPerReplica: 8,
  precision: "fp8",
  throughput: { tokensPerSecond: "24524.9", counts: "output" },
  acquisition: {
    mode: "purchase",
    pricePerAccelerator: "33750",
    lifetimeYears: "3",
    residualValueShare: "0",
    costOfCapital: "0.08",
    maintenanceShare: "0.05",
  },
  power: { wattsPerReplica: "10200", loadFactor: "1", pue: "1.3", pricePerKwh: "0.10" },
  facilitiesPerReplicaMonth: "0",
  operations: { fte: "0.25", costPerFteMonth: "18000" },
  maxUtilization: "0.9",
});
const comparison = () => ({
  workload: workload(),
  options: [
    { kind: "api", ...apiOffering() },
    { kind: "self-hosted", name: "h100 x8", deployment: deployment() },
    {
      kind: "hybrid",
      name: "one replica + overflow",
      deployment: {
        model: "llama-3-8b",
        accelerator: "l40s",
        acquisition: { mode: "rent", pricePerAcceleratorHour: "1.1" },
      },
      replicas: 1,
      overflow: { provider: "groq", model: "llama-3-8b" },
    },
  ],
  at: "2024-11-01",
  sweep: { points: 8, from: "1000000", to: 100_000_000_000 },
  sensitivity: { selfHosted: "h100 x8", api: "openai/gpt-4o-2024-08-06" },
});

/** Every POST endpoint the suites know; those the app does not serve (yet) are reported and skipped. */
export const POST_ENDPOINTS: PostEndpoint[] = [
  {
    path: "/v1/estimates/api",
    valid: () => ({ workload: workload(), offerings: [apiOffering()], at: "2024-11-01" }),
    unknownFields: "ignore",
    limits: [{ path: ["offerings"], max: 50, item: apiOffering }],
  },
  {
    path: "/v1/estimates/self-hosted",
    valid: () => ({ workload: workload(), deployment: deployment() }),
    unknownFields: "ignore",
  },
  {
    path: "/v1/comparisons",
    valid: comparison,
    unknownFields: "ignore",
    limits: [{ path: ["options"], max: 50, item: () => ({ kind: "api", ...apiOffering() }) }],
    numRuns: 300,
  },
  {
    path: "/v1/scenarios",
    tenantKey: true,
    valid: () => ({ name: "fuzz", comparison: comparison() }),
    unknownFields: "ignore",
    numRuns: 300,
  },
  {
    path: "/v1/api-keys",
    headers: adminHeaders,
    valid: () => ({ tenant: "fuzz-tenant", name: "fuzz key" }),
    smallBody: true,
    unknownFields: "ignore",
    numRuns: 300,
  },
  {
    path: "/v1/price-sheets",
    headers: adminHeaders,
    valid: () => ({
      provider: "groq",
      effectiveFrom: freshSheetDate(),
      currency: "USD",
      source: "https://groq.com/pricing (fuzz)",
      checked: false,
      checkedOn: "2030-12-31",
      note: "generated",
      prices: [
        { model: "llama-3-70b", inputPerMillion: "0.59", outputPerMillion: 0.79, batchDiscount: null },
        {
          model: "llama3-8b-8192",
          inputPerMillion: "0.05",
          outputPerMillion: "0.08",
          cachedInputPerMillion: "0.025",
          cacheWritePerMillion: null,
          tiers: [{ aboveInputTokens: 8000, inputPerMillion: "0.1", outputPerMillion: "0.16" }],
        },
      ],
    }),
    unknownFields: "refuse",
    limits: [
      {
        path: ["prices"],
        max: 20_000,
        item: () => ({ model: "llama-3-70b", inputPerMillion: "1", outputPerMillion: "1" }),
      },
    ],
    numRuns: 400,
  },
];

// ---- raw JSON text ---------------------------------------------------------------------------------

/** Marks a value to be written as raw JSON text (JSON.stringify cannot write it). */
class Raw {
  constructor(readonly text: string) {}
}
/** A value written as raw JSON text in the body. */
export const raw = (text: string) => new Raw(text);

/** JSON text of a value that may hold {@link Raw} parts, `__proto__` keys and any nesting. */
export function toJsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    // Own keys, `__proto__` included (made with defineProperty, see withKey).
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Set an own property (an assignment to `__proto__` would set the prototype instead). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copy of `obj` with `key` set as an own property (safe for `__proto__`). */
function withKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) setOwn(out, k, obj[k]);
  setOwn(out, key, value);
  return out;
}

/** Nesting deeper than a recursive parser or JSON.stringify survives (JSON.parse is iterative). */
export const deepArray = (depth: number) => raw(`${"[".repeat(depth)}${"]".repeat(depth)}`);
export const deepObject = (depth: number) => raw(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);

// ---- hostile values --------------------------------------------------------------------------------

/** Wrong types and shapes, and strings no field accepts: tried at every path. */
const ANY_FIELD: readonly unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [1, "2"],
  { value: "1" },
  deepArray(10_000),
  deepObject(10_000),
  "",
  " ",
  "NaN",
  "\u0000",
  "\ud800",
  "x".repeat(100_000),
  2 ** 53 + 1,
  -1,
  1.5,
  raw("1e400"),
  raw("-0"),
];

/** Number spellings no decimal or token count accepts, and extremes that must be bounded or finite. */
const NUMBER_FIELD: readonly unknown[] = [
  "Infinity",
  "-Infinity",
  "+Infinity",
  "0x10",
  "0X1p3",
  "0b101",
  "0o17",
  "1,5",
  "1.000,50",
  "1_000",
  "1e-1000000",
  "1e999999",
  "1e+1000000",
  "-1e-1000000000",
  "9".repeat(400),
  `0.${"0".repeat(100)}1`,
  "1e",
  ".",
  "-",
  "+-1",
  "--1",
  "1..2",
  "1e1.5",
  "١٢٣",
  "１２",
  "12 34",
  "1\u0000",
  "\u202e1",
  "1n",
  "-1",
  "-0.0000001",
  // Extreme but well-formed: must be refused by a bound or give a finite result.
  "1e-999",
  "1e-41",
  "1e999",
  "-1e999",
  `0.${"0".repeat(50)}1`,
  1e-300,
  1e300,
  -(2 ** 53) - 1,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -0.0000001,
  raw("-1e400"),
  raw("123456789012345678901234567890"),
  raw("1E+308"),
];

/** Text that ids, names, dates and free text must survive (refused, or stored intact). */
const TEXT_FIELD: readonly unknown[] = [
  "2024-13-45",
  "0000-01-01",
  "99999-01-01",
  "1\u0000",
  "nul \u0000 inside",
  "bell \u0007",
  "lone \udc00 low surrogate",
  "\u202e1",
  "١٢٣",
  "emoji 🧪 and RTL \u05d0",
  "line\nbreak",
  "1e999999",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "'; drop table price_sheets; --",
];

/** Every hostile value (the mutation generator draws from all of them). */
export const HOSTILE_VALUES: readonly unknown[] = [...ANY_FIELD, ...NUMBER_FIELD, ...TEXT_FIELD];

/** The values worth trying in place of `valid`: the wrong-type set, plus number or text spellings by its type. */
export function hostileValuesFor(valid: unknown): readonly unknown[] {
  if (typeof valid === "number" || (typeof valid === "string" && /^[-+]?[\d.]+$/.test(valid)))
    return [...ANY_FIELD, ...NUMBER_FIELD];
  if (typeof valid === "string") return [...ANY_FIELD, ...TEXT_FIELD];
  return ANY_FIELD;
}

const DANGEROUS_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "",
  "a".repeat(10_000),
  "\u0000",
  "/",
  "~1",
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...DANGEROUS_KEYS).map((k) => withKey({}, k, { polluted: true })),
  },
);

// ---- mutations of a valid body ---------------------------------------------------------------------

type Path = (string | number)[];

/** Every path in a JSON value (objects' keys and arrays' indices), the root excluded. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** A copy of `root` with the value at `path` replaced by `fn(old)` (deleted when fn returns DELETE). */
const DELETE = Symbol("delete");
function update(root: unknown, path: Path, fn: (old: unknown) => unknown): unknown {
  if (path.length === 0) return fn(root);
  const [head, ...rest] = path;
  // An earlier mutation may have removed or replaced the container: nothing to do then.
  if (root === null || typeof root !== "object" || (Array.isArray(root) && typeof head !== "number"))
    return root;
  if (!Array.isArray(root) && !Object.hasOwn(root, head as string)) return root;
  if (Array.isArray(root)) {
    if ((head as number) >= root.length) return root;
    const copy = [...root];
    const next = update(copy[head as number], rest, fn);
    if (next === DELETE) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const obj = root as Record<string, unknown>;
  const next = update(obj[head as string], rest, fn);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    if (k === head && next === DELETE) continue;
    setOwn(out, k, k === head ? next : obj[k]);
  }
  return out;
}

export interface Mutation {
  describe: string;
  body: string;
}

/** A valid body with one or two things broken (some mutations keep it valid: that is allowed). */
export function mutationOf(valid: () => Record<string, unknown>): fc.Arbitrary<Mutation> {
  const base = valid();
  const paths = pathsOf(base);
  const containers: Path[] = [
    [],
    ...paths.filter((p) => {
      const v = valueAt(base, p);
      return v !== null && typeof v === "object" && !Array.isArray(v);
    }),
  ];
  const one = fc.oneof(
    fc.record({ op: fc.constant("delete" as const), path: fc.constantFrom(...paths) }),
    fc.record({ op: fc.constant("replace" as const), path: fc.constantFrom(...paths), value: hostileValue }),
    fc.record({ op: fc.constant("wrap" as const), path: fc.constantFrom(...paths), inArray: fc.boolean() }),
    fc.record({
      op: fc.constant("add-key" as const),
      path: fc.constantFrom(...containers),
      key: fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 })),
      value: hostileValue,
    }),
  );
  return fc.array(one, { minLength: 1, maxLength: 2 }).map((ops) => {
    let body: unknown = valid();
    for (const m of ops) {
      if (m.op === "delete") body = update(body, m.path, () => DELETE);
      else if (m.op === "replace") body = update(body, m.path, () => m.value);
      else if (m.op === "wrap") body = update(body, m.path, (old) => (m.inArray ? [old] : { value: old }));
      else {
        body = update(body, m.path, (old) =>
          old !== null && typeof old === "object" && !Array.isArray(old)
            ? withKey(old as Record<string, unknown>, m.key, m.value)
            : old,
        );
      }
    }
    const describe = ops
      .map(
        (m) =>
          `${m.op} ${"path" in m ? `/${m.path.join("/")}` : ""}${"key" in m ? ` key ${JSON.stringify(m.key).slice(0, 40)}` : ""}`,
      )
      .join("; ");
    return { describe, body: toJsonText(body) };
  });
}

/** Random JSON values (never a valid body). */
export const randomJson: fc.Arbitrary<string> = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));

/** Objects over the endpoint's own field names (top level and nested) with random values. */
export function shapedRandom(valid: () => Record<string, unknown>): fc.Arbitrary<string> {
  const keys = [
    ...new Set(pathsOf(valid()).flatMap((p) => p.filter((k): k is string => typeof k === "string"))),
  ];
  const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      hostileValue,
      fc.dictionary(fc.constantFrom(...keys), tie("v"), { maxKeys: 4 }),
      fc.array(tie("v"), { maxLength: 3 }),
    ),
  })).v;
  return fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: 6 }).map(toJsonText);
}

/** Text that is not JSON at all, or JSON with a twist (BOM, trailing garbage, comments). */
export const notJson: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "{",
    "}",
    "{'a': 1}",
    '{"a": 1,}',
    '{"a": 1} trailing',
    "\ufeff{}",
    "/* c */ {}",
    '{"a": NaN}',
    '{"a": Infinity}',
    '{"a": undefined}',
    '{"a": 0x10}',
    '{"a": 01}',
    '{"a": .5}',
    '{"a": "\\ud800"}',
    '{"a": "unterminated',
    "[".repeat(100_000),
    `${"{".repeat(50_000)}`,
    "\u0000",
  ),
);

/** The value at `path` in a JSON value. */
export function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);
}

/** The valid body with `value` at `path`, as JSON text. */
export function withValueAt(valid: () => Record<string, unknown>, path: Path, value: unknown): string {
  return toJsonText(update(valid(), path, () => value));
}

/** A body of `n` array items at `path` in the valid body. */
export function withArrayOf(
  valid: () => Record<string, unknown>,
  path: Path,
  n: number,
  item: () => unknown,
): string {
  return toJsonText(update(valid(), path, () => Array.from({ length: n }, item)));
}
