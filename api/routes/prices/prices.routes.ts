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
    "The price in force at `at` (default today, UTC) of every model each provider prices: from the latest sheet of that provider with effectiveFrom ≤ at that lists the model. One row per provider and model. Narrow with `provider`, `model` (a model id, an alias resolved at `at`, or any id the provider's API accepts) and `baseModel` (the hosted offerings of a vendor-neutral open-weight model: its own prices and those of every provider's variant of it, the models whose `baseModel` it is). Paged in (provider, model) order: `limit` (1–1000, default 100) and `cursor` from the previous page's `nextCursor`.",
  request: {
    query: z.object({
      provider: z.string().min(1).optional().openapi({ example: "openai" }),
      model: z.string().min(1).optional().openapi({ example: "gpt-4o" }),
      baseModel: z.string().min(1).optional().openapi({
        description:
          "Only the offerings of this vendor-neutral open-weight model: its own prices and those of the models linked to it by `baseModel` (`openai/gpt-oss-120b` on groq, `openai.gpt-oss-120b-1:0` on aws-bedrock, …)",
        example: "gpt-oss-120b",
      }),
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
