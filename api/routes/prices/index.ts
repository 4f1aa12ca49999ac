import { createRouter } from "../../http/router.js";
import * as handlers from "./prices.handlers.js";
import * as routes from "./prices.routes.js";

export const pricesRouter = createRouter().openapi(routes.listPrices, handlers.listPrices);
