import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { ProviderFreshnessSchema } from "../../schemas/catalog.js";
import { listOf } from "../../schemas/common.js";

export const listProviders = createRoute({
  method: "get",
  path: "/v1/providers",
  operationId: "listProviders",
  tags: ["Catalogue"],
  summary: "List API providers",
  description:
    "Every provider that sells API access and has (or may get) price sheets, with how fresh its prices are: the date of its latest sheet and when its sheets were last checked against their source.",
  responses: {
    200: jsonContent(listOf(ProviderFreshnessSchema).openapi("ProviderList"), "Providers"),
    ...problemResponses(503),
  },
});
