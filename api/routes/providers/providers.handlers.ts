import type { RouteHandler } from "@hono/zod-openapi";
import type { AppBindings } from "../../http/types.js";
import type { listProviders } from "./providers.routes.js";

export const getProviders: RouteHandler<typeof listProviders, AppBindings> = async (c) => {
  const { prices } = await c.var.services.snapshot();
  return c.json({ data: [...prices.providers.values()] }, 200);
};
