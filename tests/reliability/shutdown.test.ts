/**
 * Graceful shutdown of the real server process: on SIGTERM it stops accepting connections, finishes
 * the requests in flight (here: uploads still arriving when the signal comes), closes the database
 * pool and exits 0. On the embedded database or, with DATABASE_URL, a Postgres database of its own.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OwnServer, startServerOnOwnDatabase } from "../support/own-server.js";

let server: OwnServer;

beforeAll(async () => {
  server = await startServerOnOwnDatabase();
}, 120_000);

afterAll(async () => server?.close());

const body = JSON.stringify({
  workload: { inputTokensPerMonth: 1_000_000, outputTokensPerMonth: 1_000_000 },
  offerings: [{ provider: "openai", model: "gpt-4o-2024-08-06" }],
  at: "2024-11-01",
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A POST whose body arrives in two halves: the first now, the second when `finish()` is called. The
 * request is in flight from the first byte until its response.
 */
function slowUpload(url: string) {
  const { hostname, port } = new URL(url);
  let resolveResponse: (r: { status: number; body: string }) => void;
  let rejectResponse: (e: Error) => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    resolveResponse = resolve;
    rejectResponse = reject;
  });
  const req = http.request(
    {
      hostname,
      port,
      path: "/v1/estimates/api",
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    },
    (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () => resolveResponse({ status: res.statusCode ?? 0, body: text }));
      res.on("error", rejectResponse);
    },
  );
  req.on("error", (e) => rejectResponse(e));
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return {
    response,
    finish: () => req.end(body.slice(half)),
  };
}

describe("SIGTERM", () => {
  it("finishes the requests in flight, refuses new connections, closes the pool and exits 0", async () => {
    const exited = new Promise<number | null>((resolve) =>
      server.child.once("exit", (code) => resolve(code)),
    );
    const uploads = Array.from({ length: 5 }, () => slowUpload(server.url));
    await sleep(300); // the server has the headers and half of each body
    server.child.kill("SIGTERM");
    await sleep(300);

    // No new connections once shutting down.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    for (const upload of uploads) upload.finish();
    for (const upload of uploads) {
      const { status, body: text } = await upload.response;
      expect(status).toBe(200);
      expect(JSON.parse(text).data[0].monthlyCost).toBe("12.5");
    }
    expect(await exited).toBe(0);
    const logs = server.logs
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    expect(logs.find((l) => l.msg === "shutting down")).toMatchObject({ signal: "SIGTERM" });
    expect(logs.find((l) => l.msg === "stopped")).toMatchObject({ signal: "SIGTERM", databaseClosed: true });
    // Every upload was answered and logged before the process stopped.
    expect(
      logs.filter((l) => l.msg === "request" && l.path === "/v1/estimates/api" && l.status === 200),
    ).toHaveLength(5);
  });
});
