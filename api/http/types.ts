import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Logger } from "../logging/logger.js";
import type { TenantPrincipal } from "../services/api-keys.js";
import type { Services } from "../services/services.js";

/** Hono bindings shared by every route: the services and the request's logger. */
export interface AppBindings {
  Variables: {
    services: Services;
    logger: Logger;
    requestId: string;
    /** Set by `requireTenantKey` on scenario routes: the caller's tenant and key. */
    tenant?: TenantPrincipal;
  };
}

export type AppOpenAPI = OpenAPIHono<AppBindings>;
