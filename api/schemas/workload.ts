import { z } from "@hono/zod-openapi";
import { EXAMPLE_WORKLOAD } from "../examples.js";
import { decimalInput, shareInput, tokenCountInput } from "./common.js";

export const WorkloadSchema = z
  .object({
    inputTokensPerMonth: tokenCountInput("Input tokens per month, including cached ones", 2_000_000_000),
    outputTokensPerMonth: tokenCountInput("Output tokens per month", 500_000_000),
    cachedInputShare: shareInput(
      "Share of input tokens read from the prompt cache (default 0)",
      "0.25",
    ).optional(),
    cacheWriteShare: shareInput(
      "Share of input tokens written to the prompt cache (default 0)",
      "0.05",
    ).optional(),
    batchShare: shareInput("Share of tokens sent through batch APIs (default 0)", "0").optional(),
    inputTokensPerRequest: tokenCountInput(
      "Typical input tokens per request; selects context tiers (default: below every tier)",
      1500,
    ).optional(),
    peakToAverage: decimalInput({
      min: "1",
      max: "1000",
      description: "Peak-to-average load ratio for capacity planning (default 1)",
      example: "1",
    }).optional(),
  })
  .openapi("Workload", {
    description:
      "A monthly workload. `inputTokensPerMonth` includes cached tokens: cache reads and writes are parts of it. Only the two token volumes are required.",
    example: {
      ...EXAMPLE_WORKLOAD,
      cachedInputShare: "0.25",
      cacheWriteShare: "0.05",
      batchShare: "0",
      inputTokensPerRequest: 1500,
      peakToAverage: "1",
    },
  });
