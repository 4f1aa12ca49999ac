import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { IsoDate, listOf } from "../../schemas/common.js";
import { ComparisonSchema, ScenarioInputSchema, ScenarioSchema } from "../../schemas/comparisons.js";
import { COMPARISON_FORMAT_DESCRIPTION } from "../comparisons/comparisons.routes.js";

const idParam = z.object({
  id: z
    .string()
    .uuid("must be a scenario id (UUID)")
    .openapi({ param: { name: "id", in: "path" }, example: "0b9c2d5e-4a4f-4c0e-9a51-2f7a3c1d9e10" }),
});

export const createScenario = createRoute({
  method: "post",
  path: "/v1/scenarios",
  operationId: "createScenario",
  tags: ["Scenarios"],
  summary: "Save a comparison as a named scenario",
  description:
    "Stores the comparison request as sent (after checking that it prices at its `at`, default today), so it can be re-priced later at any date with `GET /v1/scenarios/{id}/result?at=`.",
  request: { body: { required: true, content: { "application/json": { schema: ScenarioInputSchema } } } },
  responses: {
    201: jsonContent(ScenarioSchema, "Saved"),
    ...problemResponses(400, 404, 413, 415, 422),
  },
});

export const listScenariosRoute = createRoute({
  method: "get",
  path: "/v1/scenarios",
  operationId: "listScenarios",
  tags: ["Scenarios"],
  summary: "List saved scenarios",
  description: "Every saved scenario, newest first.",
  responses: { 200: jsonContent(listOf(ScenarioSchema).openapi("ScenarioList"), "Scenarios") },
});

export const getScenario = createRoute({
  method: "get",
  path: "/v1/scenarios/{id}",
  operationId: "getScenario",
  tags: ["Scenarios"],
  summary: "Get a saved scenario",
  description: "The scenario with its comparison request as saved.",
  request: { params: idParam },
  responses: { 200: jsonContent(ScenarioSchema, "The scenario"), ...problemResponses(404, 422) },
});

export const getScenarioResult = createRoute({
  method: "get",
  path: "/v1/scenarios/{id}/result",
  operationId: "getScenarioResult",
  tags: ["Scenarios"],
  summary: "Re-price a saved scenario at a date",
  description: `Evaluates the saved comparison with the price sheets in force at \`at\` (default: the date saved in the comparison, else today). ${COMPARISON_FORMAT_DESCRIPTION}`,
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
    ...problemResponses(404, 406, 422),
  },
});
