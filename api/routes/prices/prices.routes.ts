import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { PriceInForceSchema } from "../../schemas/catalog.js";
import { IsoDate, pagedListOf, pageQuery } from "../../schemas/common.js";

export const listPrices = createRoute({
  method: "get",
  path: "/v1/prices",
  operationId: "listPrices",
  tags: ["Price sheets"],
  summary: "Prices in force at a date",
  description:
    "The price in force at `at` (default today, UTC) of every model each provider prices: from the latest sheet of that provider with effectiveFrom ≤ at that lists the model. One row per provider and model. Narrow with `provider` and `model` (a model id, an alias resolved at `at`, or any id the provider's API accepts). Paged in (provider, model) order: `limit` (1–1000, default 100) and `cursor` from the previous page's `nextCursor`.",
  request: {
    query: z.object({
      provider: z.string().min(1).optional().openapi({ example: "openai" }),
      model: z.string().min(1).optional().openapi({ example: "gpt-4o" }),
      at: IsoDate.optional(),
      ...pageQuery,
    }),
  },
  responses: {
    200: jsonContent(
      pagedListOf(PriceInForceSchema)
        .extend({ at: z.string().openapi({ example: "2024-11-01" }) })
        .openapi("PriceList"),
      "Prices in force",
    ),
    ...problemResponses(400, 404, 422, 503),
  },
});
