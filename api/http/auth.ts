/**
 * Who may call what, in one place: the two OpenAPI security schemes (the admin token, a tenant's API
 * key), the `security` each kind of operation declares, and the middleware that enforces them. The
 * admin token is compared in constant time (both sides hashed to 32 bytes first, so neither length
 * nor content leaks through timing); API keys are looked up by digest (api/services/api-keys.ts).
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { authenticateApiKey, type TenantPrincipal } from "../services/api-keys.js";
import { ApiError } from "./problem.js";
import type { AppBindings } from "./types.js";

/** The OpenAPI security schemes, by name (the document declares them: api/openapi.ts). */
export const SECURITY_SCHEMES = {
  adminBearer: {
    type: "http",
    scheme: "bearer",
    description:
      "The server's `ADMIN_TOKEN`: price-sheet imports and API-key management. It is not a tenant key: scenario routes refuse it.",
  },
  tenantApiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "tco_<43 base64url characters>",
    description:
      "A tenant's API key, issued by the admin with `POST /v1/api-keys` (shown once). Saved scenarios belong to the key's tenant; every key of that tenant sees them, no other tenant does.",
  },
} as const;

/** `security` of an admin operation. */
export const ADMIN_SECURITY = [{ adminBearer: [] }];
/** `security` of an operation on a tenant's data. */
export const TENANT_SECURITY = [{ tenantApiKey: [] }];

/** The token of `Authorization: Bearer <token>`, or undefined for a missing or malformed header. */
function bearerToken(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  return match?.[1];
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** true when `given` equals `expected`, in time independent of where they differ. */
export async function timingSafeEqualText(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="llm-tco admin"' };

/** Refuse writes unless `Authorization: Bearer <ADMIN_TOKEN>`; with no token configured, refuse all. */
export const requireAdmin = createMiddleware<AppBindings>(async (c, next) => {
  const expected = c.var.services.env.ADMIN_TOKEN;
  if (!expected) {
    throw new ApiError(403, "forbidden", "Writes are disabled on this server: no ADMIN_TOKEN is configured.");
  }
  const token = bearerToken(c);
  if (token === undefined) {
    throw new ApiError(
      401,
      "unauthorized",
      "Send Authorization: Bearer <ADMIN_TOKEN>.",
      undefined,
      CHALLENGE,
    );
  }
  if (!(await timingSafeEqualText(token, expected))) {
    throw new ApiError(401, "unauthorized", "The bearer token is not valid.", undefined, {
      "WWW-Authenticate": 'Bearer realm="llm-tco admin", error="invalid_token"',
    });
  }
  await next();
});

const TENANT_REALM = 'Bearer realm="llm-tco scenarios"';

/**
 * Scenario routes: `Authorization: Bearer <api key>` of a tenant, checked against the database on
 * every request (a revoked key fails at once). No key, a malformed header, or an unknown or revoked
 * key → 401 with `WWW-Authenticate`; the answer does not say which, nor does the admin token pass.
 */
export const requireTenantKey = createMiddleware<AppBindings>(async (c, next) => {
  const token = bearerToken(c);
  if (token === undefined) {
    throw new ApiError(
      401,
      "unauthorized",
      "Send Authorization: Bearer <api key>; the admin issues keys with POST /v1/api-keys.",
      undefined,
      { "WWW-Authenticate": TENANT_REALM },
    );
  }
  const principal = await authenticateApiKey(c.var.services.database.db, token);
  if (!principal) {
    throw new ApiError(401, "unauthorized", "The API key is not valid (unknown or revoked).", undefined, {
      "WWW-Authenticate": `${TENANT_REALM}, error="invalid_token"`,
    });
  }
  c.set("tenant", principal);
  await next();
});

/** The tenant a request was authenticated as (routes behind `requireTenantKey` only). */
export function tenantOf(c: Context<AppBindings>): TenantPrincipal {
  const tenant = c.var.tenant;
  if (!tenant) throw new Error("tenantOf() on a route without requireTenantKey");
  return tenant;
}
