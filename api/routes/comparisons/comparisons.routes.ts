import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, problemResponses } from "../../http/router.js";
import { ComparisonRequestSchema, ComparisonSchema } from "../../schemas/comparisons.js";

export const COMPARISON_FORMAT_DESCRIPTION = [
  "Formats by `Accept`: `application/json` (default); `text/csv` — one row per line item with FinOps FOCUS columns (`BillingCurrency`, `ChargePeriodStart`, `ChargePeriodEnd`, `PricingUnit`, `PricingQuantity`, `ListUnitPrice`, `ListCost`, `x_Option`, `x_Component`, …); `image/svg+xml` — a 1200×700 chart of monthly cost against volume (log scales) for every option, with break-even points marked (a 100-point sweep is used when the request has none). Anything else → 406.",
].join("");

export const compareOptions = createRoute({
  method: "post",
  path: "/v1/comparisons",
  operationId: "compareOptions",
  tags: ["Estimates"],
  summary: "Rank API and self-hosted options and find where self-hosting breaks even",
  description: [
    "Prices a workload on up to 50 options — `api` offerings, named `self-hosted` deployments and `hybrid` plans (replicas plus an overflow API) — at `at`, ranked cheapest first, each with its full estimate.",
    "",
    "`breakEven[]` holds every self-hosted × API pair: the smallest monthly volume (input + output tokens at the workload's mix) from which self-hosting is strictly cheaper, computed exactly from the step cost of whole replicas against the API's linear cost — or `null` with a `reason` giving both $/1M figures when it never wins.",
    "",
    "`sweep` returns each option's monthly cost over log-spaced volumes for plotting; `sensitivity` returns a tornado table for one pair.",
    "",
    COMPARISON_FORMAT_DESCRIPTION,
  ].join("\n"),
  request: {
    body: jsonBody(ComparisonRequestSchema),
  },
  responses: {
    200: {
      description: "The ranked comparison",
      content: {
        "application/json": { schema: ComparisonSchema },
        "text/csv": {
          schema: z.string().openapi({ description: "FOCUS-aligned CSV, one row per line item" }),
        },
        "image/svg+xml": {
          schema: z.string().openapi({ description: "SVG chart of monthly cost against volume" }),
        },
      },
    },
    ...problemResponses(400, 404, 406, 413, 415, 422, 503),
  },
});
