import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { ModelDetailSchema, ModelSchema } from "../../schemas/catalog.js";
import { pagedListOf, pageQuery } from "../../schemas/common.js";

export const listModels = createRoute({
  method: "get",
  path: "/v1/models",
  operationId: "listModels",
  tags: ["Catalogue"],
  summary: "List models",
  description:
    "Proprietary and open-weight models with context window, MMLU where published and, for open weights, the architecture facts used for memory and throughput — curated ones and those imported from genai-prices (`origin`). Filter by `openWeights`, by `provider` (models that provider prices today), by `minContextWindow`, by `baseModel` (the providers' variants of one vendor-neutral open-weight model) and by `q` (a case-insensitive substring of the id, name or an alias). Paged in id order: `limit` (1–1000, default 100) and `cursor` from the previous page's `nextCursor`.",
  request: {
    query: z.object({
      openWeights: z.enum(["true", "false"]).optional().openapi({
        description: "Only open-weight (`true`) or only proprietary (`false`) models",
        example: "true",
      }),
      provider: z
        .string()
        .min(1)
        .optional()
        .openapi({ description: "Only models this provider prices today", example: "groq" }),
      minContextWindow: z.coerce
        .number()
        .int()
        .min(0)
        .optional()
        .openapi({ description: "Only models with at least this context window (tokens)", example: 100000 }),
      baseModel: z.string().min(1).optional().openapi({
        description:
          "Only the models whose `baseModel` is this vendor-neutral open-weight model: its providers' variants (hosted ids, quantisations, speed variants, `:free` copies)",
        example: "gpt-oss-120b",
      }),
      q: z.string().min(1).max(200).optional().openapi({
        description: "Case-insensitive substring of the model's id, name or any of its aliases",
        example: "sonnet",
      }),
      ...pageQuery,
    }),
  },
  responses: {
    200: jsonContent(pagedListOf(ModelSchema).openapi("ModelList"), "Models"),
    ...problemResponses(400, 404, 422, 503),
  },
});

export const getModel = createRoute({
  method: "get",
  path: "/v1/models/{modelId}",
  operationId: "getModel",
  tags: ["Catalogue"],
  summary: "Get a model with its current offerings",
  description:
    "One model, with every provider's price for it on the sheet in force today. For a vendor-neutral open-weight model (`llama-3.3-70b`, `gpt-oss-120b`, …) the offerings also include the providers' variants of it — the models whose `baseModel` is this one, listed in `variants` — each row naming the model id to price (`openai/gpt-oss-120b` on groq).",
  request: {
    params: z.object({
      modelId: z
        .string()
        .min(1)
        .openapi({ param: { name: "modelId", in: "path" }, example: "llama-3-70b" }),
    }),
  },
  responses: {
    200: jsonContent(ModelDetailSchema, "The model"),
    ...problemResponses(404, 503),
  },
});
