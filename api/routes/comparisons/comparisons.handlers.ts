import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { totalTokens } from "../../domain/pricing/workload.js";
import { negotiateFormat, type ResultFormat } from "../../http/negotiate.js";
import type { AppBindings } from "../../http/types.js";
import { presentComparison } from "../../presentation/present-comparison.js";
import { renderComparisonCsv } from "../../presentation/render-csv.js";
import { renderCostChartSvg } from "../../presentation/render-svg.js";
import type { ComparisonRequest, ComparisonResult } from "../../services/comparisons.js";
import { runComparison } from "../../services/comparisons.js";
import type * as routes from "./comparisons.routes.js";

/** Answer a comparison in the negotiated format (JSON, CSV or SVG). Shared with saved scenarios. */
export async function respondWithComparison(
  c: Context<AppBindings>,
  request: ComparisonRequest,
  at: string,
  format: ResultFormat,
) {
  const snapshot = await c.var.services.snapshot();
  const result: ComparisonResult = runComparison(snapshot, request, at, format === "svg");
  if (format === "csv") {
    return c.body(renderComparisonCsv(result.comparison, { at }), 200, {
      "content-type": "text/csv; charset=utf-8",
    });
  }
  if (format === "svg" && result.sweep) {
    const svg = renderCostChartSvg({
      sweep: result.sweep,
      breakEven: result.comparison.breakEven,
      subtitle: `Prices in force on ${at}`,
      workloadVolume: totalTokens(result.comparison.workload),
    });
    return c.body(svg, 200, { "content-type": "image/svg+xml; charset=utf-8" });
  }
  return c.json(presentComparison(at, result.comparison, result.sweep, result.sensitivity), 200);
}

export const compareOptions: RouteHandler<typeof routes.compareOptions, AppBindings> = async (c) => {
  const format = negotiateFormat(c.req.header("accept"));
  const body = c.req.valid("json");
  return respondWithComparison(c, body, body.at ?? c.var.services.today(), format);
};
