import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { ProviderSchema } from "../../schemas/catalog.js";
import { listOf } from "../../schemas/common.js";

export const listProviders = createRoute({
  method: "get",
  path: "/v1/providers",
  operationId: "listProviders",
  tags: ["Catalogue"],
  summary: "List API providers",
  description: "Every provider that sells API access and has (or may get) price sheets.",
  responses: {
    200: jsonContent(listOf(ProviderSchema).openapi("ProviderList"), "Providers"),
    ...problemResponses(503),
  },
});
