import { createRoute, z } from "@hono/zod-openapi";
import { requireTenantKey, TENANT_SECURITY } from "../../http/auth.js";
import { jsonBody, jsonContent, problemResponses } from "../../http/router.js";
import { IsoDate, PageQuery, pagedListOf } from "../../schemas/common.js";
import { ComparisonSchema, ScenarioInputSchema, ScenarioSchema } from "../../schemas/comparisons.js";
import { COMPARISON_FORMAT_DESCRIPTION } from "../comparisons/comparisons.routes.js";

const idParam = z.object({
  id: z
    .string()
    .uuid("must be a scenario id (UUID)")
    .openapi({ param: { name: "id", in: "path" }, example: "0b9c2d5e-4a4f-4c0e-9a51-2f7a3c1d9e10" }),
});

/** What every scenario operation shares: the tag, a tenant's API key, and its refusal. */
const TENANT_ROUTE = {
  tags: ["Scenarios"],
  security: TENANT_SECURITY,
  middleware: requireTenantKey,
};
const TENANT_NOTE =
  "Needs a tenant's API key (`Authorization: Bearer <key>`); sees only that tenant's scenarios, and another tenant's id answers 404 like an id that does not exist.";

export const createScenario = createRoute({
  ...TENANT_ROUTE,
  method: "post",
  path: "/v1/scenarios",
  operationId: "createScenario",
  summary: "Save a comparison as a named scenario",
  description: `Stores the comparison request as sent (after checking that it prices at its \`at\`, default today) under the key's tenant, so any key of that tenant can re-price it later at any date with \`GET /v1/scenarios/{id}/result?at=\`. ${TENANT_NOTE}`,
  request: { body: jsonBody(ScenarioInputSchema) },
  responses: {
    201: jsonContent(ScenarioSchema, "Saved"),
    ...problemResponses(400, 401, 404, 413, 415, 422, 503),
  },
});

export const listScenarios = createRoute({
  ...TENANT_ROUTE,
  method: "get",
  path: "/v1/scenarios",
  operationId: "listScenarios",
  summary: "List saved scenarios",
  description: `The tenant's saved scenarios, newest first. Paged: \`limit\`, \`cursor\`, \`nextCursor\`. ${TENANT_NOTE}`,
  request: { query: PageQuery },
  responses: {
    200: jsonContent(pagedListOf(ScenarioSchema).openapi("ScenarioList"), "Scenarios"),
    ...problemResponses(401, 422, 503),
  },
});

export const getScenario = createRoute({
  ...TENANT_ROUTE,
  method: "get",
  path: "/v1/scenarios/{id}",
  operationId: "getScenario",
  summary: "Get a saved scenario",
  description: `The scenario with its comparison request as saved. ${TENANT_NOTE}`,
  request: { params: idParam },
  responses: { 200: jsonContent(ScenarioSchema, "The scenario"), ...problemResponses(401, 404, 422, 503) },
});

export const deleteScenario = createRoute({
  ...TENANT_ROUTE,
  method: "delete",
  path: "/v1/scenarios/{id}",
  operationId: "deleteScenario",
  summary: "Delete a saved scenario",
  description: `Deletes the scenario for every key of the tenant. ${TENANT_NOTE}`,
  request: { params: idParam },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 404, 422, 503) },
});

export const getScenarioResult = createRoute({
  ...TENANT_ROUTE,
  method: "get",
  path: "/v1/scenarios/{id}/result",
  operationId: "getScenarioResult",
  summary: "Re-price a saved scenario at a date",
  description: `Evaluates the saved comparison with the price sheets in force at \`at\` (default: the date saved in the comparison, else today). ${COMPARISON_FORMAT_DESCRIPTION} ${TENANT_NOTE}`,
  request: { params: idParam, query: z.object({ at: IsoDate.optional() }) },
  responses: {
    200: {
      description: "The comparison, re-priced",
      content: {
        "application/json": { schema: ComparisonSchema },
        "text/csv": { schema: z.string() },
        "image/svg+xml": { schema: z.string() },
      },
    },
    ...problemResponses(401, 404, 406, 422, 503),
  },
});
