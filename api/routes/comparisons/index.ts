import { createRouter } from "../../http/router.js";
import * as handlers from "./comparisons.handlers.js";
import * as routes from "./comparisons.routes.js";

export const comparisonsRouter = createRouter().openapi(routes.compareOptions, handlers.compareOptions);
