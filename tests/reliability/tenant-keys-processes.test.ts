/**
 * API keys across real server processes (`dist/server.mjs`, what `npm start` runs): a key revoked
 * through one process is refused by the other at once (keys are checked against the database on
 * every request, never cached), and no process writes a key to its log, even at debug level.
 *
 * Two processes share one database only on Postgres (DATABASE_URL, as CI sets); on the embedded
 * database, one process shows the same within itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerOnOwnDatabase } from "../support/own-server.js";
import { type ServerProcess, startServer } from "../support/server-process.js";
import {
  adminAuth,
  bearer,
  getWith,
  type IssuedKey,
  issueKey,
  overHttp,
  revokeKey,
  saveScenario,
} from "../support/tenants.js";
import { createTestDatabase, TEST_ADMIN_TOKEN, type TestDatabase } from "../support/test-app.js";

const HAS_POSTGRES = Boolean(process.env.DATABASE_URL);
const ENV = { ADMIN_TOKEN: TEST_ADMIN_TOKEN, LOG_LEVEL: "debug" };

let first: ServerProcess;
let second: ServerProcess | undefined;
let database: TestDatabase | undefined;
let closeOwn: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (HAS_POSTGRES) {
    database = await createTestDatabase();
    const url = database.url as string;
    [first, second] = await Promise.all([
      startServer({ ...ENV, DATABASE_URL: url }),
      startServer({ ...ENV, DATABASE_URL: url }),
    ]);
  } else {
    const own = await startServerOnOwnDatabase(ENV);
    first = own;
    closeOwn = own.close;
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([first?.stop("SIGKILL"), second?.stop("SIGKILL")]);
  await closeOwn?.();
  await database?.drop();
});

describe("API keys across server processes", () => {
  it("a key issued through one process works in every process; revoked through another, it is refused by all at once", async () => {
    const a = overHttp(first.url);
    const b = overHttp((second ?? first).url);
    const key: IssuedKey = await issueKey(a, "acme-finance", "budget script");
    const scenario = await saveScenario(a, key.key, "shared plan");
    expect((await getWith(b, `/v1/scenarios/${scenario.id}`, key.key)).status).toBe(200);
    expect((await getWith(a, `/v1/scenarios/${scenario.id}`, key.key)).status).toBe(200);

    expect((await revokeKey(b, key.id)).status).toBe(204);
    // The very next request, in either process: no cache to expire, no TTL to wait out.
    for (const server of [a, b]) {
      const res = await getWith(server, `/v1/scenarios/${scenario.id}`, key.key);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
    // The admin's list, through either process, shows it revoked.
    const listed = (await (
      await b.request("/v1/api-keys?tenant=acme-finance", { headers: adminAuth })
    ).json()) as any;
    expect(listed.data[0]).toMatchObject({ id: key.id, revokedAt: expect.any(String) });
  });

  it("no process logs a key, at debug level, whether it was issued, used, refused or revoked", async () => {
    const a = overHttp(first.url);
    const key = await issueKey(a, "log-check");
    await getWith(a, "/v1/scenarios", key.key);
    await a.request("/v1/scenarios", { headers: bearer(`${key.key}x`) });
    await revokeKey(a, key.id);
    await getWith(overHttp((second ?? first).url), "/v1/scenarios", key.key);
    // Give the log pipes a moment to deliver the last lines.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logs = [...first.logs, ...(second?.logs ?? [])].join("");
    expect(logs).toContain('"path":"/v1/scenarios"');
    expect(logs.includes(key.key.slice(4))).toBe(false);
    expect(logs.includes(TEST_ADMIN_TOKEN)).toBe(false);
  });
});
