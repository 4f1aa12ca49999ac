import { z } from "@hono/zod-openapi";
import { EXAMPLE_API_OFFERING, EXAMPLE_AT } from "../examples.js";
import { AssumptionSchema, CurrencyCode, DecimalString, IsoDate, LineItemSchema } from "./common.js";
import { WorkloadSchema } from "./workload.js";

export const ApiOfferingSchema = z
  .object({
    provider: z.string().min(1).max(100).openapi({ example: "openai" }),
    model: z.string().min(1).max(200).openapi({
      description: "Model id or the provider's alias (resolved at `at`)",
      example: "gpt-5",
    }),
    region: z.string().min(1).max(100).optional().openapi({
      description: "Regional / data-residency uplift to apply (one of the price's regions)",
      example: "us",
    }),
  })
  .openapi("ApiOffering");

export const ApiEstimateRequestSchema = z
  .object({
    workload: WorkloadSchema,
    offerings: z.array(ApiOfferingSchema).min(1).max(50),
    at: IsoDate.optional().openapi({ description: "Price at this date (default today, UTC)" }),
  })
  .openapi("ApiEstimateRequest", {
    example: {
      workload: { inputTokensPerMonth: 1000000, outputTokensPerMonth: 1000000 },
      offerings: [EXAMPLE_API_OFFERING],
      at: EXAMPLE_AT,
    },
  });

export const ApiEstimateSchema = z
  .object({
    kind: z.literal("api"),
    provider: z.string().openapi({ example: "openai" }),
    model: z.string().openapi({ description: "The dated model the request resolved to", example: "gpt-5" }),
    requestedModel: z.string().openapi({ description: "The model or alias as requested", example: "gpt-5" }),
    region: z.string().nullable().openapi({ description: "The region whose uplift was applied, or null" }),
    priceSheetId: z.string().openapi({ example: "openai-2024-10-01" }),
    effectiveFrom: z.string().openapi({ example: "2024-10-01" }),
    currency: CurrencyCode,
    tierAboveInputTokens: z.number().int().nullable().openapi({
      description: "Threshold of the context tier applied, or null for base rates",
      example: null,
    }),
    monthlyCost: DecimalString.openapi({ example: "11.25" }),
    costPerMillionTokens: DecimalString.nullable().openapi({
      description: "monthlyCost per 1M tokens, blended over input + output; null for a zero workload",
      example: "6.25",
    }),
    lineItems: z.array(LineItemSchema),
    assumptions: z.array(AssumptionSchema),
    warnings: z.array(z.string()),
  })
  .openapi("ApiEstimate");

export const ApiEstimateResponseSchema = z
  .object({
    at: z.string().openapi({ example: "2026-11-01" }),
    data: z.array(ApiEstimateSchema),
  })
  .openapi("ApiEstimateResponse");
