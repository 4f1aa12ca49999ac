/**
 * Admin bearer-token check for writes. Compared in constant time (both sides hashed to 32 bytes
 * first, so neither length nor content leaks through timing).
 */
import { createMiddleware } from "hono/factory";
import { ApiError } from "./problem.js";
import type { AppBindings } from "./types.js";

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
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new ApiError(
      401,
      "unauthorized",
      "Send Authorization: Bearer <ADMIN_TOKEN>.",
      undefined,
      CHALLENGE,
    );
  }
  if (!(await timingSafeEqualText(match[1] as string, expected))) {
    throw new ApiError(401, "unauthorized", "The bearer token is not valid.", undefined, {
      "WWW-Authenticate": 'Bearer realm="llm-tco admin", error="invalid_token"',
    });
  }
  await next();
});
