import type { RouteHandler } from "@hono/zod-openapi";
import { estimateApiFees } from "../../domain/api-fees.js";
import { resolveWorkload } from "../../domain/workload.js";
import { presentApiEstimate } from "../../lib/present.js";
import type { AppBindings } from "../../lib/types.js";
import type { estimateApi } from "./estimates.routes.js";

export const postApiEstimate: RouteHandler<typeof estimateApi, AppBindings> = async (c) => {
  const body = c.req.valid("json");
  const at = body.at ?? c.var.services.today();
  const { workload, assumptions } = resolveWorkload(body.workload);
  const { prices: catalog } = await c.var.services.snapshot();
  const data = body.offerings.map((offering, index) => {
    const resolved = catalog.resolveOffering(offering.provider, offering.model, at, `/offerings/${index}`);
    const estimate = estimateApiFees(workload, resolved, offering.model);
    estimate.assumptions.unshift(...assumptions);
    return presentApiEstimate(estimate);
  });
  return c.json({ at, data }, 200);
};
