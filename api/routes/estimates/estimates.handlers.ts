import type { RouteHandler, z } from "@hono/zod-openapi";
import { resolveWorkload } from "../../domain/pricing/workload.js";
import { preparedJson } from "../../http/router.js";
import type { AppBindings } from "../../http/types.js";
import { apiEstimatesJson } from "../../presentation/api-estimates-json.js";
import { presentSelfHostedEstimate } from "../../presentation/present.js";
import type { ApiEstimateResponseSchema } from "../../schemas/estimates.js";
import { apiEstimate, selfHostedEstimate } from "../../services/estimates.js";
import type * as routes from "./estimates.routes.js";

export const estimateApiCost: RouteHandler<typeof routes.estimateApiCost, AppBindings> = async (c) => {
  const body = c.req.valid("json");
  const at = body.at ?? c.var.services.today();
  const { workload, assumptions } = resolveWorkload(body.workload);
  const snapshot = await c.var.services.snapshot();
  const estimates = body.offerings.map((offering, index) => {
    const estimate = apiEstimate(snapshot, workload, offering, at, `/offerings/${index}`);
    estimate.assumptions.unshift(...assumptions);
    return estimate;
  });
  // The bytes of c.json({ at, data: estimates.map(presentApiEstimate) }), written directly.
  return preparedJson<z.output<typeof ApiEstimateResponseSchema>>(c, apiEstimatesJson(at, estimates));
};

export const estimateSelfHostedCost: RouteHandler<typeof routes.estimateSelfHostedCost, AppBindings> = async (
  c,
) => {
  const body = c.req.valid("json");
  const { workload, assumptions } = resolveWorkload(body.workload);
  const snapshot = await c.var.services.snapshot();
  const estimate = selfHostedEstimate(snapshot, workload, body.deployment);
  estimate.assumptions.unshift(...assumptions);
  return c.json(presentSelfHostedEstimate(estimate), 200);
};
