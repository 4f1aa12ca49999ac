/**
 * The SDK over real HTTP against the real server (`dist/server.mjs`, as `npm start` runs it) on the
 * embedded database (fresh data directory) or, with DATABASE_URL, a Postgres database of its own: a few
 * calls, an admin import with a token, the budget example end to end, and the built package
 * (`sdk/dist`, compiled here into a scratch directory) making a real call.
 */
import { randomUUID } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSdk, ROOT, SDK_DIR } from "../../scripts/generate-sdk.js";
import { CSV_COLUMNS, OFFERINGS_2024, runBudget } from "../../sdk/examples/budget.js";
import { createTcoClient, TcoApiError, type TcoClient, unwrap } from "../../sdk/index.js";
import { type OwnServer, startServerOnOwnDatabase } from "../support/own-server.js";

const ADMIN_TOKEN = "sdk-server-test-token-0123456789";

let server: OwnServer;
let client: TcoClient;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "llm-tco-sdk-"));
  server = await startServerOnOwnDatabase({ ADMIN_TOKEN });
  client = createTcoClient({ baseUrl: server.url });
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Rows of a CSV (quoted cells with `""` escapes; no embedded newlines needed here). */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1] as string))
    .map((cells) => cells.map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c)));
}

describe("SDK over HTTP against the real server", () => {
  it("reads health, catalogue and prices", async () => {
    expect(unwrap(await client.GET("/healthz"))).toEqual({ status: "ok" });
    expect(unwrap(await client.GET("/readyz")).status).toBe("ready");
    const providers = unwrap(await client.GET("/v1/providers"));
    expect(providers.data.length).toBeGreaterThanOrEqual(8);
    const prices = unwrap(
      await client.GET("/v1/prices", {
        params: { query: { provider: "anthropic", model: "claude-3-5-sonnet-latest", at: "2024-11-01" } },
      }),
    );
    expect(prices.data[0]).toMatchObject({
      model: "claude-3-5-sonnet-20241022",
      priceSheetId: "anthropic-2024-10-22",
    });
  });

  it("estimates a workload and answers typed problems", async () => {
    const estimate = unwrap(
      await client.POST("/v1/estimates/api", {
        body: {
          workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
          offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
          at: "2024-11-01",
        },
      }),
    );
    expect(estimate.data[0]?.monthlyCost).toBe("12.5");
    const missing = await client.GET("/v1/models/{modelId}", { params: { path: { modelId: "nope" } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, type: "/problems/not-found" });
    const invalid = await client.POST("/v1/estimates/api", {
      body: { workload: { inputTokensPerMonth: -1, outputTokensPerMonth: 0 }, offerings: [] },
    });
    expect(invalid.error?.status).toBe(422);
    expect(invalid.error?.errors?.map((e) => e.pointer)).toContain("/workload/inputTokensPerMonth");
  });

  it("imports a price sheet with the admin token; a wrong token is a TcoApiError 401", async () => {
    const body = {
      provider: "together",
      effectiveFrom: "2031-06-01",
      currency: "USD",
      source: "https://www.together.ai/pricing (SDK test)",
      checked: false,
      prices: [{ model: "meta-llama/Llama-3-70b-chat-hf", inputPerMillion: "0.9", outputPerMillion: "0.9" }],
    };
    const wrong = createTcoClient({ baseUrl: server.url, token: "not-the-token-0123456789" });
    const refused = await wrong.POST("/v1/price-sheets", { body });
    expect(() => unwrap(refused)).toThrow(TcoApiError);
    expect(refused.error?.status).toBe(401);
    const admin = createTcoClient({ baseUrl: server.url, token: ADMIN_TOKEN });
    const created = await admin.POST("/v1/price-sheets", { body });
    expect(created.response.status).toBe(201);
    expect(created.data?.id).toBe("together-2031-06-01");
  });

  it("runs the budget example and writes its CSV", async () => {
    const csvPath = path.join(scratch, "budget.csv");
    const printed: string[] = [];
    const result = await runBudget({
      client,
      at: "2026-11-01",
      workload: { inputTokensPerMonth: 2_000_000_000, outputTokensPerMonth: 500_000_000 },
      csvPath,
      print: (text) => printed.push(text),
    });
    const rows = parseCsv(await readFile(csvPath, "utf8"));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const records = rows
      .slice(1)
      .map((cells) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]])));
    // By hand, 2,000M input + 500M output tokens at each 2026 sheet's per-1M rates, cheapest first:
    // gpt-oss-120b on Fireworks 2,000 × $0.15 + 500 × $0.60 = $600; GPT-5 2,000 × $1.25 + 500 × $10 =
    // $7,500; Claude Sonnet 4.5 2,000 × $3 + 500 × $15 = $13,500.
    expect(records.map((r) => [r.option, r.model, r.monthly_cost])).toEqual([
      ["gpt-oss-120b (Fireworks)", "gpt-oss-120b", "600"],
      ["GPT-5", "gpt-5", "7500"],
      ["Claude Sonnet 4.5", "claude-sonnet-4-5", "13500"],
    ]);
    expect(records.map((r) => r.cost_per_million_tokens)).toEqual(["0.24", "3", "5.4"]);
    expect(records.map((r) => r.annual_cost)).toEqual(["7200", "90000", "162000"]);
    expect(records.every((r) => r.currency === "USD" && (r.effective_from ?? "") <= "2026-11-01")).toBe(true);
    expect(result.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    const table = printed.join("\n");
    expect(table).toContain("Monthly API cost at 2026-11-01");
    expect(table).toMatch(/Claude Sonnet 4\.5\s+claude-sonnet-4-5\s+\$13,500\.00\s+\$5\.4000\s+anthropic-/);
  });

  it("runs the budget example on the 2024 line-up at 2024-11-01 (price history)", async () => {
    const csvPath = path.join(scratch, "budget-2024.csv");
    const printed: string[] = [];
    const result = await runBudget({
      client,
      offerings: OFFERINGS_2024,
      at: "2024-11-01",
      workload: { inputTokensPerMonth: 2_000_000_000, outputTokensPerMonth: 500_000_000 },
      csvPath,
      print: (text) => printed.push(text),
    });
    const rows = parseCsv(await readFile(csvPath, "utf8"));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const records = rows
      .slice(1)
      .map((cells) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]])));
    // 2,000M input + 500M output tokens at each sheet's per-1M rates, cheapest first.
    expect(records.map((r) => [r.option, r.model, r.price_sheet_id, r.monthly_cost])).toEqual([
      ["Llama 3 70B (Groq)", "llama-3-70b", "groq-2024-06-05", "1575"],
      ["Gemini 1.5 Pro", "gemini-1.5-pro", "google-2024-10-01", "5000"],
      ["GPT-4o", "gpt-4o-2024-08-06", "openai-2024-10-01", "10000"],
      ["Claude 3.5 Sonnet", "claude-3-5-sonnet-20241022", "anthropic-2024-10-22", "13500"],
    ]);
    expect(records.map((r) => r.cost_per_million_tokens)).toEqual(["0.63", "2", "4", "5.4"]);
    expect(records.map((r) => r.annual_cost)).toEqual(["18900", "60000", "120000", "162000"]);
    expect(records.every((r) => r.currency === "USD" && (r.effective_from ?? "") <= "2024-11-01")).toBe(true);
    expect(result.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    const table = printed.join("\n");
    expect(table).toContain("Monthly API cost at 2024-11-01");
    expect(table).toMatch(
      /Claude 3\.5 Sonnet\s+claude-3-5-sonnet-20241022\s+\$13,500\.00\s+\$5\.4000\s+anthropic-2024-10-22/,
    );
  });

  it("the built package (tsc → dist) loads as ESM and calls the server", async () => {
    // Inside the repository (git-ignored) so the compiled code resolves openapi-fetch and decimal.js.
    const pkgDir = path.join(ROOT, "test-artifacts", `sdk-package-${randomUUID()}`);
    try {
      await mkdir(pkgDir, { recursive: true });
      await buildSdk(path.join(pkgDir, "dist"));
      await copyFile(path.join(SDK_DIR, "package.json"), path.join(pkgDir, "package.json"));
      const manifest = JSON.parse(await readFile(path.join(pkgDir, "package.json"), "utf8"));
      const entry = manifest.exports["."];
      for (const file of [entry.import, entry.types, manifest.types, "./dist/schema.d.ts"]) {
        await expect(readFile(path.join(pkgDir, file), "utf8"), file).resolves.toBeTruthy();
      }
      expect(await readFile(path.join(pkgDir, entry.types), "utf8")).toContain(
        "createTcoClient(options: TcoClientOptions): TcoClient",
      );
      const sdk = (await import(
        pathToFileURL(path.join(pkgDir, entry.import)).href
      )) as typeof import("../../sdk/index.js");
      const built = sdk.createTcoClient({ baseUrl: server.url });
      const providers = sdk.unwrap(await built.GET("/v1/providers"));
      expect(providers.data.map((p) => p.id)).toContain("openai");
      expect(sdk.toDecimal("0.1").plus("0.2").toString()).toBe("0.3");
    } finally {
      await rm(pkgDir, { recursive: true, force: true });
    }
  }, 60_000);
});
