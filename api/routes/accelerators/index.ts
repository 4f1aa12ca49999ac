import { createRouter } from "../../http/router.js";
import * as handlers from "./accelerators.handlers.js";
import * as routes from "./accelerators.routes.js";

export const acceleratorsRouter = createRouter().openapi(routes.listAccelerators, handlers.listAccelerators);
