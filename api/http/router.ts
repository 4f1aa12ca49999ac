/**
 * Router factory and the shared OpenAPI response declarations (declared once, used by every route).
 */
import { OpenAPIHono, type z } from "@hono/zod-openapi";
import { ProblemSchema } from "../schemas/common.js";
import { validationHook } from "./problem.js";
import type { AppBindings } from "./types.js";

/** A router whose validation failures become 422 problems with JSON pointers. */
export function createRouter() {
  return new OpenAPIHono<AppBindings>({ strict: false, defaultHook: validationHook as never });
}

/** `content` block for a JSON body. */
export function jsonContent<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

const PROBLEM_DESCRIPTIONS = {
  400: "Malformed request (e.g. the body is not valid JSON)",
  401: "Missing or wrong bearer token",
  403: "Writes are disabled: no ADMIN_TOKEN is configured",
  404: "Unknown resource, provider, model or accelerator",
  406: "The Accept header asks for a format this operation cannot produce",
  409: "Conflicts with a stored version",
  413: "The request body is larger than 1 MiB",
  415: "The body is not application/json",
  422: "Invalid input, or no price in force at the requested date; `errors[]` points at the fields",
  500: "Server fault",
  503: "Database unavailable",
} as const;
type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

/** Problem responses for the given statuses, all `application/problem+json` with the Problem schema. */
export function problemResponses<S extends ProblemStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: PROBLEM_DESCRIPTIONS[s],
        content: { "application/problem+json": { schema: ProblemSchema } },
      },
    ]),
  ) as unknown as Record<
    S,
    { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }
  >;
}
