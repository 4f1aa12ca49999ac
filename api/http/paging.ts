/**
 * Keyset paging for the catalogue lists (DESIGN §4 "Lists"): rows sorted by a stable key, the cursor is
 * the last key served (base64url, opaque to clients), the next page starts strictly after it. A sheet
 * imported between two page requests can add rows but never shifts the ones already served, so paging
 * has no gaps or duplicates among the rows that existed throughout.
 */
import { ApiError } from "./problem.js";

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** base64url of the UTF-8 JSON `[key]`, with Web APIs only (Node and Workers alike). */
function encode(key: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([key]));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function decode(cursor: string): string {
  try {
    const parsed = JSON.parse(fromBase64Url(cursor)) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === "string") return parsed[0];
  } catch {
    // fall through to the problem below
  }
  throw new ApiError(400, "validation-error", "The cursor is not one this API issued.", [
    { pointer: "/query/cursor", detail: "invalid cursor" },
  ]);
}

/**
 * One page of `rows`, which must be sorted ascending by `keyOf` (unique keys). Binary search for the
 * cursor, so a page costs O(log n + limit).
 */
export function pageOf<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  limit: number,
  cursor: string | undefined,
): Page<T> {
  let start = 0;
  if (cursor !== undefined) {
    const after = decode(cursor);
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyOf(rows[mid] as T) <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const data = rows.slice(start, start + limit);
  const last = data.at(-1);
  const more = start + limit < rows.length;
  return { data, nextCursor: more && last !== undefined ? encode(keyOf(last)) : null };
}

/** Compare by code units (the order `<` gives), for sorting rows the way {@link pageOf} expects. */
export const byKey =
  <T>(keyOf: (row: T) => string) =>
  (a: T, b: T): number => {
    const x = keyOf(a);
    const y = keyOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
