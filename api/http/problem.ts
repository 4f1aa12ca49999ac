/**
 * RFC 9457 problem details: the one typed error class (`ApiError`), the one `onError`, and the
 * validation hook every route shares. No stack traces, SQL or internal messages reach a response.
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { DomainError } from "../domain/shared/errors.js";
import { describeError } from "../logging/logger.js";
import { PROBLEM_TYPES, type ProblemSlug } from "./problem-types.js";
import type { AppBindings } from "./types.js";

export interface ProblemFieldError {
  /** JSON pointer (RFC 6901) into the request: body fields start at the root, query at `/query/…`. */
  pointer: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

/** The one error class routes and services throw; `onError` turns it into a problem response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly errors?: ProblemFieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = "ApiError";
  }

  toProblem(instance?: string): Problem {
    return {
      type: `/problems/${this.slug}`,
      title: PROBLEM_TYPES[this.slug].title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}

/** Write a problem response with the RFC 9457 media type. */
function problemResponse(c: Context, error: ApiError): Response {
  const body = JSON.stringify(error.toProblem(c.req.path));
  const headers = new Headers({ "content-type": "application/problem+json" });
  for (const [k, v] of Object.entries(error.headers ?? {})) headers.set(k, v);
  return new Response(body, { status: error.status, headers });
}

/** RFC 6901 pointer from a path of keys. */
function toPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** Longest message echoed per field: "Unrecognized keys: …" lists every key sent, a 1 MiB body's worth. */
const MAX_FIELD_DETAIL = 500;
const clip = (text: string) =>
  text.length > MAX_FIELD_DETAIL ? `${text.slice(0, MAX_FIELD_DETAIL)}…` : text;

/** A zod failure as a 422 validation problem; `prefix` places the pointers (e.g. `/query`). */
export function validationError(error: ZodError, prefix = ""): ApiError {
  const errors = error.issues.slice(0, 50).map((issue) => ({
    pointer: prefix + toPointer(issue.path),
    detail: clip(issue.message),
  }));
  const first = errors[0];
  const detail =
    errors.length === 1 && first
      ? `The request is invalid at ${first.pointer || "the root"}: ${first.detail}`
      : `The request has ${errors.length} invalid fields; see errors[].`;
  return new ApiError(422, "validation-error", detail, errors);
}

const TARGET_PREFIX: Record<string, string> = {
  json: "",
  query: "/query",
  param: "/path",
  header: "/header",
};

/** Validation hook shared by every route (zod-openapi `defaultHook`). */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  _c: Context,
): void {
  if (!result.success) throw validationError(result.error, TARGET_PREFIX[result.target ?? "json"] ?? "");
}

/** Map a DomainError to its HTTP problem. */
function fromDomainError(error: DomainError): ApiError {
  const status = error.kind === "not-found" ? 404 : 422;
  const slug: ProblemSlug =
    error.kind === "not-found"
      ? "not-found"
      : error.kind === "no-price"
        ? "no-price-in-force"
        : "validation-error";
  return new ApiError(status, slug, error.detail, [{ pointer: error.pointer, detail: error.detail }]);
}

function fromHttpException(error: HTTPException): ApiError {
  const status = error.status;
  if (status === 400 && /Malformed JSON/i.test(error.message)) {
    return new ApiError(400, "malformed-json", "The request body is not valid JSON.");
  }
  if (status === 413)
    return new ApiError(413, "payload-too-large", error.message || "The request body is too large.");
  if (status === 415)
    return new ApiError(415, "unsupported-media-type", "Send the body as application/json.");
  if (status === 401) return new ApiError(401, "unauthorized", error.message || "Authentication required.");
  if (status === 404) return new ApiError(404, "not-found", error.message || "Not found.");
  if (status >= 500) return new ApiError(500, "internal-error", "The server failed to handle the request.");
  return new ApiError(status, "bad-request", error.message || "Bad request.");
}

/** Seconds a client should wait before retrying while the database is unreachable. */
const RETRY_AFTER_SECONDS = "5";

/**
 * The one error handler: every thrown error becomes an RFC 9457 problem. A database that cannot be
 * reached is a 503 (the request may succeed later); anything else unexpected is a 500. Either is
 * logged without the request's data (see describeError).
 */
export const onError: ErrorHandler<AppBindings> = (err, c) => {
  if (err instanceof ApiError) return problemResponse(c, err);
  if (err instanceof DomainError) return problemResponse(c, fromDomainError(err));
  if (err instanceof HTTPException) return problemResponse(c, fromHttpException(err));
  if (isDatabaseUnavailable(err)) {
    c.var.logger?.warn("database unavailable", { requestId: c.var.requestId, err: describeError(err) });
    return problemResponse(
      c,
      new ApiError(
        503,
        "service-unavailable",
        "The database is not reachable right now; try again shortly.",
        undefined,
        {
          "Retry-After": RETRY_AFTER_SECONDS,
        },
      ),
    );
  }
  c.var.logger?.error("unhandled error", { requestId: c.var.requestId, err: describeError(err) });
  return problemResponse(c, new ApiError(500, "internal-error", "The server failed to handle the request."));
};

/** Unknown path → 404 problem; known path with another method → 405 with `Allow`. */
export function notFoundHandler(allowedMethods: (path: string) => string[]): NotFoundHandler<AppBindings> {
  return (c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length > 0) {
      return problemResponse(
        c,
        new ApiError(
          405,
          "method-not-allowed",
          `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(", ")}.`,
          undefined,
          {
            Allow: allowed.join(", "),
          },
        ),
      );
    }
    return problemResponse(c, new ApiError(404, "not-found", `No resource at ${c.req.path}.`));
  };
}
