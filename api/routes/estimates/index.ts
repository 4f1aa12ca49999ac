import { createRouter } from "../../http/router.js";
import * as handlers from "./estimates.handlers.js";
import * as routes from "./estimates.routes.js";

export const estimatesRouter = createRouter()
  .openapi(routes.estimateApiCost, handlers.estimateApiCost)
  .openapi(routes.estimateSelfHostedCost, handlers.estimateSelfHostedCost);
