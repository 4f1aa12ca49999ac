/**
 * Tenants and API keys in tests: issue keys through the real admin route (`POST /v1/api-keys`) and
 * call scenario routes with them. No key is made any other way: a test's key is one a user could hold.
 */
import { expect } from "vitest";
import { TEST_ADMIN_TOKEN } from "./test-app.js";

/** Anything that answers `request(path, init)` like a Hono app (or a server URL through fetch). */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A requester for a server over HTTP. */
export const overHttp = (baseUrl: string): Requester => ({
  request: (path, init) => fetch(`${baseUrl}${path}`, init),
});

export const adminAuth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export interface IssuedKey {
  id: string;
  tenant: string;
  name: string;
  createdAt: string;
  revokedAt: null;
  key: string;
}

/** Issue a key for `tenant` through the admin route; fails the test on anything but 201. */
export async function issueKey(app: Requester, tenant: string, name = `${tenant} key`): Promise<IssuedKey> {
  const res = await app.request("/v1/api-keys", {
    method: "POST",
    headers: { "content-type": "application/json", ...adminAuth },
    body: JSON.stringify({ tenant, name }),
  });
  const body = (await res.json()) as IssuedKey;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** Revoke a key through the admin route. */
export async function revokeKey(app: Requester, id: string): Promise<Response> {
  return app.request(`/v1/api-keys/${id}`, { method: "DELETE", headers: adminAuth });
}

/** A comparison that prices at 2024-11-01 on the seeded catalogue (GPT-4o against a rented box). */
export const comparison = () => ({
  workload: { inputTokensPerMonth: 1_000_000_000, outputTokensPerMonth: "1000000000" },
  options: [
    { kind: "api", provider: "google", model: "gemini-1.5-pro" },
    {
      kind: "self-hosted",
      name: "box",
      deployment: {
        model: "llama-3-70b",
        accelerator: "h100-sxm",
        acceleratorsPerReplica: 8,
        acquisition: { mode: "rent", pricePerAcceleratorHour: "2.99" },
      },
    },
  ],
  at: "2024-11-01",
});

/** Save a scenario with `key`; fails the test on anything but 201. */
export async function saveScenario(
  app: Requester,
  key: string,
  name: string,
): Promise<{ id: string; name: string; createdAt: string }> {
  const res = await app.request("/v1/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json", ...bearer(key) },
    body: JSON.stringify({ name, comparison: comparison() }),
  });
  const body = (await res.json()) as { id: string; name: string; createdAt: string };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

/** GET `path` with `key` (or with no Authorization at all when `key` is undefined). */
export async function getWith(
  app: Requester,
  path: string,
  key?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.request(path, { headers: { ...(key ? bearer(key) : {}), ...headers } });
}
