/**
 * Router factory and the shared OpenAPI response declarations (declared once, used by every route).
 */
import { OpenAPIHono, type z } from "@hono/zod-openapi";
import { ProblemSchema } from "../schemas/common.js";
import { validationHook } from "./problem.js";
import { describeProblemStatus, type ProblemStatus } from "./problem-types.js";
import type { AppBindings } from "./types.js";

/** A router whose validation failures become 422 problems with JSON pointers. */
export function createRouter() {
  return new OpenAPIHono<AppBindings>({ strict: false, defaultHook: validationHook as never });
}

/** `content` block for a JSON body. */
export function jsonContent<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** Problem responses for the given statuses, all `application/problem+json` with the Problem schema. */
export function problemResponses<S extends ProblemStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: describeProblemStatus(s),
        content: { "application/problem+json": { schema: ProblemSchema } },
      },
    ]),
  ) as unknown as Record<
    S,
    { description: string; content: { "application/problem+json": { schema: typeof ProblemSchema } } }
  >;
}
