import { createRoute, z } from "@hono/zod-openapi";
import { ADMIN_SECURITY, requireAdmin } from "../../http/auth.js";
import { jsonBody, jsonContent, problemResponses } from "../../http/router.js";
import { ApiKeyInputSchema, ApiKeySchema, IssuedApiKeySchema, TenantId } from "../../schemas/api-keys.js";
import { PageQuery, pagedListOf } from "../../schemas/common.js";

const keyIdParam = z.object({
  id: z
    .string()
    .uuid("must be an API key id (UUID)")
    .openapi({ param: { name: "id", in: "path" }, example: "5a0f5a57-9f43-4a5e-8a51-2f7a3c1d9e10" }),
});

export const createApiKey = createRoute({
  method: "post",
  path: "/v1/api-keys",
  operationId: "createApiKey",
  tags: ["API keys"],
  summary: "Issue a tenant API key (admin)",
  description:
    "Issues a new key for `tenant` (created with its first key). The secret `key` is in this response only: the server stores its SHA-256 digest, never the key. Needs `Authorization: Bearer <ADMIN_TOKEN>`.",
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { body: jsonBody(ApiKeyInputSchema) },
  responses: {
    201: jsonContent(IssuedApiKeySchema, "Issued; the key is shown this once"),
    ...problemResponses(400, 401, 403, 413, 415, 422, 503),
  },
});

export const listApiKeys = createRoute({
  method: "get",
  path: "/v1/api-keys",
  operationId: "listApiKeys",
  tags: ["API keys"],
  summary: "List API keys (admin)",
  description:
    "Every issued key, revoked ones included (with `revokedAt`), newest first, without secrets. Filter by `tenant`. Paged: `limit`, `cursor`, `nextCursor`.",
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { query: PageQuery.extend({ tenant: TenantId.optional() }) },
  responses: {
    200: jsonContent(pagedListOf(ApiKeySchema).openapi("ApiKeyList"), "Keys"),
    ...problemResponses(401, 403, 422, 503),
  },
});

export const revokeApiKey = createRoute({
  method: "delete",
  path: "/v1/api-keys/{id}",
  operationId: "revokeApiKey",
  tags: ["API keys"],
  summary: "Revoke an API key (admin)",
  description:
    "The key stops working at once, in every server process and Workers isolate (keys are checked against the database on every request). Revoking a revoked key changes nothing.",
  security: ADMIN_SECURITY,
  middleware: [requireAdmin] as const,
  request: { params: keyIdParam },
  responses: {
    204: { description: "Revoked" },
    ...problemResponses(401, 403, 404, 422, 503),
  },
});
