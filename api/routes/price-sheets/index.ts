import { createRouter } from "../../http/router.js";
import * as handlers from "./price-sheets.handlers.js";
import * as routes from "./price-sheets.routes.js";

export const priceSheetsRouter = createRouter()
  .openapi(routes.listPriceSheets, handlers.listPriceSheets)
  .openapi(routes.getPriceSheet, handlers.getPriceSheet)
  .openapi(routes.createPriceSheet, handlers.createPriceSheet);
