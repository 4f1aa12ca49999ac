import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { PriceInForceSchema } from "../../schemas/catalog.js";
import { IsoDate, listOf } from "../../schemas/common.js";

export const listPrices = createRoute({
  method: "get",
  path: "/v1/prices",
  operationId: "listPrices",
  tags: ["Price sheets"],
  summary: "Prices in force at a date",
  description:
    "The price of every model on each provider's sheet in force at `at` (the latest sheet with effectiveFrom ≤ at; default today, UTC). Narrow with `provider` and `model` (a model id, or an alias resolved at `at`).",
  request: {
    query: z.object({
      provider: z.string().min(1).optional().openapi({ example: "openai" }),
      model: z.string().min(1).optional().openapi({ example: "gpt-4o" }),
      at: IsoDate.optional(),
    }),
  },
  responses: {
    200: jsonContent(
      listOf(PriceInForceSchema)
        .extend({ at: z.string().openapi({ example: "2024-11-01" }) })
        .openapi("PriceList"),
      "Prices in force",
    ),
    ...problemResponses(404, 422, 503),
  },
});
