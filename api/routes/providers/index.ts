import { createRouter } from "../../http/router.js";
import * as handlers from "./providers.handlers.js";
import * as routes from "./providers.routes.js";

export const providersRouter = createRouter().openapi(routes.listProviders, handlers.listProviders);
