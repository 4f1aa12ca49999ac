/**
 * Hostile input on every POST endpoint, in-process over a real database: thousands of generated
 * malformed bodies (random JSON, objects over the endpoint's own field names, mutations of a valid
 * body, text that is not JSON) must each get a 4xx RFC 9457 problem — never a 5xx, never a hang —
 * and bodies that stay valid must get a sound 2xx. Plus the limits (body size, array lengths), the
 * unknown-field policy and prototype-pollution keys.
 *
 * Endpoints come from tests/support/hostile-input.ts (one line each); those the app does not serve
 * yet are listed as skipped.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, MAX_BODY_BYTES } from "../../api/app.js";
import type { Services } from "../../api/services/services.js";
import {
  deepArray,
  deepObject,
  hostileValuesFor,
  mutationOf,
  notJson,
  POST_ENDPOINTS,
  type PostEndpoint,
  pathsOf,
  randomJson,
  raw,
  shapedRandom,
  toJsonText,
  valueAt,
  withArrayOf,
  withValueAt,
} from "../support/hostile-input.js";
import { adminAuth, bearer, issueKey } from "../support/tenants.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

/** Routes are registered at construction; no services are needed to list them. */
const ROUTES = createApp({} as Services).routes;
const isServed = (e: PostEndpoint) => ROUTES.some((r) => r.method === "POST" && r.path === e.path);
const SERVED = POST_ENDPOINTS.filter(isServed);
const MISSING = POST_ENDPOINTS.filter((e) => !isServed(e));
const DEFAULT_RUNS = 500;

let ctx: TestContext;
/** A tenant's API key, issued in this suite's database, for the endpoints that need one. */
let tenantAuth: Record<string, string> = {};
const errorLogs: string[] = [];
beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: "error" }, undefined, { logWrite: (line) => errorLogs.push(line) });
  tenantAuth = bearer((await issueKey(ctx.app, "fuzz-tenant")).key);
});
afterAll(async () => ctx?.close());

function send(e: PostEndpoint, body: string, headers: Record<string, string> = {}) {
  return ctx.app.request(e.path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...e.headers,
      ...(e.tenantKey ? tenantAuth : {}),
      ...headers,
    },
    body,
  });
}

/** Free-text fields that may echo what the caller sent. */
const FREE_TEXT = new Set(["source", "note", "name", "description", "detail", "summary", "reason", "title"]);

/** Every string under a non-free-text key: no NaN or Infinity may leak into a figure. */
function nonFinite(value: unknown, key = ""): string[] {
  if (typeof value === "string")
    return !FREE_TEXT.has(key) && /^[-+]?(Infinity|NaN)$/.test(value) ? [`${key}=${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v) => nonFinite(v, key));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => nonFinite(v, k));
  return [];
}

/** An outcome without what differs between two identical requests (ids, timestamps and secrets of new rows). */
function withoutVolatile(outcome: Outcome): Outcome {
  const { id: _id, createdAt: _createdAt, importedAt: _importedAt, key: _key, ...rest } = outcome.body ?? {};
  return { status: outcome.status, body: rest };
}

interface Outcome {
  status: number;
  body: any;
}

/**
 * The response contract for any body: never 5xx; every error a 4xx problem (media type, type, title,
 * status, detail; no stack or SQL); every success JSON without a non-finite figure.
 */
async function checkResponse(res: Response, what: string): Promise<Outcome> {
  const text = await res.text();
  const context = `${what}\n→ ${res.status} ${text.slice(0, 400)}\n${errorLogs.slice(-1).join("")}`.slice(
    0,
    2000,
  );
  expect(res.status, context).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), context).toBe("application/problem+json");
    const body = JSON.parse(text);
    expect(body, context).toMatchObject({
      type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
      title: expect.any(String),
      status: res.status,
      detail: expect.any(String),
    });
    expect(text, context).not.toMatch(/\.(ts|js):\d+|\bstack\b|select |insert into|postgres/i);
    return { status: res.status, body };
  }
  expect(res.status, context).toBeGreaterThanOrEqual(200);
  const body = JSON.parse(text);
  expect(nonFinite(body), context).toEqual([]);
  return { status: res.status, body };
}

async function expectClientError(res: Response, what: string): Promise<Outcome> {
  const outcome = await checkResponse(res, what);
  expect(outcome.status, what).toBeGreaterThanOrEqual(400);
  return outcome;
}

if (MISSING.length > 0) {
  describe("POST endpoints not served by the app yet", () => {
    for (const e of MISSING) it.skip(`${e.path} (add it to the app and this suite covers it)`, () => {});
  });
}

describe.each(SERVED)("$path — hostile input (errors)", (endpoint) => {
  const runs = endpoint.numRuns ?? DEFAULT_RUNS;

  it("accepts its valid base body (so the mutations below start from something real)", async () => {
    const { status } = await checkResponse(
      await send(endpoint, JSON.stringify(endpoint.valid())),
      "valid body",
    );
    expect(status).toBeLessThan(300);
  });

  // Writes (POST /v1/price-sheets) hit the database per body: a busy 2-core CI machine once took 30.4 s.
  const WRITES_TIMEOUT = { timeout: 120_000 };

  it(`random JSON values → 4xx problem (${runs} bodies)`, WRITES_TIMEOUT, async () => {
    await fc.assert(
      fc.asyncProperty(randomJson, async (body) => {
        await expectClientError(await send(endpoint, body), `body ${body.slice(0, 200)}`);
      }),
      { numRuns: runs },
    );
  });

  it(
    `objects over its own field names with hostile values → ${endpoint.smallBody ? "sound 2xx or " : ""}4xx problem (${runs} bodies)`,
    WRITES_TIMEOUT,
    async () => {
      await fc.assert(
        fc.asyncProperty(shapedRandom(endpoint.valid), async (body) => {
          // A body of two text fields can come out valid; any other must not.
          const check = endpoint.smallBody ? checkResponse : expectClientError;
          await check(await send(endpoint, body), `body ${body.slice(0, 300)}`);
        }),
        { numRuns: runs },
      );
    },
  );

  it(
    `mutations of a valid body → sound 2xx or 4xx problem, never 5xx (${runs} bodies)`,
    WRITES_TIMEOUT,
    async () => {
      let clientErrors = 0;
      await fc.assert(
        fc.asyncProperty(mutationOf(endpoint.valid), async (m) => {
          const { status } = await checkResponse(
            await send(endpoint, m.body),
            `${m.describe}: ${m.body.slice(0, 300)}`,
          );
          if (status >= 400) clientErrors++;
        }),
        { numRuns: runs },
      );
      // Most mutations break the body (a deleted optional field or an ignored key may not).
      expect(clientErrors).toBeGreaterThan(runs / 2);
    },
  );

  // Minutes, not seconds, when writes are exhaustive on a busy machine.
  it("every hostile value at every field (exhaustive) → sound 2xx or 4xx problem, never 5xx", {
    timeout: 180_000,
  }, async () => {
    const base = endpoint.valid();
    const paths = pathsOf(base);
    let requests = 0;
    for (const path of paths) {
      // Wrong types everywhere; number spellings in number fields, text in text fields.
      for (const value of hostileValuesFor(valueAt(base, path))) {
        const body = withValueAt(endpoint.valid, path, value);
        await checkResponse(
          await send(endpoint, body),
          `/${path.join("/")} = ${toJsonText(value).slice(0, 80)}`,
        );
        requests++;
      }
    }
    expect(requests).toBeGreaterThan(paths.length * 20);
  });

  it(`text that is not JSON → 4xx problem (${Math.ceil(runs / 4)} bodies)`, async () => {
    await fc.assert(
      fc.asyncProperty(notJson, async (body) => {
        await expectClientError(await send(endpoint, body), `body ${JSON.stringify(body.slice(0, 100))}`);
      }),
      { numRuns: Math.ceil(runs / 4) },
    );
  });

  it("nesting 100,000 levels deep in any field → 4xx problem", async () => {
    for (const deep of [deepArray(100_000), deepObject(100_000)]) {
      for (const key of Object.keys(endpoint.valid())) {
        const body = toJsonText({ ...endpoint.valid(), [key]: deep });
        await expectClientError(await send(endpoint, body), `deep ${key}`);
      }
      await expectClientError(await send(endpoint, deep.text), "deep root");
    }
  });

  it("a body over 1 MiB → 413 problem, before it is parsed", async () => {
    const padded = toJsonText({ ...endpoint.valid(), padding: "x".repeat(MAX_BODY_BYTES) });
    const res = await send(endpoint, padded);
    expect((await expectClientError(res, "1 MiB body")).status).toBe(413);
  });

  it.each(endpoint.limits ?? [])(
    "array /$path: more than $max items → 413 or 422, never 5xx",
    async (limit) => {
      const over = withArrayOf(endpoint.valid, limit.path, limit.max + 1, limit.item);
      const { status, body } = await expectClientError(await send(endpoint, over), `${limit.max + 1} items`);
      expect([413, 422]).toContain(status);
      if (status === 422)
        expect(body.errors.map((e: any) => e.pointer)).toContain(`/${limit.path.join("/")}`);
      const atMax = withArrayOf(endpoint.valid, limit.path, limit.max, limit.item);
      if (atMax.length <= MAX_BODY_BYTES) {
        // At the limit the array itself is fine (the items may still clash, e.g. duplicates).
        const ok = await checkResponse(await send(endpoint, atMax), `${limit.max} items`);
        if (ok.status === 422)
          expect(ok.body.errors.map((e: any) => e.pointer)).not.toContain(`/${limit.path.join("/")}`);
      }
    },
  );
});

describe.each(SERVED)("$path — hostile input (security)", (endpoint) => {
  it("prototype-pollution keys at every level are harmless", async () => {
    const polluted = (json: string) =>
      json.replace(/\{/g, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
    const res = await send(endpoint, polluted(JSON.stringify(endpoint.valid())));
    await checkResponse(res, "polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    // The app still answers normally afterwards.
    expect((await ctx.app.request("/healthz")).status).toBe(200);
  });

  const base = endpoint.valid();
  const numeric = pathsOf(base).filter((p) => {
    const v = valueAt(base, p);
    return typeof v === "number" || (typeof v === "string" && /^[-+]?[\d.]+$/.test(v));
  });
  it.skipIf(numeric.length === 0)(
    "absurd exponents, NaN, Infinity, hex and commas in any number field → 4xx problem",
    async () => {
      for (const value of [
        "1e-1000000",
        "1e999999",
        "-1e-1000000000",
        "NaN",
        "Infinity",
        "0x1A",
        "1,5",
        raw("1e400"),
      ]) {
        for (const path of numeric) {
          const res = await send(endpoint, withValueAt(endpoint.valid, path, value));
          await expectClientError(res, `/${path.join("/")} = ${toJsonText(value)}`);
        }
      }
    },
  );

  it("a 2^53 + 1 JSON number is refused for token counts, and exact digit strings are taken", async () => {
    const base = endpoint.valid() as { workload?: Record<string, unknown> };
    if (!base.workload) return;
    const res = await send(
      endpoint,
      toJsonText({ ...base, workload: { ...base.workload, inputTokensPerMonth: raw("9007199254740993") } }),
    );
    const { body } = await expectClientError(res, "2^53 + 1");
    expect(body.errors.map((e: any) => e.pointer)).toContain("/workload/inputTokensPerMonth");
    const exact = await send(
      endpoint,
      toJsonText({ ...base, workload: { ...base.workload, inputTokensPerMonth: "9007199254740993" } }),
    );
    expect((await checkResponse(exact, "digit string")).status).toBeLessThan(300);
  });
});

describe("tenant and key routes — hostile headers, ids and queries (security)", () => {
  /** Text a header can carry (visible ASCII, spaces and latin-1), as an attacker would send it. */
  const headerText = fc
    .string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 200 })
    .filter((v) => v === v.trim() && !/[\x7f]/.test(v));
  /** Any URL component: random unicode, percent-encoded. */
  const urlPart = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.uuid(),
  );
  const RUNS = 300;

  it(`random Authorization headers on every scenario route → 401 problem with WWW-Authenticate (${RUNS} × 4)`, async () => {
    const routes = [
      ["GET", "/v1/scenarios"],
      ["GET", "/v1/scenarios/00000000-0000-4000-8000-000000000000"],
      ["GET", "/v1/scenarios/00000000-0000-4000-8000-000000000000/result"],
      ["DELETE", "/v1/scenarios/00000000-0000-4000-8000-000000000000"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          headerText,
          headerText.map((t) => `Bearer ${t}`),
          headerText.map((t) => `Bearer tco_${t}`),
        ),
        async (authorization) => {
          for (const [method, path] of routes) {
            const res = await ctx.app.request(path, { method, headers: { authorization } });
            const outcome = await checkResponse(
              res,
              `${method} ${path} authorization ${JSON.stringify(authorization)}`,
            );
            expect(outcome.status).toBe(401);
            expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`random ids, limits and cursors with a valid key → 2xx or a 4xx problem, never 5xx (${RUNS} × 6)`, async () => {
    await fc.assert(
      fc.asyncProperty(urlPart, urlPart, urlPart, async (id, limit, cursor) => {
        const e = encodeURIComponent;
        const requests: [string, string, Record<string, string>][] = [
          ["GET", `/v1/scenarios/${e(id)}`, tenantAuth],
          ["GET", `/v1/scenarios/${e(id)}/result?at=${e(limit)}`, tenantAuth],
          ["DELETE", `/v1/scenarios/${e(id)}`, tenantAuth],
          ["GET", `/v1/scenarios?limit=${e(limit)}&cursor=${e(cursor)}`, tenantAuth],
          ["GET", `/v1/api-keys?limit=${e(limit)}&cursor=${e(cursor)}&tenant=${e(id)}`, adminAuth],
          ["DELETE", `/v1/api-keys/${e(id)}`, adminAuth],
        ];
        for (const [method, path, headers] of requests) {
          await checkResponse(await ctx.app.request(path, { method, headers }), `${method} ${path}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("unknown fields — one policy, documented in the OpenAPI description", () => {
  it.each(SERVED)("$path: unknown fields are $unknownFields", async (endpoint) => {
    const base = endpoint.valid();
    const extra = { ...base, unexpected: "field", workloadTypo: 1 };
    if (endpoint.unknownFields === "refuse") {
      const { status, body } = await expectClientError(await send(endpoint, JSON.stringify(extra)), "extra");
      expect(status).toBe(422);
      expect(body.errors[0].detail).toMatch(/unexpected/);
    } else {
      const plain = withoutVolatile(await checkResponse(await send(endpoint, JSON.stringify(base)), "plain"));
      const withExtra = await checkResponse(await send(endpoint, JSON.stringify(extra)), "extra");
      expect(withoutVolatile(withExtra)).toEqual(plain);
      // Nested objects follow the same rule (with hostile values: they must never reach storage).
      const nested = JSON.parse(JSON.stringify(base), (_k, v) =>
        v !== null && typeof v === "object" && !Array.isArray(v)
          ? { ...v, unexpectedNested: "nul \u0000 and \ud800", deep: [[[{ x: 1 }]]] }
          : v,
      );
      const nestedOutcome = await checkResponse(await send(endpoint, JSON.stringify(nested)), "nested extra");
      expect(withoutVolatile(nestedOutcome)).toEqual(plain);
    }
  });

  it("a saved scenario stores only the fields its comparison understood, values as sent", async () => {
    const scenarios = SERVED.find((e) => e.path === "/v1/scenarios");
    if (!scenarios) return;
    const sent = scenarios.valid() as { comparison: Record<string, any> };
    const withJunk = {
      ...sent,
      comparison: {
        ...sent.comparison,
        extra: { deep: "x" },
        workload: { ...sent.comparison.workload, typo: "\u0000" },
      },
    };
    const created = await checkResponse(await send(scenarios, JSON.stringify(withJunk)), "scenario");
    expect(created.status).toBe(201);
    const stored = (await (
      await ctx.app.request(`/v1/scenarios/${created.body.id}`, { headers: tenantAuth })
    ).json()) as any;
    expect(stored.comparison).toEqual(sent.comparison);
  });

  it("the policy is stated in the OpenAPI description", async () => {
    const doc = (await (await ctx.app.request("/openapi.json")).json()) as any;
    expect(doc.info.description).toMatch(/unknown fields/i);
  });
});

describe("regressions — each was a 5xx or a 200 with a non-finite figure before its fix (errors)", () => {
  const sheets = POST_ENDPOINTS.find((e) => e.path === "/v1/price-sheets") as PostEndpoint;
  const selfHosted = POST_ENDPOINTS.find((e) => e.path === "/v1/estimates/self-hosted") as PostEndpoint;

  it.each([
    ["/source", { source: "before\u0000after" }],
    ["/note", { note: "a\u0000b" }],
    ["/source", { source: "lone \ud800 surrogate" }],
    ["/note", { note: "bell \u0007" }],
    ["/effectiveFrom", { effectiveFrom: "0000-01-01" }],
    ["/checkedOn", { checkedOn: "0000-01-01" }],
  ])(
    "price sheet: %s = %j → 422 naming it (Postgres refused NUL and year 0 with a 500), nothing stored",
    async (pointer, patch) => {
      const body: Record<string, unknown> = { ...sheets.valid(), ...(patch as Record<string, string>) };
      const { status, body: problem } = await expectClientError(
        await send(sheets, JSON.stringify(body)),
        pointer,
      );
      expect(status).toBe(422);
      expect(problem.errors.map((e: any) => e.pointer)).toContain(pointer);
      const stored = (await (await ctx.app.request("/v1/price-sheets?provider=groq")).json()) as any;
      expect(stored.data.map((s: any) => s.effectiveFrom)).not.toContain(body.effectiveFrom);
    },
  );

  it("tabs and line breaks in stored text are fine", async () => {
    const body = { ...sheets.valid(), note: "line one\nline two\r\n\tindented" };
    expect((await checkResponse(await send(sheets, JSON.stringify(body)), "note")).status).toBe(201);
  });

  const deploy = (patch: Record<string, unknown>) => {
    const base = selfHosted.valid() as { workload: unknown; deployment: Record<string, any> };
    return JSON.stringify({ ...base, deployment: { ...base.deployment, ...patch } });
  };
  const acquisition = (patch: Record<string, unknown>) =>
    deploy({ acquisition: { ...(selfHosted.valid() as any).deployment.acquisition, ...patch } });

  it("a cost of capital too small to register (1e-41) prices like 0, not as Infinity", async () => {
    const tiny = await checkResponse(
      await send(selfHosted, acquisition({ costOfCapital: "1e-41" })),
      "1e-41",
    );
    const zero = await checkResponse(await send(selfHosted, acquisition({ costOfCapital: "0" })), "0");
    expect(tiny.status).toBe(200);
    expect(tiny.body.monthlyCost).toBe(zero.body.monthlyCost);
  });

  it("a vanishing lifetime (1e-999 years) is refused at its field, not priced absurdly", async () => {
    const { status, body } = await expectClientError(
      await send(selfHosted, acquisition({ lifetimeYears: "1e-999" })),
      "lifetimeYears 1e-999",
    );
    expect(status).toBe(422);
    expect(body.errors[0].pointer).toBe("/deployment/acquisition/lifetimeYears");
  });

  it.each([
    [{ throughput: { tokensPerSecond: "1e-999", counts: "output" } }],
    [{ maxUtilization: "1e-999" }],
  ])("%j: more replicas than 2^53 → 422, not replicas: null and cost Infinity", async (patch) => {
    const { status, body } = await expectClientError(
      await send(selfHosted, deploy(patch)),
      JSON.stringify(patch),
    );
    expect(status).toBe(422);
    expect(body.errors[0].pointer).toBe("/deployment/throughput/tokensPerSecond");
  });
});

describe("problem documents stay small (security)", () => {
  it("20,000 unknown fields in an import → a 422 that does not echo them all back", async () => {
    const sheets = POST_ENDPOINTS.find((e) => e.path === "/v1/price-sheets") as PostEndpoint;
    const body = {
      ...sheets.valid(),
      ...Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])),
    };
    const res = await send(sheets, JSON.stringify(body));
    const text = await res.clone().text();
    const { status } = await expectClientError(res, "20,000 unknown fields");
    expect(status).toBe(422);
    expect(text.length).toBeLessThan(4_000);
  });
});
