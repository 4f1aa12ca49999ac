import { createRouter } from "../../http/router.js";
import { postComparison } from "./comparisons.handlers.js";
import { compareRoute } from "./comparisons.routes.js";

export const comparisonsRouter = createRouter().openapi(compareRoute, postComparison);
