/**
 * Tenant API keys: issue, list, revoke, and recognise one on a request.
 *
 * A key is `tco_` and 43 base64url characters (256 random bits). It is shown once, when issued; only
 * its SHA-256 digest is stored, and looked up by that digest, so neither the database nor any log
 * ever holds a key, and the time a lookup takes depends on the digest of what was sent, never on how
 * much of it matches a real key. Nothing is cached: every request checks its key against the
 * database, so a revoked key stops working at once in every process and Workers isolate.
 */
import { type Database, type DatabaseHandle, PING_TIMEOUT_MS } from "../db/client.js";
import {
  type ApiKeyRow,
  findActiveApiKey,
  insertApiKey,
  listApiKeys,
  type Page,
  type PagePosition,
  revokeApiKey,
} from "../db/repository.js";
import { withDeadline } from "../db/unavailable.js";
import { sha256Hex } from "../domain/pricing/price-sheet.js";

/** What a key looks like; anything else is refused without a database lookup. */
export const API_KEY_PATTERN = /^tco_[A-Za-z0-9_-]{43}$/;

/** The tenant and key a request was authenticated as. */
export interface TenantPrincipal {
  tenantId: string;
  keyId: string;
}

/** A new key: 32 bytes from the platform's CSPRNG, base64url without padding, behind a `tco_` prefix. */
function newApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  return `tco_${base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
}

/** true when the two hex digests are equal, in time independent of where they differ. */
function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Issue a key for `tenantId` (created on its first key). The returned `key` exists nowhere else. */
export async function issueApiKey(
  database: DatabaseHandle,
  request: { tenantId: string; name: string },
): Promise<ApiKeyRow & { key: string }> {
  // Fail in seconds (503) when the database is unreachable, rather than wait on a dead connection.
  await database.ping();
  const key = newApiKey();
  const row = await insertApiKey(database.db, {
    id: crypto.randomUUID(),
    tenantId: request.tenantId,
    name: request.name,
    keyHash: await sha256Hex(key),
  });
  return { ...row, key };
}

/** Keys without secrets, newest first; optionally of one tenant. */
export async function listKeys(
  database: DatabaseHandle,
  query: { tenantId?: string; after?: PagePosition; limit: number },
): Promise<Page<ApiKeyRow>> {
  await database.ping();
  return listApiKeys(database.db, query);
}

/** Revoke a key; undefined when there is no key with that id. Revoking twice changes nothing. */
export async function revokeKey(database: DatabaseHandle, id: string): Promise<ApiKeyRow | undefined> {
  await database.ping();
  return revokeApiKey(database.db, id);
}

/**
 * The tenant of a presented key, or undefined for a malformed, unknown or revoked one. The lookup is
 * bounded like a ping, so an unreachable database answers 503 in seconds (it also serves as the
 * reachability check of the scenario routes).
 */
export async function authenticateApiKey(db: Database, key: string): Promise<TenantPrincipal | undefined> {
  if (!API_KEY_PATTERN.test(key)) return undefined;
  const keyHash = await sha256Hex(key);
  const row = await withDeadline(findActiveApiKey(db, keyHash), PING_TIMEOUT_MS, "an API key lookup");
  // The index found the row by digest; compare again in constant time so that stays true whatever
  // the lookup becomes.
  if (!row || !digestsEqual(row.keyHash, keyHash)) return undefined;
  return { tenantId: row.tenantId, keyId: row.id };
}
