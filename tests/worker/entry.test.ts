/**
 * The Workers entry's own logic, called in process (it imports nothing Workers-only): configuration
 * errors, the lazily connecting per-request client, and closing it with `ctx.waitUntil`. Needs no
 * database; the same answers on workerd against Postgres are in worker.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import worker, { type WorkerBindings } from "../../api/worker.js";

function context() {
  const waited: Promise<unknown>[] = [];
  return {
    waited,
    ctx: {
      waitUntil: (p: Promise<unknown>) => void waited.push(p),
      passThroughOnException: () => {},
      props: {},
    },
  };
}

async function call(path: string, bindings: WorkerBindings) {
  const { ctx, waited } = context();
  const res = await worker.fetch(new Request(`http://worker.test${path}`), bindings, ctx);
  await Promise.all(waited);
  return { res, body: (await res.json()) as any, waited };
}

// Nothing listens on port 1: connecting fails at once.
const unreachable = { connectionString: "postgres://u:p@127.0.0.1:1/none" };

// The entry caches its parsed environment per isolate (module), so the failures come first.
describe("api/worker.ts", () => {
  it("answers a 500 problem, not a crash, when the environment is invalid or has no database", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const bindings of [{ HYPERDRIVE: unreachable, LOG_LEVEL: "chatty" }, { LOG_LEVEL: "silent" }]) {
      const { res, body } = await call("/healthz", bindings);
      expect(res.status).toBe(500);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(body).toMatchObject({ type: "/problems/internal-error", status: 500, instance: "/healthz" });
      expect(JSON.stringify(body)).not.toMatch(/LOG_LEVEL|HYPERDRIVE|postgres:/);
    }
    // …while the log says what is wrong.
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/LOG_LEVEL/);
    expect(String(logged.mock.calls[1]?.[0])).toMatch(/HYPERDRIVE/);
    logged.mockRestore();
  });

  it("connects only when a request queries, and closes the client after every response", async () => {
    const bindings = { HYPERDRIVE: unreachable, LOG_LEVEL: "silent" };
    const health = await call("/healthz", bindings);
    expect(health.res.status).toBe(200);
    expect(health.waited).toHaveLength(1);
    const started = performance.now();
    const ready = await call("/readyz", bindings);
    expect(ready.res.status).toBe(503);
    expect(ready.body.type).toBe("/problems/service-unavailable");
    expect(ready.waited).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
