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
    cacheWrite1hShare: shareInput(
      "Share of input tokens written to the 1-hour prompt cache (default 0)",
      "0",
    ).optional(),
    reasoningOutputShare: shareInput(
      "Share of output tokens that are reasoning tokens, priced at the reasoning rate where one is given (default 0)",
      "0.6",
    ).optional(),
    batchShare: shareInput(
      "Share of tokens sent through batch APIs (default 0); shorthand for serviceTierMix.batch (both given and different → 422). Kept from v1: on a price with no batch rate, a batchShare is priced at full rates and `warnings[]` says so (the same share in serviceTierMix.batch → 422)",
      "0",
    ).optional(),
    serviceTierMix: z
      .object({
        batch: shareInput("Share on the batch tier", "0.2").optional(),
        flex: shareInput("Share on the flex tier", "0").optional(),
        priority: shareInput("Share on the priority tier", "0.1").optional(),
        fast: shareInput("Share on the fast tier", "0").optional(),
      })
      .strict()
      .optional()
      .openapi({
        description:
          "Shares of the traffic per service tier (sum ≤ 1; the remainder is the standard tier). A tier the price does not offer → 422 at `/workload/serviceTierMix/<tier>`, never a standard price.",
      }),
    requestSizeMix: z
      .array(
        z
          .object({
            share: shareInput("Share of every token volume carried by requests of this size", "0.9"),
            inputTokensPerRequest: tokenCountInput("Input tokens per request of this class", 2000),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .optional()
      .openapi({ description: "Request-size classes, each priced on its own bands; shares sum to 1" }),
    requestsPerMonth: tokenCountInput(
      "Requests per month, for request fees (default: input ÷ inputTokensPerRequest where given)",
      1000000,
    ).optional(),
    toolCallsPerMonth: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]*$/, "must be a tool id such as web-search")
          .max(100),
        tokenCountInput("Calls per month of this tool", 20000),
      )
      .optional()
      .openapi({ description: 'Calls per month per server-side tool, e.g. { "web-search": 20000 }' }),
    hourlyShareUtc: z
      .array(
        decimalInput({ min: "0", max: "1000000000", description: "Weight of this UTC hour", example: "1" }),
      )
      .length(24)
      .optional()
      .openapi({
        description:
          "24 non-negative weights, one per UTC hour (positive sum); each hour's share is its weight ÷ the sum (default flat). Prices time-of-day windows.",
      }),
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
  .superRefine((w, ctx) => {
    if (w.hourlyShareUtc?.every((h) => h.isZero())) {
      ctx.addIssue({
        code: "custom",
        path: ["hourlyShareUtc"],
        message: "the 24 weights must have a positive sum",
      });
    }
  })
  .openapi("Workload", {
    description:
      "A monthly workload. `inputTokensPerMonth` includes cached tokens: cache reads and writes are parts of it. Only the two token volumes are required.",
    example: {
      ...EXAMPLE_WORKLOAD,
      cachedInputShare: "0.25",
      cacheWriteShare: "0.05",
      cacheWrite1hShare: "0",
      reasoningOutputShare: "0.6",
      serviceTierMix: { batch: "0.2", flex: "0", priority: "0.1", fast: "0" },
      inputTokensPerRequest: 1500,
      requestsPerMonth: 1000000,
      toolCallsPerMonth: { "web-search": 20000 },
      peakToAverage: "1",
    },
  });
