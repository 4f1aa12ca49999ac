import { createRouter } from "../../lib/router.js";
import { postApiEstimate } from "./estimates.handlers.js";
import { estimateApi } from "./estimates.routes.js";

export const estimatesRouter = createRouter().openapi(estimateApi, postApiEstimate);
