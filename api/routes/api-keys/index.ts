import { createRouter } from "../../http/router.js";
import { deleteApiKey, getApiKeys, postApiKey } from "./api-keys.handlers.js";
import { createApiKey, listApiKeysRoute, revokeApiKeyRoute } from "./api-keys.routes.js";

export const apiKeysRouter = createRouter()
  .openapi(createApiKey, postApiKey)
  .openapi(listApiKeysRoute, getApiKeys)
  .openapi(revokeApiKeyRoute, deleteApiKey);
