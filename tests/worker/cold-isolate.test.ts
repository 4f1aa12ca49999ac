/**
 * Parallel first requests in a cold Workers isolate (workerd, `wrangler dev`): each request has its own
 * postgres.js client, so none may await catalogue I/O that belongs to another request's client. Here
 * the first request's catalogue load fails while it is under way (its query is cancelled, standing for
 * that request being cancelled or its client closed); the requests that came after it must still
 * answer, from their own loads. (Cancelled rather than its backend terminated: a reset connection
 * crashes wrangler dev's local Hyperdrive proxy, which is not what is under test.)
 *
 * Needs DATABASE_URL (see worker.test.ts); skipped without it.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-app.js";
import { startWranglerDev, type WranglerDev } from "./wrangler-dev.js";

const hasPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
let worker: WranglerDev;
let admin: postgres.Sql;

beforeAll(async () => {
  if (!hasPostgres) return;
  database = await createTestDatabase();
  admin = postgres(database.url as string, { max: 2, onnotice: () => {} });
  worker = await startWranglerDev({
    databaseUrl: database.url as string,
    vars: { LOG_LEVEL: "warn", SNAPSHOT_TTL_SECONDS: "300" },
  });
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await admin?.end();
  await database?.drop();
});

/** Backends of this database waiting for a lock. */
async function waitingBackends(): Promise<number[]> {
  const rows = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`;
  return rows.map((r) => r.pid);
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return condition();
}

const getModels = () =>
  fetch(`${worker.url}/v1/models`, { signal: AbortSignal.timeout(60_000) }).then(async (res) => ({
    status: res.status,
    body: await res.text(),
  }));

describe.skipIf(!hasPostgres)("a cold isolate's first requests", () => {
  // Timing-dependent (which backend waits first is read from pg_stat_activity while other suites load
  // the machine): one retry, with the same assertions, keeps a busy CI run from failing on a race of
  // the harness rather than of the worker. Seen once in a full run at load ~6; passes alone.
  it("answer from their own loads when the first request's load fails mid-way", { retry: 1 }, async () => {
    // Hold the catalogue's `models` table so every load waits on it, where the test can see it.
    const lock = await admin.reserve();
    await lock`begin`;
    await lock`lock table models in access exclusive mode`;
    let first: Promise<{ status: number; body: string }>;
    let later: Promise<{ status: number; body: string }>[];
    try {
      first = getModels();
      expect(await until(async () => (await waitingBackends()).length === 1, 30_000)).toBe(true);
      const [firstPid] = await waitingBackends();
      later = [getModels(), getModels()];
      // Each later request loads on its own connection: wait for them (a build that shares the first
      // request's load never opens them, so this only waits out its time).
      await until(async () => (await waitingBackends()).length === 3, 5_000);
      await admin`select pg_cancel_backend(${firstPid as number})`;
    } finally {
      await lock`commit`;
      lock.release();
    }
    const answers = await Promise.all(later).catch((error) => {
      throw new Error(`${error}\n${worker.logs.join("")}`);
    });
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).data.length).toBeGreaterThan(0);
    }
    // The first request answers, never hangs: a problem when the cancel hit its load's query, or 200
    // when, in a loaded full-suite run, the cancel landed between its queries and the load went on
    // (seen in CI-like runs; alone it is the problem). The later requests above are the point.
    const firstAnswer = await first;
    if (firstAnswer.status !== 200) {
      expect(firstAnswer.status).toBeGreaterThanOrEqual(500);
      expect(JSON.parse(firstAnswer.body)).toHaveProperty("type");
    }
    // Warm now: answers without touching the database.
    expect((await getModels()).status).toBe(200);
  });

  it("workerd logged no cross-request I/O", () => {
    expect(worker.logs.join("")).not.toMatch(/different request|Cannot perform I\/O|hung/);
  });
});
