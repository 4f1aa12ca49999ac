/**
 * The real server process over real HTTP: `npm start`'s entry on the embedded database (fresh data
 * directory) or, in CI, on a Postgres database of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnServer, startServerOnOwnDatabase } from "./support/own-server.js";

let server: OwnServer;

beforeAll(async () => {
  server = await startServerOnOwnDatabase();
  console.log(
    `server ready in ${Math.round(server.startupMs)} ms (${server.database === "postgres" ? "postgres" : "embedded, first start"})`,
  );
}, 120_000);

afterAll(async () => server?.close());

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
