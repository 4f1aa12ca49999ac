import { createRoute, z } from "@hono/zod-openapi";
import { ADMIN_SECURITY, requireAdmin } from "../../http/auth.js";
import { jsonBody, jsonContent, problemResponses } from "../../http/router.js";
import { PriceSheetInputSchema, PriceSheetSchema, PriceSheetSummarySchema } from "../../schemas/catalog.js";
import { pagedListOf, pageQuery } from "../../schemas/common.js";

export const listPriceSheets = createRoute({
  method: "get",
  path: "/v1/price-sheets",
  operationId: "listPriceSheets",
  tags: ["Price sheets"],
  summary: "List price-sheet versions",
  description:
    "Every stored, immutable price-sheet version (curated and imported), by provider and oldest first per provider. Filter by `provider`. Paged: `limit` (1–1000, default 100) and `cursor` from the previous page's `nextCursor`.",
  request: {
    query: z.object({
      provider: z.string().min(1).optional().openapi({ example: "google" }),
      ...pageQuery,
    }),
  },
  responses: {
    200: jsonContent(pagedListOf(PriceSheetSummarySchema).openapi("PriceSheetList"), "Sheet versions"),
    ...problemResponses(404, 422, 503),
  },
});

export const getPriceSheet = createRoute({
  method: "get",
  path: "/v1/price-sheets/{id}",
  operationId: "getPriceSheet",
  tags: ["Price sheets"],
  summary: "Get one price sheet with all its prices",
  description:
    "One immutable sheet version (id `<provider>-<effectiveFrom>`) with every model's rates, tiers and its source.",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .openapi({ param: { name: "id", in: "path" }, example: "google-2024-10-01" }),
    }),
  },
  responses: {
    200: jsonContent(PriceSheetSchema, "The sheet"),
    ...problemResponses(404, 503),
  },
});

export const createPriceSheet = createRoute({
  method: "post",
  path: "/v1/price-sheets",
  operationId: "createPriceSheet",
  tags: ["Price sheets"],
  summary: "Import a new price-sheet version (admin)",
  description:
    "Stores a provider's complete price list from `effectiveFrom` on, in one transaction: one bad row refuses the whole sheet. The same content imported again returns the stored version (200); different content for the same provider and date is a 409. Estimates use the new sheet at once, for dates on or after `effectiveFrom` only. Needs `Authorization: Bearer <ADMIN_TOKEN>`.",
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: {
    body: jsonBody(PriceSheetInputSchema),
  },
  responses: {
    201: jsonContent(PriceSheetSchema, "Created"),
    200: jsonContent(PriceSheetSchema, "Identical content was already stored; the stored version"),
    ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
  },
});
