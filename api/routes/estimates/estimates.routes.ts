import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonContent, problemResponses } from "../../http/router.js";
import { ApiEstimateRequestSchema, ApiEstimateResponseSchema } from "../../schemas/estimates.js";
import { SelfHostedEstimateRequestSchema, SelfHostedEstimateSchema } from "../../schemas/self-hosted.js";

export const estimateApiCost = createRoute({
  method: "post",
  path: "/v1/estimates/api",
  operationId: "estimateApiCost",
  tags: ["Estimates"],
  summary: "Cost of a workload on API offerings",
  description: [
    "Prices the monthly workload on each offering with the provider's sheet in force at `at` (aliases resolved at `at`).",
    "",
    "`uncached = input − cachedRead − cacheWrite5m − cacheWrite1h`; each token class (reasoning apart from output) pays its own rate per 1M tokens, per request-size class. Rates stack band → service tier → time window → region (DESIGN §5.1): a prompt-length band the request crosses (`>` or `>=`, counting cache reads unless the band says not) applies to all its tokens; each `serviceTierMix` share pays its tier's rates (`batchShare` is shorthand for the batch share); the share of the month's traffic inside a time window (exact for the UTC month of `at`, vendor time zone, holidays excluded) pays the window's rates; an offering's `region` applies its uplift. Request and tool-call fees per 1K are added, never multiplied. Line items say the segment, e.g. \"Output tokens, priority tier, peak hours\". A tier, region or tool the price lacks → 422 naming the field (`/workload/serviceTierMix/priority`); only v1's `batchShare` on a price without a batch rate keeps v1's answer, full rates with a warning.",
    "",
    "Every figure is an exact decimal string; line items satisfy `cost = quantity × unitPrice`. Defaults filled in for the workload are listed in `assumptions[]`.",
  ].join("\n"),
  request: {
    body: jsonBody(ApiEstimateRequestSchema),
  },
  responses: {
    200: jsonContent(ApiEstimateResponseSchema, "One estimate per offering, in request order"),
    ...problemResponses(400, 404, 413, 415, 422, 503),
  },
});

export const estimateSelfHostedCost = createRoute({
  method: "post",
  path: "/v1/estimates/self-hosted",
  operationId: "estimateSelfHostedCost",
  tags: ["Estimates"],
  summary: "TCO of serving a workload on your own (or rented) accelerators",
  description: [
    "Per replica: capital via the capital-recovery factor with residual value (cost of capital 0 = straight line) and maintenance, or rent per accelerator-hour; energy = watts × load factor × PUE × $/kWh (rented cloud capacity includes power unless `power.wattsPerReplica` is given, as for colocation); facilities per replica-month; operations staff per month for the deployment. 730 hours per month.",
    "",
    "Sizing: capacity per replica = tokens/s × 3600 × 730 × maxUtilization; replicas = ceil(required tokens × peakToAverage ÷ capacity), at least one. Throughput from the caller, the closest published benchmark, or a calibrated roofline estimate; memory fit uses the model's KV heads.",
    "",
    "Only `deployment.model` and `deployment.accelerator` are required; every default is listed in `assumptions[]` with its source.",
  ].join("\n"),
  request: {
    body: jsonBody(SelfHostedEstimateRequestSchema),
  },
  responses: {
    200: jsonContent(SelfHostedEstimateSchema, "The estimate"),
    ...problemResponses(400, 404, 413, 415, 422, 503),
  },
});
