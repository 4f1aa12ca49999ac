/** Wire schemas of comparisons and saved scenarios. */
import { z } from "@hono/zod-openapi";
import { EXAMPLE_COMPARISON } from "../examples.js";
import {
  AssumptionSchema,
  CurrencyCode,
  DecimalString,
  IsoDate,
  LineItemSchema,
  storedName,
  storedText,
  tokenCountInput,
} from "./common.js";
import { ApiEstimateSchema } from "./estimates.js";
import { DeploymentSchema, SelfHostedEstimateSchema } from "./self-hosted.js";
import { WorkloadSchema } from "./workload.js";

const optionName = storedText(1, 120).openapi({
  description: "Unique name of the option in this comparison",
  example: "8×H100 bought",
});

export const ApiOptionSchema = z
  .object({
    kind: z.literal("api"),
    provider: z.string().min(1).max(100).openapi({ example: "openai" }),
    model: z.string().min(1).max(200).openapi({ example: "gpt-5" }),
    region: z.string().min(1).max(100).optional().openapi({
      description: "Regional / data-residency uplift to apply (one of the price's regions)",
      example: "us",
    }),
  })
  .openapi("ApiOption", { description: "An API offering; named `provider/model` in results." });

export const SelfHostedOptionSchema = z
  .object({ kind: z.literal("self-hosted"), name: optionName, deployment: DeploymentSchema })
  .openapi("SelfHostedOption");

export const HybridOptionSchema = z
  .object({
    kind: z.literal("hybrid"),
    name: optionName,
    deployment: DeploymentSchema,
    replicas: z.union([z.number().int().min(0).max(100_000), z.literal("optimal")]).openapi({
      description: 'Replicas to run, or "optimal" for the count with the lowest monthly cost',
      example: 1,
    }),
    overflow: z.object({ provider: z.string().min(1).max(100), model: z.string().min(1).max(200) }).openapi({
      description: "The API that takes what the replicas cannot serve",
      example: { provider: "openai", model: "gpt-5" },
    }),
  })
  .openapi("HybridOption", {
    description:
      "The given replicas serve up to their capacity; the overflow API takes the rest (the seed article's hybrid future).",
  });

export const ComparisonOptionSchema = z
  .discriminatedUnion("kind", [ApiOptionSchema, SelfHostedOptionSchema, HybridOptionSchema])
  .openapi("ComparisonOption");

export const SweepRequestSchema = z
  .object({
    points: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .openapi({ description: "Volumes to price, log-spaced (2–1000)", example: 50 }),
    from: tokenCountInput(
      "Lowest monthly volume, input + output tokens (default 1 % of the workload)",
      10_000_000,
    ).optional(),
    to: tokenCountInput("Highest monthly volume (default 100 × the workload)", 100_000_000_000).optional(),
  })
  .openapi("SweepRequest");

export const ComparisonRequestSchema = z
  .object({
    workload: WorkloadSchema,
    options: z.array(ComparisonOptionSchema).min(1).max(50),
    at: IsoDate.optional().openapi({ description: "Price at this date (default today, UTC)" }),
    sweep: SweepRequestSchema.optional(),
    sensitivity: z
      .object({
        selfHosted: z
          .string()
          .min(1)
          .openapi({ description: "Name of a self-hosted option", example: "8×H100 bought" }),
        api: z
          .string()
          .min(1)
          .openapi({ description: "Name of an API option (`provider/model`)", example: "openai/gpt-5" }),
      })
      .optional()
      .openapi({ description: "Tornado table (±20 %) for one self-hosted × API pair" }),
  })
  .openapi("ComparisonRequest", { example: { ...EXAMPLE_COMPARISON, sweep: { points: 50 } } });

export const HybridEstimateSchema = z
  .object({
    kind: z.literal("hybrid"),
    name: z.string(),
    currency: CurrencyCode,
    replicas: z.number().int(),
    replicasChosen: z.enum(["given", "optimal"]),
    replicasToServeAll: z.number().int(),
    monthlyCost: DecimalString,
    selfHostedMonthlyCost: DecimalString,
    overflowMonthlyCost: DecimalString,
    selfServedTokensPerMonth: DecimalString,
    overflowTokensPerMonth: DecimalString,
    costPerMillionTokens: DecimalString.nullable(),
    tokensPerReplicaMonth: DecimalString.nullable(),
    utilization: DecimalString.nullable(),
    search: z.array(z.object({ replicas: z.number().int(), monthlyCost: DecimalString })).nullable(),
    overflow: ApiEstimateSchema,
    deployment: SelfHostedEstimateSchema.openapi({
      description: "The deployment estimated for the whole workload (throughput, memory, hourly cost)",
    }),
    lineItems: z.array(LineItemSchema),
    assumptions: z.array(AssumptionSchema),
    warnings: z.array(z.string()),
  })
  .openapi("HybridEstimate");

export const ComparedOptionSchema = z
  .object({
    rank: z.number().int().openapi({ description: "1 = cheapest; ties keep request order" }),
    index: z.number().int().openapi({ description: "Position of the option in the request" }),
    name: z.string(),
    kind: z.enum(["api", "self-hosted", "hybrid"]),
    currency: CurrencyCode,
    monthlyCost: DecimalString,
    costPerMillionTokens: DecimalString.nullable(),
    estimate: z.union([ApiEstimateSchema, SelfHostedEstimateSchema, HybridEstimateSchema]),
  })
  .openapi("ComparedOption");

export const BreakEvenSchema = z
  .object({
    selfHosted: z.string(),
    api: z.string(),
    currency: CurrencyCode,
    monthlyTokens: DecimalString.nullable().openapi({
      description:
        "Smallest monthly volume (input + output tokens, at the workload's mix) at which self-hosting is strictly cheaper; null when it never is",
      example: "2400000000",
    }),
    reason: z
      .string()
      .nullable()
      .openapi({ description: "Why there is no break-even (with both $/1M figures)" }),
    summary: z.string(),
    apiMonthlyCost: DecimalString.nullable(),
    selfHostedMonthlyCost: DecimalString.nullable(),
    replicas: z.number().int().nullable(),
    staysCheaper: z.boolean().nullable(),
    cheaperAtAllVolumesFrom: DecimalString.nullable(),
    apiCostPerMillionTokens: DecimalString,
    selfHostedCostPerMillionTokensAtFullUse: DecimalString.nullable(),
    replicaMonthlyCost: DecimalString,
    fixedMonthlyCost: DecimalString,
    tokensPerReplicaMonth: DecimalString.nullable(),
    breakEvenUtilization: DecimalString.nullable().openapi({
      description: "Utilisation of one replica at which it costs what the API would for the same tokens",
    }),
    breakEvenUtilizationNote: z.string(),
  })
  .openapi("BreakEven");

export const SweepSchema = z
  .object({
    currency: CurrencyCode,
    from: DecimalString,
    to: DecimalString,
    points: z.number().int(),
    volumes: z
      .array(DecimalString)
      .openapi({ description: "Monthly volumes, input + output tokens, ascending" }),
    series: z.array(
      z.object({
        name: z.string(),
        kind: z.enum(["api", "self-hosted", "hybrid"]),
        index: z.number().int(),
        costs: z.array(DecimalString).openapi({ description: "Monthly cost at each volume" }),
      }),
    ),
    assumptions: z.array(AssumptionSchema),
  })
  .openapi("Sweep");

const SensitivityCaseSchema = z.object({
  value: DecimalString,
  monthlyTokens: DecimalString.nullable(),
  note: z.string().nullable(),
});

export const SensitivitySchema = z
  .object({
    selfHosted: z.string(),
    api: z.string(),
    swing: DecimalString,
    base: BreakEvenSchema,
    rows: z.array(
      z.object({
        parameter: z.string(),
        label: z.string(),
        field: z.string(),
        unit: z.string(),
        base: DecimalString,
        low: SensitivityCaseSchema,
        high: SensitivityCaseSchema,
        spread: DecimalString.nullable(),
        influence: z.enum(["decides-whether", "moves", "none"]),
      }),
    ),
    skipped: z.array(z.object({ parameter: z.string(), label: z.string(), reason: z.string() })),
  })
  .openapi("Sensitivity", {
    description: "Tornado table: break-even at ±20 % of each assumption, most influential first",
  });

export const ComparisonSchema = z
  .object({
    at: z.string().openapi({ example: "2026-11-01" }),
    currency: CurrencyCode,
    data: z
      .array(ComparedOptionSchema)
      .openapi({ description: "Options ranked cheapest first, each with its full estimate" }),
    breakEven: z.array(BreakEvenSchema).openapi({ description: "Every self-hosted × API pair" }),
    sweep: SweepSchema.optional(),
    sensitivity: SensitivitySchema.optional(),
  })
  .openapi("Comparison");

export const ScenarioInputSchema = z
  .object({
    name: storedName(200).openapi({ example: "Support bot, 2.5B tokens/month" }),
    comparison: ComparisonRequestSchema,
  })
  .openapi("ScenarioInput");

export const ScenarioSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    createdAt: z.string(),
    comparison: ComparisonRequestSchema.openapi({ description: "The comparison request as saved" }),
  })
  .openapi("Scenario");
