/**
 * Tenant API keys on workerd (api/worker.ts under `wrangler dev`) against Postgres: keys are checked
 * per request against the database, so a key issued anywhere works in every isolate and a key
 * revoked anywhere stops working in every isolate at once. Two workerd processes (two isolates that
 * share nothing but the database) and the Node app run on one test database.
 *
 * Needs DATABASE_URL, like tests/worker/worker.test.ts; skipped without it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearer,
  getWith,
  issueKey,
  overHttp,
  type Requester,
  revokeKey,
  saveScenario,
} from "../support/tenants.js";
import {
  createTestApp,
  createTestDatabase,
  TEST_ADMIN_TOKEN,
  type TestContext,
} from "../support/test-app.js";
import { startWranglerDev, type WranglerDev } from "./wrangler-dev.js";

const hasPostgres = Boolean(process.env.DATABASE_URL);

let workers: WranglerDev[] = [];
let node: TestContext;
let isolates: Requester[] = [];

beforeAll(async () => {
  if (!hasPostgres) return;
  const database = await createTestDatabase();
  node = await createTestApp({}, database);
  // A long snapshot TTL: nothing about keys may depend on a cache expiring.
  const options = {
    databaseUrl: database.url as string,
    vars: { ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: "debug", SNAPSHOT_TTL_SECONDS: "300" },
  };
  workers = await Promise.all([startWranglerDev(options), startWranglerDev(options)]);
  isolates = workers.map((w) => overHttp(w.url));
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await node?.close();
});

describe.skipIf(!hasPostgres)("tenant API keys on workerd", () => {
  it("a key issued through one isolate works in the other and in Node; tenants stay apart", async () => {
    const [one, two] = isolates as [Requester, Requester];
    const acme = await issueKey(one, "acme-finance");
    const globex = await issueKey(two, "globex");
    const plan = await saveScenario(two, acme.key, "acme plan");
    for (const where of [one, two, node.app]) {
      expect((await getWith(where, `/v1/scenarios/${plan.id}`, acme.key)).status).toBe(200);
      expect((await getWith(where, `/v1/scenarios/${plan.id}`, globex.key)).status).toBe(404);
      const list = (await (await getWith(where, "/v1/scenarios", globex.key)).json()) as any;
      expect(list).toEqual({ data: [], nextCursor: null });
    }
    // The worker's answers are the Node app's, byte for byte.
    const [w, n] = await Promise.all([
      getWith(one, `/v1/scenarios/${plan.id}/result?at=2024-09-01`, acme.key).then((r) => r.text()),
      getWith(node.app, `/v1/scenarios/${plan.id}/result?at=2024-09-01`, acme.key).then((r) => r.text()),
    ]);
    expect(w).toBe(n);
  });

  it("concurrent requests with keys, each on its own database client, all answer", async () => {
    const key = await issueKey(node.app, "busy-tenant");
    const results = await Promise.all(
      isolates.flatMap((isolate) =>
        Array.from({ length: 6 }, () => getWith(isolate, "/v1/scenarios", key.key)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
  });

  it("revoked through Node, a key is refused by both isolates on their very next request", async () => {
    const key = await issueKey(isolates[0] as Requester, "revoked-tenant");
    for (const isolate of isolates)
      expect((await getWith(isolate, "/v1/scenarios", key.key)).status).toBe(200);
    expect((await revokeKey(node.app, key.id)).status).toBe(204);
    for (const isolate of isolates) {
      const res = await getWith(isolate, "/v1/scenarios", key.key);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("no key, a malformed header or the admin token → 401 on workerd too, never 500", async () => {
    for (const headers of [
      {},
      { authorization: "Bearer" },
      { authorization: "Basic abc" },
      bearer(TEST_ADMIN_TOKEN),
    ]) {
      const res = await (isolates[1] as Requester).request("/v1/scenarios", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("workerd logged no key and no error", async () => {
    const logs = workers.flatMap((w) => w.logs).join("");
    expect(logs).toContain("/v1/scenarios");
    expect(logs).not.toMatch(/tco_[A-Za-z0-9_-]{43}/);
    expect(logs).not.toMatch(/different request|Cannot perform I\/O|Uncaught|✘ \[ERROR\]/);
  });
});
