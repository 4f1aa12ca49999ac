/**
 * Tenants apart: two tenants with two keys each. No request without a tenant's key reads or writes
 * a scenario; no tenant reads, re-prices or deletes another's (404, exactly as for an id that does
 * not exist); a revoked key is refused at once; the key's plaintext is nowhere in the database or the
 * logs.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../../api/domain/pricing/price-sheet.js";
import {
  bearer,
  comparison,
  getWith,
  type IssuedKey,
  issueKey,
  revokeKey,
  saveScenario,
} from "../../support/tenants.js";
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from "../../support/test-app.js";

const logLines: string[] = [];
let ctx: TestContext;
let acme: [IssuedKey, IssuedKey];
let globex: [IssuedKey, IssuedKey];
let acmeScenario: { id: string };
let globexScenario: { id: string };

beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: "debug" }, undefined, { logWrite: (line) => logLines.push(line) });
  acme = [
    await issueKey(ctx.app, "acme-finance", "budget script"),
    await issueKey(ctx.app, "acme-finance", "dashboard"),
  ];
  globex = [await issueKey(ctx.app, "globex", "planner"), await issueKey(ctx.app, "globex", "notebook")];
  acmeScenario = await saveScenario(ctx.app, acme[0].key, "acme: support bot");
  globexScenario = await saveScenario(ctx.app, globex[0].key, "globex: search");
});
afterAll(async () => ctx?.close());

const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** Status and problem of a response, with the id it names replaced (the two ids differ, nothing else may). */
async function refusal(res: Response, id: string) {
  const { instance: _instance, ...body } = JSON.parse((await res.text()).replaceAll(id, "<id>"));
  return { status: res.status, type: res.headers.get("content-type"), body };
}

describe("tenant isolation (two tenants, two keys each)", () => {
  it("list: every key sees exactly its own tenant's scenarios", async () => {
    for (const [keys, own, other] of [
      [acme, acmeScenario, globexScenario],
      [globex, globexScenario, acmeScenario],
    ] as const) {
      for (const key of keys) {
        const list = (await (await getWith(ctx.app, "/v1/scenarios?limit=1000", key.key)).json()) as any;
        const ids = list.data.map((s: any) => s.id);
        expect(ids).toContain(own.id);
        expect(ids).not.toContain(other.id);
      }
    }
  });

  it("get, result (JSON, CSV, SVG) and delete of another tenant's id answer exactly as a missing id", async () => {
    for (const [keys, own, other] of [
      [acme, acmeScenario, globexScenario],
      [globex, globexScenario, acmeScenario],
    ] as const) {
      for (const key of keys) {
        expect((await getWith(ctx.app, `/v1/scenarios/${own.id}`, key.key)).status).toBe(200);
        expect((await getWith(ctx.app, `/v1/scenarios/${own.id}/result`, key.key)).status).toBe(200);
        for (const [suffix, accept] of [
          ["", "application/json"],
          ["/result", "application/json"],
          ["/result", "text/csv"],
          ["/result?at=2024-09-01", "image/svg+xml"],
        ] as const) {
          const foreign = await getWith(ctx.app, `/v1/scenarios/${other.id}${suffix}`, key.key, { accept });
          const missing = await getWith(ctx.app, `/v1/scenarios/${MISSING_ID}${suffix}`, key.key, { accept });
          expect(foreign.status).toBe(404);
          expect(await refusal(foreign, other.id)).toEqual(await refusal(missing, MISSING_ID));
        }
        const foreignDelete = await ctx.app.request(`/v1/scenarios/${other.id}`, {
          method: "DELETE",
          headers: bearer(key.key),
        });
        const missingDelete = await ctx.app.request(`/v1/scenarios/${MISSING_ID}`, {
          method: "DELETE",
          headers: bearer(key.key),
        });
        expect(await refusal(foreignDelete, other.id)).toEqual(await refusal(missingDelete, MISSING_ID));
      }
    }
    // Nothing was deleted by the attempts: each tenant still has its scenario.
    expect((await getWith(ctx.app, `/v1/scenarios/${acmeScenario.id}`, acme[1].key)).status).toBe(200);
    expect((await getWith(ctx.app, `/v1/scenarios/${globexScenario.id}`, globex[1].key)).status).toBe(200);
  });

  it("a scenario is saved under the key's tenant: the other tenant's keys never see it", async () => {
    const saved = await saveScenario(ctx.app, globex[1].key, "globex: saved with the second key");
    expect((await getWith(ctx.app, `/v1/scenarios/${saved.id}`, globex[0].key)).status).toBe(200);
    for (const key of acme)
      expect((await getWith(ctx.app, `/v1/scenarios/${saved.id}`, key.key)).status).toBe(404);
  });
});

describe("who may call the scenario routes", () => {
  const routes = () => [
    { method: "POST", path: "/v1/scenarios", body: JSON.stringify({ name: "x", comparison: comparison() }) },
    { method: "GET", path: "/v1/scenarios" },
    { method: "GET", path: `/v1/scenarios/${acmeScenario.id}` },
    { method: "GET", path: `/v1/scenarios/${acmeScenario.id}/result` },
    { method: "DELETE", path: `/v1/scenarios/${acmeScenario.id}` },
  ];
  const call = (route: ReturnType<typeof routes>[number], authorization?: string) =>
    ctx.app.request(route.path, {
      method: route.method,
      headers: {
        "content-type": "application/json",
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: route.body,
    });

  it("no key, an unknown key, the admin token, or a malformed header → 401 with WWW-Authenticate, never 500", async () => {
    const unknownKey = `tco_${"A".repeat(43)}`;
    const headers: (string | undefined)[] = [
      undefined,
      "",
      "Bearer",
      "Bearer ",
      `Bearer ${unknownKey}`,
      `Bearer ${TEST_ADMIN_TOKEN}`,
      `Basic ${btoa(`acme:${acme[0].key}`)}`,
      `${acme[0].key}`,
      `Bearer ${acme[0].key} extra`,
      `Bearer ${acme[0].key.slice(0, -1)}`,
      `Bearer ${acme[0].key}x`,
      `Bearer ${acme[0].key.toUpperCase()}`,
      `Bearer tco_${"é".repeat(43)}`,
      `Bearer ${"x".repeat(8000)}`,
    ];
    for (const route of routes()) {
      for (const authorization of headers) {
        const res = await call(route, authorization?.replace(/[\u0100-\uffff]/g, "?"));
        const what = `${route.method} ${route.path} with ${JSON.stringify(authorization?.slice(0, 60))}`;
        expect(res.status, what).toBe(401);
        expect(res.headers.get("content-type"), what).toBe("application/problem+json");
        expect(res.headers.get("www-authenticate"), what).toMatch(/^Bearer realm="llm-tco scenarios"/);
        expect(((await res.json()) as any).type, what).toBe("/problems/unauthorized");
      }
    }
    // Nothing was saved or deleted by the refused calls.
    const list = (await (await getWith(ctx.app, "/v1/scenarios", acme[0].key)).json()) as any;
    expect(list.data.filter((s: any) => s.name === "x")).toEqual([]);
    expect(list.data.map((s: any) => s.id)).toContain(acmeScenario.id);
  });

  it("the scheme name is case-insensitive (RFC 9110): `bearer <key>` works", async () => {
    expect((await call(routes()[1] as never, `bearer ${acme[0].key}`)).status).toBe(200);
  });

  it("a revoked key is refused at once, on every route; the tenant's other key still works", async () => {
    const doomed = await issueKey(ctx.app, "acme-finance", "to revoke");
    expect((await getWith(ctx.app, "/v1/scenarios", doomed.key)).status).toBe(200);
    expect((await revokeKey(ctx.app, doomed.id)).status).toBe(204);
    for (const route of routes()) {
      const res = await call(route, `Bearer ${doomed.key}`);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
    expect((await getWith(ctx.app, `/v1/scenarios/${acmeScenario.id}`, acme[1].key)).status).toBe(200);
  });
});

describe("the key's plaintext exists nowhere but in the one response that issued it", () => {
  it("not in the database: a full dump holds the key's SHA-256 digest and name, never the key", async () => {
    const key = await issueKey(ctx.app, "dump-check", "dump check key");
    await saveScenario(ctx.app, key.key, "dump check scenario");
    const dump = await databaseDump(ctx);
    const digest = await sha256Hex(key.key);
    // The dump is real and complete: it holds this key's row (its digest and name) and its scenario.
    expect(dump.includes(digest)).toBe(true);
    expect(dump.includes("dump check key")).toBe(true);
    expect(dump.includes("dump check scenario")).toBe(true);
    for (const issued of [key, ...acme, ...globex]) {
      expect(dump.includes(issued.key)).toBe(false);
      expect(dump.includes(issued.key.slice(4))).toBe(false);
    }
  });

  it("not in the logs (debug level), for issued, used, revoked and refused keys", async () => {
    const key = await issueKey(ctx.app, "log-check");
    await getWith(ctx.app, "/v1/scenarios", key.key);
    await getWith(ctx.app, `/v1/scenarios/${MISSING_ID}`, key.key);
    await revokeKey(ctx.app, key.id);
    await getWith(ctx.app, "/v1/scenarios", key.key);
    const logs = logLines.join("\n");
    expect(logs).toContain('"path":"/v1/api-keys"'); // the log is on, and saw the requests
    for (const issued of [key, ...acme, ...globex]) expect(logs.includes(issued.key.slice(4))).toBe(false);
    expect(logs.includes(TEST_ADMIN_TOKEN)).toBe(false);
  });
});

/** Every byte the database holds for this test: `pg_dump` on Postgres, the data directory on PGlite. */
async function databaseDump(context: TestContext): Promise<string> {
  if (context.database.url) {
    const { stdout } = await promisify(execFile)("pg_dump", ["--no-owner", context.database.url], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  }
  const blob = await context.database.handle.dumpDataDir?.();
  if (!blob) throw new Error("PGlite cannot dump its data directory");
  // latin1: every byte one character, so ASCII text inside binary pages is found as is.
  return Buffer.from(await blob.arrayBuffer()).toString("latin1");
}
