import { createRouter } from "../../http/router.js";
import { getHealth, getReadiness } from "./health.handlers.js";
import { healthz, readyz } from "./health.routes.js";

export const healthRouter = createRouter().openapi(healthz, getHealth).openapi(readyz, getReadiness);
