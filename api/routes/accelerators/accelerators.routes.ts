import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponses } from "../../http/router.js";
import { listOf } from "../../schemas/common.js";
import { AcceleratorSchema } from "../../schemas/self-hosted.js";

export const listAccelerators = createRoute({
  method: "get",
  path: "/v1/accelerators",
  operationId: "listAccelerators",
  tags: ["Catalogue"],
  summary: "List accelerators",
  description:
    "GPUs and other accelerators with memory, bandwidth, dense TFLOPS, TDP and dated, sourced reference purchase and rental prices (the first of each list is the default the estimates use).",
  responses: {
    200: jsonContent(listOf(AcceleratorSchema).openapi("AcceleratorList"), "Accelerators"),
    ...problemResponses(503),
  },
});
