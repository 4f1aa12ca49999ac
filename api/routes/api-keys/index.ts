import { createRouter } from "../../http/router.js";
import * as handlers from "./api-keys.handlers.js";
import * as routes from "./api-keys.routes.js";

export const apiKeysRouter = createRouter()
  .openapi(routes.createApiKey, handlers.createApiKey)
  .openapi(routes.listApiKeys, handlers.listApiKeys)
  .openapi(routes.revokeApiKey, handlers.revokeApiKey);
