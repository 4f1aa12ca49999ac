import { createRouter } from "../../http/router.js";
import * as handlers from "./scenarios.handlers.js";
import * as routes from "./scenarios.routes.js";

export const scenariosRouter = createRouter()
  .openapi(routes.createScenario, handlers.createScenario)
  .openapi(routes.listScenarios, handlers.listScenarios)
  .openapi(routes.getScenario, handlers.getScenario)
  .openapi(routes.deleteScenario, handlers.deleteScenario)
  .openapi(routes.getScenarioResult, handlers.getScenarioResult);
