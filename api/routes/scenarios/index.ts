import { createRouter } from "../../http/router.js";
import {
  deleteScenarioById,
  getScenarioById,
  getScenarioResultById,
  getScenarios,
  postScenario,
} from "./scenarios.handlers.js";
import {
  createScenario,
  deleteScenarioRoute,
  getScenario,
  getScenarioResult,
  listScenariosRoute,
} from "./scenarios.routes.js";

export const scenariosRouter = createRouter()
  .openapi(createScenario, postScenario)
  .openapi(listScenariosRoute, getScenarios)
  .openapi(getScenario, getScenarioById)
  .openapi(deleteScenarioRoute, deleteScenarioById)
  .openapi(getScenarioResult, getScenarioResultById);
