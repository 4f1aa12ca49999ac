import { createRouter } from "../../http/router.js";
import { getModelById, getModels } from "./models.handlers.js";
import { getModel, listModels } from "./models.routes.js";

export const modelsRouter = createRouter().openapi(listModels, getModels).openapi(getModel, getModelById);
