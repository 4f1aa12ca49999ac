/**
 * The real server process over real HTTP: `npm start`'s entry on the embedded database (fresh data
 * directory) or, in CI, on a Postgres database of its own.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServer } from "./support/server-process.js";
import { createTestDatabase, type TestDatabase } from "./support/test-app.js";

let server: ServerProcess;
let dataDir: string | undefined;
let database: TestDatabase | undefined;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    await database.handle.close();
    server = await startServer({ DATABASE_URL: database.url as string });
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), "llm-tco-server-"));
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
  }
  console.log(
    `server ready in ${Math.round(server.startupMs)} ms (${database ? "postgres" : "embedded, first start"})`,
  );
}, 120_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (database) await database.drop().catch(() => {});
});

describe("the Node server over HTTP", () => {
  it("answers /healthz, /readyz and an estimate, echoing X-Request-Id", async () => {
    const health = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "test-123" } });
    expect(health.status).toBe(200);
    expect(health.headers.get("x-request-id")).toBe("test-123");
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const res = await fetch(`${server.url}/v1/estimates/api`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
        offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
        at: "2024-11-01",
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data[0].monthlyCost).toBe("12.5");
  });

  it("logs one JSON line per request with id, method, path, status and duration — no bodies", async () => {
    await fetch(`${server.url}/v1/providers`, { headers: { "x-request-id": "log-check-1" } });
    await new Promise((r) => setTimeout(r, 100));
    const line = server.logs
      .join("")
      .split("\n")
      .find((l) => l.includes("log-check-1"));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      path: "/v1/providers",
      status: 200,
    });
  });

  it("shuts down cleanly on SIGTERM", async () => {
    expect(await server.stop("SIGTERM")).toBe(0);
  });
});
