import type { RouteHandler } from "@hono/zod-openapi";
import type { ApiKeyRow } from "../../db/repository.js";
import { ApiError } from "../../http/problem.js";
import type { AppBindings } from "../../http/types.js";
import { isoTimestamp } from "../../presentation/present.js";
import { encodeCursor } from "../../schemas/common.js";
import { issueApiKey, listKeys, revokeKey } from "../../services/api-keys.js";
import type * as routes from "./api-keys.routes.js";

const presentApiKey = (row: ApiKeyRow) => ({
  id: row.id,
  tenant: row.tenantId,
  name: row.name,
  createdAt: isoTimestamp(row.createdAt),
  revokedAt: row.revokedAt === null ? null : isoTimestamp(row.revokedAt),
});

export const createApiKey: RouteHandler<typeof routes.createApiKey, AppBindings> = async (c) => {
  const { tenant, name } = c.req.valid("json");
  const issued = await issueApiKey(c.var.services.database, { tenantId: tenant, name });
  c.header("Location", `/v1/api-keys/${issued.id}`);
  c.header("Cache-Control", "no-store");
  return c.json({ ...presentApiKey(issued), key: issued.key }, 201);
};

export const listApiKeys: RouteHandler<typeof routes.listApiKeys, AppBindings> = async (c) => {
  const { tenant, limit, cursor } = c.req.valid("query");
  const page = await listKeys(c.var.services.database, { tenantId: tenant, after: cursor, limit });
  return c.json(
    { data: page.rows.map(presentApiKey), nextCursor: page.next ? encodeCursor(page.next) : null },
    200,
  );
};

export const revokeApiKey: RouteHandler<typeof routes.revokeApiKey, AppBindings> = async (c) => {
  const { id } = c.req.valid("param");
  const revoked = await revokeKey(c.var.services.database, id);
  if (!revoked)
    throw new ApiError(404, "not-found", `No API key '${id}'.`, [
      { pointer: "/path/id", detail: "unknown API key" },
    ]);
  return c.body(null, 204);
};
