import { createRouter } from "../../http/router.js";
import { postApiEstimate, postSelfHostedEstimate } from "./estimates.handlers.js";
import { estimateApi, estimateSelfHostedRoute } from "./estimates.routes.js";

export const estimatesRouter = createRouter()
  .openapi(estimateApi, postApiEstimate)
  .openapi(estimateSelfHostedRoute, postSelfHostedEstimate);
