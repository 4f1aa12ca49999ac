/**
 * Structured logs: one JSON line per request with its id, method, path, status and duration; the
 * request id echoed (or generated, when absent or absurd); and never a secret or a body in any line —
 * not even when the database refuses a write whose SQL parameters carry the body.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, postJson, TEST_ADMIN_TOKEN, type TestContext } from "../support/test-app.js";

const MARKER = `MARKER-${randomUUID()}`;
const lines: string[] = [];
let ctx: TestContext;

beforeAll(async () => {
  // debug: the most the service ever writes.
  ctx = await createTestApp({ LOG_LEVEL: "debug" }, undefined, { logWrite: (line) => lines.push(line) });
});
afterAll(async () => ctx?.close());

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const sheet = (effectiveFrom: string) => ({
  provider: "groq",
  effectiveFrom,
  currency: "USD",
  source: `https://example.com/${MARKER}`,
  checked: false,
  note: `secret note ${MARKER}`,
  prices: [{ model: "llama-3-70b", inputPerMillion: "0.5", outputPerMillion: "0.7" }],
});
const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const requestLine = (id: string) => parsed().find((l) => l.msg === "request" && l.requestId === id);

describe("request logs — happy paths", () => {
  it("one JSON line per request: request id, method, path, status, duration", async () => {
    const res = await ctx.app.request("/v1/providers", { headers: { "x-request-id": "trace-abc_123=" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc_123=");
    expect(requestLine("trace-abc_123=")).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      path: "/v1/providers",
      status: 200,
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it("a request without an id gets a generated one, echoed and logged", async () => {
    const res = await ctx.app.request("/healthz");
    const id = res.headers.get("x-request-id") as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine(id)).toMatchObject({ path: "/healthz", status: 200 });
  });

  it("errors are logged with their status under the same id", async () => {
    const res = await postJson(ctx.app, "/v1/estimates/api", "{", { "x-request-id": "bad-json-1" });
    expect(res.status).toBe(400);
    expect(requestLine("bad-json-1")).toMatchObject({
      method: "POST",
      path: "/v1/estimates/api",
      status: 400,
    });
  });
});

describe("request logs — security", () => {
  it("an absurd request id (too long, spaces, quotes, line breaks) is replaced, not echoed or logged", async () => {
    for (const given of ["x".repeat(256), "has space", 'quote"d', "semi;colon", "ümlaut", `${MARKER} two`]) {
      const res = await ctx.app.request("/healthz", { headers: { "x-request-id": given } });
      const echoed = res.headers.get("x-request-id") as string;
      expect(echoed).not.toBe(given);
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.join("\n")).not.toContain(given);
    }
  });

  it("imports log neither the admin token nor the body, on success or on failure", async () => {
    const ok = await postJson(ctx.app, "/v1/price-sheets", sheet("2032-01-01"), auth);
    expect(ok.status).toBe(201);
    // Refused: a wrong token carrying the marker, and a body that fails validation.
    expect(
      (
        await postJson(ctx.app, "/v1/price-sheets", sheet("2032-01-02"), {
          authorization: `Bearer ${MARKER}`,
        })
      ).status,
    ).toBe(401);
    expect(
      (await postJson(ctx.app, "/v1/price-sheets", { ...sheet("2032-01-03"), currency: MARKER }, auth))
        .status,
    ).toBe(422);
    // Query strings are not logged either (only the path).
    await ctx.app.request(`/v1/prices?provider=${MARKER}`);
    // A database failure: drizzle's error message lists the statement's parameters, i.e. the body.
    const db = ctx.database.handle.db;
    await db.execute(sql`create or replace function refuse_marked_sheet() returns trigger language plpgsql as $$
      begin
        if new.note like 'secret note%' then raise exception 'refused by test trigger'; end if;
        return new;
      end $$`);
    await db.execute(
      sql`create trigger refuse_marked_sheet before insert on price_sheets for each row execute function refuse_marked_sheet()`,
    );
    try {
      const failed = await postJson(ctx.app, "/v1/price-sheets", sheet("2032-01-04"), {
        ...auth,
        "x-request-id": "db-failure-1",
      });
      expect(failed.status).toBe(500);
    } finally {
      await db.execute(sql`drop trigger refuse_marked_sheet on price_sheets`);
    }
    const errorLine = parsed().find((l) => l.msg === "unhandled error" && l.requestId === "db-failure-1");
    // The failure itself is logged usefully: the SQL statement and the database's message…
    expect(JSON.stringify(errorLine)).toMatch(/insert into .*price_sheets/);
    expect(JSON.stringify(errorLine)).toContain("refused by test trigger");
    // …but nothing of what was sent.
    const all = lines.join("\n");
    expect(all).not.toContain(TEST_ADMIN_TOKEN);
    expect(all).not.toContain(MARKER);
    expect(all).not.toMatch(/secret note|Bearer/);
  });

  it("estimate bodies are not logged", async () => {
    const res = await postJson(ctx.app, "/v1/estimates/api", {
      workload: { inputTokensPerMonth: 1, outputTokensPerMonth: 1 },
      offerings: [{ provider: "openai", model: `gpt-4o-${MARKER}` }],
      at: "2024-11-01",
      comment: MARKER,
    });
    expect(res.status).toBe(404);
    expect(lines.join("\n")).not.toContain(MARKER);
  });

  it("every line the service wrote is one JSON object", () => {
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line).not.toContain("\n");
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
