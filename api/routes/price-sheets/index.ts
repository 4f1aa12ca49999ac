import { createRouter } from "../../http/router.js";
import { getPriceSheetById, getPriceSheets, postPriceSheet } from "./price-sheets.handlers.js";
import { createPriceSheet, getPriceSheet, listPriceSheets } from "./price-sheets.routes.js";

export const priceSheetsRouter = createRouter()
  .openapi(listPriceSheets, getPriceSheets)
  .openapi(getPriceSheet, getPriceSheetById)
  .openapi(createPriceSheet, postPriceSheet);
