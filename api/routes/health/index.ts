import { createRouter } from "../../http/router.js";
import * as handlers from "./health.handlers.js";
import * as routes from "./health.routes.js";

export const healthRouter = createRouter()
  .openapi(routes.getHealth, handlers.getHealth)
  .openapi(routes.getReadiness, handlers.getReadiness);
