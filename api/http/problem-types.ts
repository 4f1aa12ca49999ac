/**
 * The one list of problem types this service answers with. It feeds the `title` of every problem
 * (problem.ts), the description of each declared error response (router.ts) and the "Errors" prose
 * of the OpenAPI document (openapi.ts), so the three cannot disagree.
 */

interface ProblemType {
  status: number;
  title: string;
  /** When a client gets it: one clause, used in the OpenAPI text. */
  when: string;
}

/** Problem types by slug; a problem's `type` is `/problems/<slug>`. */
export const PROBLEM_TYPES = {
  "validation-error": {
    status: 422,
    title: "Validation failed",
    when: "invalid input; `errors[]` points at the fields",
  },
  "no-price-in-force": {
    status: 422,
    title: "No price in force",
    when: "no price in force at the requested date; `errors[]` points at the offering",
  },
  "not-found": { status: 404, title: "Not found", when: "unknown resource, provider, model or accelerator" },
  "malformed-json": { status: 400, title: "Malformed JSON", when: "the body is not valid JSON" },
  "bad-request": { status: 400, title: "Bad request", when: "a request the server cannot read otherwise" },
  unauthorized: {
    status: 401,
    title: "Unauthorized",
    when: "missing, malformed, unknown or revoked bearer token (admin token or tenant API key)",
  },
  forbidden: { status: 403, title: "Forbidden", when: "writes are disabled: no ADMIN_TOKEN is configured" },
  conflict: { status: 409, title: "Conflict", when: "conflicts with a stored version" },
  "payload-too-large": {
    status: 413,
    title: "Payload too large",
    when: "the request body is larger than 1 MiB",
  },
  "unsupported-media-type": {
    status: 415,
    title: "Unsupported media type",
    when: "the body is not application/json",
  },
  "method-not-allowed": {
    status: 405,
    title: "Method not allowed",
    when: "the path exists but not for this method; `Allow` lists those it has",
  },
  "not-acceptable": {
    status: 406,
    title: "Not acceptable",
    when: "the Accept header asks for a format this operation cannot produce",
  },
  "service-unavailable": {
    status: 503,
    title: "Service unavailable",
    when: "the database is unreachable; retry after `Retry-After` seconds",
  },
  "internal-error": { status: 500, title: "Internal server error", when: "server fault" },
} as const satisfies Record<string, ProblemType>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;
/** Every status some problem type has. */
export type ProblemStatus = (typeof PROBLEM_TYPES)[ProblemSlug]["status"];

const entries = Object.entries(PROBLEM_TYPES) as [ProblemSlug, ProblemType][];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The description of an error response with this status: each type it may carry, and when. */
export function describeProblemStatus(status: ProblemStatus): string {
  const types = entries.filter(([, type]) => type.status === status);
  if (types.length === 1) return capitalise((types[0] as [ProblemSlug, ProblemType])[1].when);
  return types.map(([slug, type]) => `\`/problems/${slug}\`: ${type.when}`).join("; ");
}

/** The problem types as one sentence of Markdown, for the OpenAPI document's description. */
export function problemTypesProse(): string {
  return `Problem types: ${entries
    .map(([slug, type]) => `\`/problems/${slug}\` (${type.status}, ${type.when})`)
    .join(", ")}.`;
}
