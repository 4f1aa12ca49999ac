import { createRouter } from "../../http/router.js";
import { getPrices } from "./prices.handlers.js";
import { listPrices } from "./prices.routes.js";

export const pricesRouter = createRouter().openapi(listPrices, getPrices);
