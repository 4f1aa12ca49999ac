import { createRouter } from "../../http/router.js";
import { getProviders } from "./providers.handlers.js";
import { listProviders } from "./providers.routes.js";

export const providersRouter = createRouter().openapi(listProviders, getProviders);
