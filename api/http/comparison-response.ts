/**
 * A priced comparison as an HTTP response in the negotiated format (JSON, CSV or SVG): shared by
 * `POST /v1/comparisons` and `GET /v1/scenarios/{id}/result`, which differ only in where the
 * comparison comes from.
 */
import type { Context } from "hono";
import { totalTokens } from "../domain/pricing/workload.js";
import { presentComparison } from "../presentation/present-comparison.js";
import { renderComparisonCsv } from "../presentation/render-csv.js";
import { renderCostChartSvg } from "../presentation/render-svg.js";
import type { ComparisonResult } from "../services/comparisons.js";
import type { ResultFormat } from "./negotiate.js";
import type { AppBindings } from "./types.js";

/** `result` (priced at `at`) as JSON, CSV or an SVG chart; a chart needs the result's sweep. */
export function comparisonResponse(
  c: Context<AppBindings>,
  result: ComparisonResult,
  at: string,
  format: ResultFormat,
): Response {
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
