import type { RouteHandler } from "@hono/zod-openapi";
import { comparisonResponse } from "../../http/comparison-response.js";
import { negotiateFormat } from "../../http/negotiate.js";
import type { AppBindings } from "../../http/types.js";
import { type ComparisonRequest, runComparison } from "../../services/comparisons.js";
import type { compareRoute } from "./comparisons.routes.js";

export const postComparison: RouteHandler<typeof compareRoute, AppBindings> = async (c) => {
  const format = negotiateFormat(c.req.header("accept"));
  const body = c.req.valid("json");
  const at = body.at ?? c.var.services.today();
  const result = runComparison(
    await c.var.services.snapshot(),
    body as ComparisonRequest,
    at,
    format === "svg",
  );
  return comparisonResponse(c, result, at, format) as never;
};
