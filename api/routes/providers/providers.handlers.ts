import type { RouteHandler } from "@hono/zod-openapi";
import type { AppBindings } from "../../http/types.js";
import type * as routes from "./providers.routes.js";

export const listProviders: RouteHandler<typeof routes.listProviders, AppBindings> = async (c) => {
  const { prices } = await c.var.services.snapshot();
  return c.json({ data: [...prices.providers.values()] }, 200);
};
