/**
 * Request validation alone: `schema.safeParse(body)` of the zod request schemas, in µs per call: the
 * share of a POST's CPU that goes to zod before the handler runs. For the two request bodies also
 * `safeParseAsync`, which is what the routes' validator (@hono/zod-validator) calls; zod takes its
 * interpreted object path there, so it costs more.
 *
 * Every schema is exercised first, with valid and invalid bodies, sync and async, so zod's shared
 * parse code is as megamorphic as it is in the server after a few different requests; a schema
 * measured alone from a cold start runs several times faster than it does there. Then alternating
 * rounds of mitata `measure` (~0.2 s of CPU each): the figure is the median over rounds of each
 * round's p50, and the min–max of rounds is printed next to it.
 *
 * Expect noise. Besides the shared machine, V8 decides per allocation site whether to allocate its
 * objects straight in the old generation ("pretenuring"); when it does that for zod's per-field
 * payloads, every parse fills the old generation and scavenges get slow, and the same body costs
 * 3–5× more for the rest of the process (compare a run with `node --no-allocation-site-pretenuring`).
 * Which process lands in that state varies from run to run, so compare several runs, made one after
 * the other or interleaved (e.g. against `git archive` of an older commit with node_modules linked),
 * not one run against numbers from another day.
 *
 *   npx tsx bench/validation.ts [--rounds 7] [--json]
 *
 * Bodies: `ESTIMATE_BODY` and `COMPARISON_BODY` of bench/requests.ts (what the HTTP bench sends),
 * `SELF_HOSTED_BODY`, and the workload, one decimal, one token count and one date on their own.
 * Before measuring, each result is checked (success, parsed values), so a schema that stopped
 * accepting its body cannot look fast.
 */
import { do_not_optimize, measure } from "mitata";
import { Decimal } from "../api/domain/shared/decimal.js";
import { PriceSheetInputSchema } from "../api/schemas/catalog.js";
import { IsoDate, shareInput, tokenCountInput } from "../api/schemas/common.js";
import { ComparisonRequestSchema, ScenarioInputSchema } from "../api/schemas/comparisons.js";
import { ApiEstimateRequestSchema } from "../api/schemas/estimates.js";
import { SelfHostedEstimateRequestSchema } from "../api/schemas/self-hosted.js";
import { WorkloadSchema } from "../api/schemas/workload.js";
import { COMPARISON_BODY, ESTIMATE_BODY, SELF_HOSTED_BODY, WORKLOAD } from "./requests.js";

interface Parser {
  safeParse(input: unknown): { success: boolean; data?: unknown };
  safeParseAsync(input: unknown): Promise<{ success: boolean; data?: unknown }>;
}

const share = shareInput("bench share");
const tokens = tokenCountInput("bench tokens", 1);

const PRICE_SHEET_BODY = {
  provider: "google",
  effectiveFrom: "2024-10-01",
  currency: "USD",
  source: "https://ai.google.dev/pricing",
  checked: true,
  prices: [
    { model: "gemini-1.5-pro", inputPerMillion: "1.25", outputPerMillion: "5", cachedInputPerMillion: null },
    { model: "gemini-1.5-flash", inputPerMillion: 0.075, outputPerMillion: 0.3, batchDiscount: "0.5" },
  ],
};

/** The cases measured, in print order. */
const CASES: {
  name: string;
  schema: Parser;
  body: unknown;
  check: (data: unknown) => boolean;
  /** Also measure `safeParseAsync`, which is what the server's validator calls. */
  async?: boolean;
}[] = [
  {
    name: "ApiEstimateRequest (ESTIMATE_BODY)",
    schema: ApiEstimateRequestSchema,
    body: ESTIMATE_BODY,
    async: true,
    check: (d) => {
      const w = (d as { workload: Record<string, Decimal> }).workload;
      return w.cachedInputShare?.toString() === "0.25" && w.inputTokensPerMonth?.toString() === "2000000000";
    },
  },
  {
    name: "ComparisonRequest (COMPARISON_BODY)",
    schema: ComparisonRequestSchema,
    body: COMPARISON_BODY,
    async: true,
    check: (d) => (d as { at: string }).at === "2024-11-01",
  },
  {
    name: "SelfHostedEstimateRequest",
    schema: SelfHostedEstimateRequestSchema,
    body: SELF_HOSTED_BODY,
    check: (d) => Boolean((d as { deployment?: unknown }).deployment),
  },
  {
    name: "Workload alone",
    schema: WorkloadSchema,
    body: WORKLOAD,
    check: (d) => (d as Record<string, Decimal>).batchShare?.toString() === "0.2",
  },
  {
    name: 'shareInput ("0.25")',
    schema: share,
    body: "0.25",
    check: (d) => d instanceof Decimal && d.toString() === "0.25",
  },
  {
    name: "tokenCountInput (2e9)",
    schema: tokens,
    body: 2_000_000_000,
    check: (d) => d instanceof Decimal && d.toString() === "2000000000",
  },
  { name: 'IsoDate ("2024-11-01")', schema: IsoDate, body: "2024-11-01", check: (d) => d === "2024-11-01" },
];

/** Invalid bodies run during the warm-up so error paths are part of the JIT's picture too. */
const INVALID: [Parser, unknown][] = [
  [ApiEstimateRequestSchema, { ...ESTIMATE_BODY, workload: { ...WORKLOAD, cachedInputShare: "1.5" } }],
  [ApiEstimateRequestSchema, { ...ESTIMATE_BODY, at: "2023-02-29" }],
  [ComparisonRequestSchema, { ...COMPARISON_BODY, workload: { ...WORKLOAD, inputTokensPerMonth: -1 } }],
  [ComparisonRequestSchema, { ...COMPARISON_BODY, options: [] }],
  [PriceSheetInputSchema, { ...PRICE_SHEET_BODY, effectiveFrom: "2024-13-01" }],
  [ScenarioInputSchema, { name: "x", comparison: { ...COMPARISON_BODY, sweep: { points: 1 } } }],
  [share, "NaN"],
  [tokens, "12.5"],
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function warmUp(): Promise<void> {
  const all: [Parser, unknown][] = [
    ...CASES.map((c): [Parser, unknown] => [c.schema, c.body]),
    [PriceSheetInputSchema, PRICE_SHEET_BODY],
    [ScenarioInputSchema, { name: "bench", comparison: COMPARISON_BODY }],
    ...INVALID,
  ];
  for (let i = 0; i < 3000; i++) {
    for (const [schema, body] of all) {
      do_not_optimize(schema.safeParse(body));
      // The server (zod-validator) calls safeParseAsync: warm that path as well.
      if (i % 10 === 0) do_not_optimize(await schema.safeParseAsync(body));
    }
  }
}

export interface ValidationResult {
  name: string;
  micros: number;
  rounds: number[];
}

export async function runValidationBench(rounds = 7): Promise<ValidationResult[]> {
  for (const c of CASES) {
    const r = c.schema.safeParse(c.body);
    if (!r.success || !c.check(r.data))
      throw new Error(`${c.name}: the bench body no longer parses as expected`);
  }
  for (const [schema, body] of INVALID) {
    if (schema.safeParse(body).success)
      throw new Error(`an invalid warm-up body was accepted: ${JSON.stringify(body)}`);
  }
  await warmUp();
  const measured: { name: string; run: () => unknown }[] = [];
  for (const { name, schema, body, async } of CASES) {
    measured.push({ name, run: () => do_not_optimize(schema.safeParse(body)) });
    if (async) {
      measured.push({
        name: `${name} async`,
        run: async () => do_not_optimize(await schema.safeParseAsync(body)),
      });
    }
  }
  const perCase = measured.map(() => [] as number[]);
  const opts = { min_cpu_time: 200e6 };
  for (let r = 0; r < rounds; r++) {
    for (const [i, m] of measured.entries()) perCase[i]?.push((await measure(m.run, opts)).p50 / 1000);
  }
  return measured.map((m, i) => ({
    name: m.name,
    micros: median(perCase[i] ?? []),
    rounds: perCase[i] ?? [],
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rounds = Number(arg("--rounds") ?? 7);
  const results = await runValidationBench(rounds);
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(results));
  } else {
    console.log(`safeParse, µs per call (median of ${rounds} rounds' p50; min–max of rounds)`);
    for (const r of results) {
      const lo = Math.min(...r.rounds);
      const hi = Math.max(...r.rounds);
      console.log(
        `  ${r.name.padEnd(44)} ${r.micros.toFixed(2).padStart(7)}   (${lo.toFixed(2)}–${hi.toFixed(2)})`,
      );
    }
  }
}
