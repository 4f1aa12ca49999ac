/**
 * The Cloudflare Workers entry (api/worker.ts) on workerd — `wrangler dev`, local mode — against a real
 * Postgres test database, answering exactly as the Node app does on the same database.
 *
 * Needs DATABASE_URL (a Postgres server: CI has one; locally e.g.
 * `DATABASE_URL=postgres://root@127.0.0.1:5432/llm_tco_dev npx vitest run tests/worker`). Without it the
 * suite is skipped: workerd reaches Postgres over TCP, and the embedded PGlite run has no server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { adminSql } from "../support/postgres-admin.js";
import {
  createTestApp,
  createTestDatabase,
  TEST_ADMIN_TOKEN,
  type TestContext,
} from "../support/test-app.js";
import { startWranglerDev, type WranglerDev } from "./wrangler-dev.js";

const hasPostgres = Boolean(process.env.DATABASE_URL);
if (!hasPostgres) {
  console.log(
    "tests/worker skipped: DATABASE_URL is unset. The worker reaches Postgres over TCP and the embedded " +
      "(PGlite) run has no server; CI sets DATABASE_URL, so these run there.",
  );
}

// Routes are being added while this suite exists; a route the app does not have yet is skipped, not failed.
const routes = createApp(() => {
  throw new Error("no requests are served");
}).routes;
const hasRoute = (method: string, path: string) => routes.some((r) => r.method === method && r.path === path);
const hasSelfHosted = hasRoute("POST", "/v1/estimates/self-hosted");

let worker: WranglerDev;
let node: TestContext;

beforeAll(async () => {
  if (!hasPostgres) return;
  const database = await createTestDatabase();
  node = await createTestApp({}, database);
  // A long snapshot TTL makes "a warm isolate does not touch Postgres" deterministic below.
  worker = await startWranglerDev({
    databaseUrl: database.url as string,
    vars: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: "warn", SNAPSHOT_TTL_SECONDS: "300" },
  });
  const ready = worker.readyMs === undefined ? "?" : Math.round(worker.readyMs);
  console.log(
    `worker cold start: spawn wrangler dev → first 200 from workerd ${Math.round(worker.coldStartMs)} ms ` +
      `(wrangler "Ready on" after ${ready} ms: CLI start, esbuild bundle, workerd start)`,
  );
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await node?.close();
});

interface Answer {
  status: number;
  type: string | null;
  body: string;
}

async function answer(res: Response): Promise<Answer> {
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

/** The same request to the worker (over HTTP) and to the Node app (in process). */
async function both(path: string, init?: RequestInit): Promise<{ worker: Answer; node: Answer }> {
  const [w, n] = await Promise.all([
    fetch(`${worker.url}${path}`, init).then(answer),
    Promise.resolve(node.app.request(path, init)).then(answer),
  ]);
  return { worker: w, node: n };
}

function post(body: unknown): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

const workload = { inputTokensPerMonth: 1_000_000_000, outputTokensPerMonth: 1_000_000_000 };

describe.skipIf(!hasPostgres)("the worker on workerd answers exactly as the Node app", () => {
  it("concurrent first requests on a cold snapshot all answer, and GET /v1/models matches", async () => {
    const started = performance.now();
    const first = await Promise.all(
      Array.from({ length: 4 }, () => fetch(`${worker.url}/v1/models`).then(answer)),
    );
    console.log(`worker first database-backed answer: ${Math.round(performance.now() - started)} ms`);
    for (const res of first) expect(res.status).toBe(200);
    const { worker: w, node: n } = await both("/v1/models");
    expect(n.status).toBe(200);
    expect(w).toEqual(n);
    expect(first[0]).toEqual(n);
  });

  it("GET /v1/models/llama-3-70b", async () => {
    const { worker: w, node: n } = await both("/v1/models/llama-3-70b");
    expect(n.status).toBe(200);
    expect(w).toEqual(n);
  });

  it("POST /v1/estimates/api at a fixed date", async () => {
    const { worker: w, node: n } = await both(
      "/v1/estimates/api",
      post({
        workload: {
          inputTokensPerMonth: 1_000_000,
          outputTokensPerMonth: 1_000_000,
          cachedInputShare: "0.25",
        },
        offerings: [
          { provider: "openai", model: "gpt-4o" },
          { provider: "anthropic", model: "claude-3-5-sonnet-20240620" },
        ],
        at: "2024-11-01",
      }),
    );
    expect(n.status).toBe(200);
    expect(JSON.parse(n.body).data[0].monthlyCost).toBeDefined();
    expect(w).toEqual(n);
  });

  it.skipIf(!hasSelfHosted)(
    "POST /v1/estimates/self-hosted, given figures and catalogue defaults",
    async () => {
      for (const deployment of [
        {
          model: "llama-3-8b",
          accelerator: "h100-sxm",
          acceleratorsPerReplica: 4,
          precision: "bf16",
          throughput: { tokensPerSecond: "1000", counts: "output" },
          acquisition: {
            mode: "purchase",
            pricePerAccelerator: "30000",
            lifetimeYears: "4",
            residualValueShare: "0.1",
            costOfCapital: "0",
            maintenanceShare: "0.03",
          },
          power: { wattsPerReplica: "3000", loadFactor: "1", pue: "1.4", pricePerKwh: "0.12" },
        },
        { model: "llama-3-70b", accelerator: "h100-sxm" },
      ]) {
        const { worker: w, node: n } = await both(
          "/v1/estimates/self-hosted",
          post({ workload, deployment }),
        );
        expect(n.status).toBe(200);
        expect(w).toEqual(n);
      }
    },
  );

  it("a bad request: the same 422 problem, field by field", async () => {
    const { worker: w, node: n } = await both(
      "/v1/estimates/api",
      post({ workload: { inputTokensPerMonth: -1 }, offerings: [], at: "2024-13-01" }),
    );
    expect(n.status).toBe(422);
    expect(n.type).toBe("application/problem+json");
    expect(JSON.parse(n.body).errors.length).toBeGreaterThan(0);
    expect(w).toEqual(n);
  });

  it("other errors: unknown model 404, malformed JSON 400, wrong method 405, import without token 401", async () => {
    for (const [path, init] of [
      ["/v1/models/no-such-model", undefined],
      ["/v1/estimates/api", post("{not json")],
      ["/v1/models", { method: "DELETE" }],
      // 401 (not 403) shows the worker got ADMIN_TOKEN from its vars.
      ["/v1/price-sheets", post({})],
    ] as const) {
      const { worker: w, node: n } = await both(path, init);
      expect(n.status).toBeGreaterThanOrEqual(400);
      expect(w).toEqual(n);
    }
  });

  it("/docs: the same page, and its script loads from the worker (a static asset)", async () => {
    const { worker: w, node: n } = await both("/docs");
    expect(n.status).toBe(200);
    expect(w).toEqual(n);
    const src = /<script[^>]+src="([^"]+)"/.exec(w.body)?.[1];
    expect(src).toBe("/docs/scalar.js");
    const [script, nodeScript] = await Promise.all([
      fetch(`${worker.url}${src}`),
      node.app.request(src as string),
    ]);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const [bytes, nodeBytes] = await Promise.all([script.arrayBuffer(), nodeScript.arrayBuffer()]);
    expect(bytes.byteLength).toBeGreaterThan(1_000_000);
    expect(Buffer.from(bytes).equals(Buffer.from(nodeBytes))).toBe(true);
    const spec = await both("/openapi.json");
    expect(spec.worker).toEqual(spec.node);
  });

  it("a warm isolate answers estimates from its snapshot, opening no Postgres session", async () => {
    const name = new URL(node.database.url as string).pathname.slice(1);
    const admin = adminSql(process.env.DATABASE_URL as string);
    // Sessions end (and their statistics are flushed) when each request's client closes.
    const sessions = async () => {
      await new Promise((r) => setTimeout(r, 1_500));
      const [row] = await admin`select sessions from pg_stat_database where datname = ${name}`;
      return Number(row?.sessions);
    };
    try {
      await fetch(`${worker.url}/v1/models`).then((r) => r.arrayBuffer());
      const before = await sessions();
      for (let i = 0; i < 5; i++) {
        const res = await fetch(
          `${worker.url}/v1/estimates/api`,
          post({ workload, offerings: [{ provider: "openai", model: "gpt-4o" }], at: "2024-11-01" }),
        );
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
      expect(await sessions()).toBe(before);
      // …while /readyz, which pings the database, does open one: the counter is live.
      expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
      expect(await sessions()).toBeGreaterThan(before);
    } finally {
      await admin.end();
    }
  });

  it("an admin import through the worker (one transaction) is priced by its isolate at once", async () => {
    const sheet = {
      provider: "groq",
      effectiveFrom: "2025-01-15",
      currency: "USD",
      source: "https://groq.com/pricing (worker test)",
      checked: true,
      prices: [
        { model: "llama-3-70b", inputPerMillion: "0.50", outputPerMillion: "0.70" },
        { model: "llama3-8b-8192", inputPerMillion: "0.04", outputPerMillion: "0.07" },
      ],
    };
    const imported = await fetch(`${worker.url}/v1/price-sheets`, {
      ...post(sheet),
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(imported.status).toBe(201);
    await imported.arrayBuffer();
    await node.services.reloadSnapshot();
    const { worker: w, node: n } = await both(
      "/v1/estimates/api",
      post({ workload, offerings: [{ provider: "groq", model: "llama-3-70b" }], at: "2025-01-15" }),
    );
    expect(JSON.parse(n.body).data[0]).toMatchObject({
      priceSheetId: "groq-2025-01-15",
      monthlyCost: "1200",
    });
    expect(w).toEqual(n);
  });

  it("a v2 sheet (service tiers, a band, window with a holiday calendar, region, fees) prices the same on workerd", async () => {
    const sheet = {
      provider: "groq",
      effectiveFrom: "2026-10-01",
      currency: "USD",
      source: "https://groq.com/pricing (worker v2 test)",
      checked: false,
      prices: [
        {
          model: "llama-3-70b",
          inputPerMillion: "0.59",
          outputPerMillion: "0.79",
          cachedInputPerMillion: "0.1",
          cacheWrite1hPerMillion: "1.2",
          reasoningOutputPerMillion: "0.9",
          requestFeePer1K: "0.1",
          toolFees: [{ tool: "web-search", pricePer1K: "10" }],
          serviceTiers: [
            { tier: "flex", inputPerMillion: "0.3", outputPerMillion: "0.4" },
            { tier: "priority", multiplier: "2" },
          ],
          // A band naming neither cache rate nor reasoning: the base's are kept (DESIGN §4).
          tiers: [
            { aboveInputTokens: 100000, inclusive: true, inputPerMillion: "1.18", outputPerMillion: "1.58" },
          ],
          regions: [{ region: "us", multiplier: "1.1" }],
          timeWindows: [
            {
              name: "peak",
              days: ["mon", "tue", "wed", "thu", "fri"],
              from: "09:00",
              to: "12:00",
              timeZone: "Asia/Shanghai",
              excludeHolidays: "cn",
              multiplier: "2",
            },
          ],
        },
      ],
    };
    const imported = await fetch(`${worker.url}/v1/price-sheets`, {
      ...post(sheet),
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(imported.status).toBe(201);
    await imported.arrayBuffer();
    await node.services.reloadSnapshot();
    const hourly = Array.from({ length: 24 }, (_, h) => (h >= 1 && h < 4 ? "3" : "1"));
    const { worker: w, node: n } = await both(
      "/v1/estimates/api",
      post({
        workload: {
          ...workload,
          cachedInputShare: "0.3",
          cacheWrite1hShare: "0.05",
          reasoningOutputShare: "0.4",
          requestSizeMix: [
            { share: "0.9", inputTokensPerRequest: 2000 },
            { share: "0.1", inputTokensPerRequest: 100000 },
          ],
          serviceTierMix: { flex: "0.2", priority: "0.1" },
          hourlyShareUtc: hourly,
          toolCallsPerMonth: { "web-search": 1000 },
        },
        offerings: [{ provider: "groq", model: "llama-3-70b", region: "us" }],
        at: "2026-10-20",
      }),
    );
    expect(n.status).toBe(200);
    const data = JSON.parse(n.body).data[0];
    const descriptions = data.lineItems.map((l: { description: string }) => l.description);
    expect(descriptions).toContain("Output tokens, priority tier, peak hours, region us");
    expect(descriptions).toContain(
      "Input tokens read from the prompt cache, flex tier, peak hours, region us (tier: requests at or above 100000 input tokens)",
    );
    expect(descriptions).toContain("Requests");
    expect(w).toEqual(n);
    // A tier the price lacks: the same 422 at /workload/serviceTierMix/batch on workerd.
    const missingTier = await both(
      "/v1/estimates/api",
      post({
        workload: { ...workload, serviceTierMix: { batch: "0.5" } },
        offerings: [{ provider: "groq", model: "llama-3-70b" }],
        at: "2026-10-20",
      }),
    );
    expect(missingTier.node.status).toBe(422);
    expect(JSON.parse(missingTier.node.body).errors[0].pointer).toBe("/workload/serviceTierMix/batch");
    expect(missingTier.worker).toEqual(missingTier.node);
  });

  it("workerd logged no errors", () => {
    const logs = worker.logs.join("");
    expect(logs).not.toMatch(/different request|Cannot perform I\/O|Uncaught|✘ \[ERROR\]/);
  });
});
