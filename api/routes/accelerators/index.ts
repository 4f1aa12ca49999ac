import { createRouter } from "../../http/router.js";
import { getAccelerators } from "./accelerators.handlers.js";
import { listAccelerators } from "./accelerators.routes.js";

export const acceleratorsRouter = createRouter().openapi(listAccelerators, getAccelerators);
