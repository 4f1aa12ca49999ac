import { createRouter } from "../../http/router.js";
import * as handlers from "./models.handlers.js";
import * as routes from "./models.routes.js";

export const modelsRouter = createRouter()
  .openapi(routes.listModels, handlers.listModels)
  .openapi(routes.getModel, handlers.getModel);
