import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../lib/router.js";
import { ApiEstimateRequestSchema, ApiEstimateResponseSchema } from "../../schemas/estimates.js";

export const estimateApi = createRoute({
  method: "post",
  path: "/v1/estimates/api",
  operationId: "estimateApiCost",
  tags: ["Estimates"],
  summary: "Cost of a workload on API offerings",
  description: [
    "Prices the monthly workload on each offering with the provider's sheet in force at `at` (aliases resolved at `at`).",
    "",
    "`uncached = input − cachedRead − cacheWrite`; each token class pays its own rate per 1M tokens; a context tier whose threshold `inputTokensPerRequest` exceeds replaces the base rates for all tokens (cliff tiers); the `batchShare` of every class pays `(1 − batchDiscount)` of its rate.",
    "",
    "Every figure is an exact decimal string; line items satisfy `cost = quantity × unitPrice`. Defaults filled in for the workload are listed in `assumptions[]`.",
  ].join("\n"),
  request: {
    body: { required: true, content: { "application/json": { schema: ApiEstimateRequestSchema } } },
  },
  responses: {
    200: jsonContent(ApiEstimateResponseSchema, "One estimate per offering, in request order"),
    ...problemResponses(400, 404, 413, 415, 422),
  },
});
