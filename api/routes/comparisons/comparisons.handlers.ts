import type { RouteHandler } from "@hono/zod-openapi";
import { comparisonResponse } from "../../http/comparison-response.js";
import { negotiateFormat } from "../../http/negotiate.js";
import type { AppBindings } from "../../http/types.js";
import { runComparison } from "../../services/comparisons.js";
import type * as routes from "./comparisons.routes.js";

export const compareOptions: RouteHandler<typeof routes.compareOptions, AppBindings> = async (c) => {
  const format = negotiateFormat(c.req.header("accept"));
  const body = c.req.valid("json");
  const at = body.at ?? c.var.services.today();
  const result = runComparison(await c.var.services.snapshot(), body, at, format === "svg");
  return comparisonResponse(c, result, at, format);
};
