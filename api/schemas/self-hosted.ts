/** Wire schemas of self-hosted estimates and the accelerator catalogue. */
import { z } from "@hono/zod-openapi";
import type { ThroughputRequest } from "../domain/self-hosting/self-hosted.js";
import { EXAMPLE_DEPLOYMENT, EXAMPLE_WORKLOAD } from "../examples.js";
import { ArchitectureSchema } from "./architecture.js";
import {
  AssumptionSchema,
  CurrencyCode,
  DecimalString,
  decimalInput,
  LineItemSchema,
  moneyInput,
  nameReceived,
  shareInput,
} from "./common.js";
import { WorkloadSchema } from "./workload.js";

export const PrecisionSchema = z
  .enum(["bf16", "fp16", "fp8", "int8", "int4", "fp4"], {
    error: (issue) =>
      `unknown precision ${nameReceived(issue.input)}; expected bf16, fp16, fp8, int8, int4 or fp4`,
  })
  .openapi("Precision", {
    description:
      "Numeric precision of weights (or the KV cache). fp4 = the model's native 4-bit format where it has one (MXFP4 for gpt-oss), else NVFP4 on NVIDIA and MXFP4 elsewhere, with block scales (4.5 / 4.25 bits); on hardware without FP4 math it runs weight-only",
  });

const KV_PRECISIONS = ["bf16", "fp16", "fp8", "int8", "int4", "fp4"] as const;

/** KV-cache precision: a wider element (fp32, fp64) than any supported is refused by name. */
export const KvCachePrecisionSchema = z
  .string()
  .superRefine((v, ctx) => {
    if ((KV_PRECISIONS as readonly string[]).includes(v)) return;
    const wide = /^(fp|float|f)(32|64)$|^tf32$/i.test(v);
    ctx.addIssue({
      code: "custom",
      message: wide
        ? `${nameReceived(v)} is wider than any supported KV-cache precision (${KV_PRECISIONS.join(", ")}): the widest is 16-bit`
        : `unknown KV-cache precision ${nameReceived(v)}; expected one of ${KV_PRECISIONS.join(", ")}`,
    });
  })
  .transform((v) => v as (typeof KV_PRECISIONS)[number])
  .openapi({
    type: "string",
    enum: [...KV_PRECISIONS],
    description:
      "Element size of the KV cache, apart from the weights. Default: the weights' precision for bf16/fp16, fp8 for 8- and 4-bit weights",
  });

/**
 * One object rather than a union, so a bad field gets its own pointer (`/deployment/throughput/
 * tokensPerSecond`) instead of "no union member matched" at the parent.
 */
export const ThroughputInputSchema = z
  .object({
    source: z.enum(["given", "benchmark", "estimate"]).optional().openapi({
      description: "given (with tokensPerSecond; the default when it is present), benchmark or estimate",
    }),
    tokensPerSecond: decimalInput({
      min: "0",
      minExclusive: true,
      max: "100000000",
      description: "Tokens per second of one replica",
      example: "24524.9",
    }).optional(),
    counts: z
      .enum(["output", "total"])
      .optional()
      .openapi({ description: "Which tokens the figure counts (default output)", example: "output" }),
  })
  .superRefine((t, ctx) => {
    const source = t.source ?? (t.tokensPerSecond ? "given" : undefined);
    if (source === "given" && !t.tokensPerSecond) {
      ctx.addIssue({
        code: "custom",
        path: ["tokensPerSecond"],
        message: "is required when the throughput is given",
      });
    }
    if (source !== "given" && (t.tokensPerSecond || t.counts)) {
      ctx.addIssue({
        code: "custom",
        path: ["source"],
        message: `must be "given" (or omitted) when tokensPerSecond is sent`,
      });
    }
    if (source === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["source"],
        message: 'send tokensPerSecond, or source "benchmark" or "estimate"',
      });
    }
  })
  .transform(
    (t): ThroughputRequest =>
      t.tokensPerSecond
        ? { tokensPerSecond: t.tokensPerSecond, ...(t.counts ? { counts: t.counts } : {}) }
        : { source: t.source as "benchmark" | "estimate" },
  )
  .openapi("ThroughputInput", {
    description:
      'Throughput of one replica: given (`tokensPerSecond`, `counts`), the closest published measurement (`{ "source": "benchmark" }`) or a calibrated roofline estimate (`{ "source": "estimate" }`). Omitted: benchmark if one matches, else estimate.',
    example: { tokensPerSecond: "24524.9", counts: "output" },
  });

const PurchaseSchema = z.object({
  mode: z.literal("purchase"),
  pricePerAccelerator: moneyInput(
    "Purchase price per accelerator, USD (default: catalogue reference)",
    "33750",
  ).optional(),
  overheadPerReplica: moneyInput("Extra capital per replica (server, network), USD", "0").optional(),
  // At least about a month: shorter "lifetimes" only turn hardware into absurd hourly costs.
  lifetimeYears: decimalInput({
    min: "0.08",
    max: "50",
    description: "Economic life in years",
    example: "4",
  }).optional(),
  residualValueShare: shareInput("Resale value at end of life, as a share of the price", "0.2").optional(),
  costOfCapital: decimalInput({
    min: "0",
    max: "1",
    description: "Annual cost of capital (0 = straight line)",
    example: "0.08",
  }).optional(),
  maintenanceShare: shareInput("Maintenance per year as a share of the price", "0.05").optional(),
});

const RentSchema = z.object({
  mode: z.literal("rent"),
  pricePerAcceleratorHour: moneyInput(
    "Rent per accelerator-hour, USD (default: catalogue reference)",
    "2.99",
  ).optional(),
});

export const AcquisitionSchema = z
  .discriminatedUnion("mode", [PurchaseSchema, RentSchema])
  .openapi("Acquisition", {
    description: "Buy the hardware (amortised, financed, maintained) or rent it by the hour.",
  });

export const DeploymentSchema = z
  .object({
    model: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "Open-weight model id", example: "gpt-oss-120b" }),
    accelerator: z
      .string()
      .min(1)
      .max(100)
      .openapi({ description: "Accelerator id (see GET /v1/accelerators)", example: "h200" }),
    acceleratorsPerReplica: z.number().int().min(1).max(1024).optional().openapi({
      description: "Default: the smallest power of two (≤ 8) whose memory fits the model",
      example: 8,
    }),
    precision: PrecisionSchema.optional(),
    kvCachePrecision: KvCachePrecisionSchema.optional(),
    architecture: ArchitectureSchema.optional().openapi({
      description:
        "Architecture to use instead of the catalogue's (a fine-tune or a variant with another shape); checked like the catalogue's: an unknown attention type or precision, expertsPerToken above experts, a sliding window wider than the context → 422",
    }),
    contextTokens: z.number().int().min(1).max(100_000_000).optional().openapi({
      description:
        "Longest sequence (input + output tokens) the deployment serves, for the memory fit. Default: the model's context window",
      example: 131072,
    }),
    interactivity: z
      .object({
        minOutputTokensPerSecondPerUser: decimalInput({
          min: "0",
          minExclusive: true,
          max: "100000",
          description: "Decode speed each user must still get, output tokens/s",
          example: "50",
        }),
      })
      .strict()
      .optional()
      .openapi({
        description:
          "Asks for the throughput that still gives each user this decode speed (the batch is limited to it); a target no batch reaches is a 422 saying what the hardware can reach. Only published measurements taken at a speed meeting the target are used.",
      }),
    local: z.boolean().optional().openapi({
      description:
        "Local, single-user batch-1 use (GPT4All-class). Default: consumer hardware that is bought",
    }),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .optional()
      .openapi({ description: "Sequences decoded together in the estimate" }),
    throughput: ThroughputInputSchema.optional(),
    acquisition: AcquisitionSchema.optional(),
    power: z
      .object({
        wattsPerReplica: decimalInput({
          min: "0",
          max: "10000000",
          description: "Wall power of one replica, W",
          example: "10200",
        }).optional(),
        loadFactor: shareInput("Average draw as a share of wattsPerReplica", "0.75").optional(),
        pue: decimalInput({
          min: "1",
          max: "10",
          description: "Power usage effectiveness (≥ 1)",
          example: "1.3",
        }).optional(),
        pricePerKwh: moneyInput("Electricity, USD per kWh", "0.10").optional(),
      })
      .optional()
      .openapi({
        description:
          "Energy. With rented hardware, give wattsPerReplica only for colocation (cloud rent includes power).",
      }),
    facilitiesPerReplicaMonth: moneyInput("Facilities per replica-month, USD", "200").optional(),
    operations: z
      .object({
        fte: decimalInput({
          min: "0",
          max: "10000",
          description: "Operations staff, full-time equivalents",
          example: "0.25",
        }).optional(),
        costPerFteMonth: moneyInput("Cost per FTE-month, USD", "18000").optional(),
      })
      .optional(),
    maxUtilization: decimalInput({
      min: "0",
      minExclusive: true,
      max: "1",
      description: "Planning ceiling on utilisation of each replica",
      example: "0.9",
    }).optional(),
    memoryMargin: decimalInput({
      min: "0",
      max: "0.9",
      description: "Share of memory kept free",
      example: "0.1",
    }).optional(),
  })
  .openapi("Deployment", {
    description:
      "A self-hosting plan. Only `model` and `accelerator` are required; every omitted field takes a sourced catalogue default listed in the response's `assumptions[]`.",
    example: {
      model: "llama-3-70b",
      accelerator: "h100-sxm",
      acceleratorsPerReplica: 8,
      precision: "fp8",
      throughput: { tokensPerSecond: "24524.9", counts: "output" },
      acquisition: {
        mode: "purchase",
        pricePerAccelerator: "33750",
        lifetimeYears: "3",
        residualValueShare: "0",
        costOfCapital: "0",
        maintenanceShare: "0.05",
      },
      power: { wattsPerReplica: "10200", loadFactor: "1", pue: "1.3", pricePerKwh: "0.10" },
      facilitiesPerReplicaMonth: "0",
      operations: { fte: "0", costPerFteMonth: "0" },
      maxUtilization: "1",
    },
  });

export const SelfHostedEstimateRequestSchema = z
  .object({ workload: WorkloadSchema, deployment: DeploymentSchema })
  .openapi("SelfHostedEstimateRequest", {
    example: {
      workload: EXAMPLE_WORKLOAD,
      deployment: {
        model: EXAMPLE_DEPLOYMENT.model,
        accelerator: EXAMPLE_DEPLOYMENT.accelerator,
        acquisition: { mode: "rent" },
      },
    },
  });

export const SelfHostedEstimateSchema = z
  .object({
    kind: z.literal("self-hosted"),
    model: z.string().openapi({ example: "gpt-oss-120b" }),
    accelerator: z.string().openapi({ example: "h200" }),
    currency: CurrencyCode,
    monthlyCost: DecimalString,
    replicas: z.number().int().openapi({ example: 1 }),
    hourlyCostPerReplica: DecimalString.openapi({
      description:
        "Capital + maintenance (or rent) + energy + facilities per replica-hour; operations excluded",
    }),
    capacityTokensPerMonth: DecimalString.openapi({
      description: "Per replica, at maxUtilization, in the tokens the throughput counts",
    }),
    requiredTokensPerMonth: DecimalString.openapi({
      description: "Tokens the replicas must serve (peak-adjusted), in the tokens the throughput counts",
    }),
    utilization: DecimalString.openapi({
      description: "Average utilisation of the replicas (no peak factor)",
    }),
    costPerMillionTokens: DecimalString.nullable().openapi({
      description: "Blended over input + output tokens",
    }),
    costPerMillionOutputTokens: DecimalString.nullable(),
    deployment: z.object({
      acceleratorsPerReplica: z.number().int(),
      precision: PrecisionSchema,
      kvCachePrecision: PrecisionSchema,
      local: z.boolean(),
      acquisitionMode: z.enum(["purchase", "rent"]),
    }),
    throughput: z
      .object({
        tokensPerSecond: DecimalString.openapi({ description: "Per replica" }),
        counts: z.enum(["output", "total"]),
        source: z.enum(["given", "benchmark", "estimate"]),
        reference: z.string().nullable().openapi({ description: "Source of the benchmark, if any" }),
        benchmarkId: z.string().nullable(),
        detail: z.string(),
        factors: z
          .object({
            memoryEfficiency: DecimalString,
            computeEfficiency: DecimalString,
            tensorParallelLoss: DecimalString,
            maxConcurrentSequences: z.number().int().openapi({
              description: "Cap on sequences decoded together, per accelerator of a tensor-parallel group",
            }),
            weightOnlyDerate: DecimalString,
            stepOverheadSecondsPerLayer: DecimalString,
          })
          .nullable()
          .openapi({ description: "Efficiency factors of a roofline estimate" }),
        concurrentSequences: z.number().int().optional().openapi({
          description:
            "Sequences the replica decodes together (roofline estimate; with interactivity, the most that keep the per-user speed)",
        }),
        outputTokensPerSecondPerUser: DecimalString.optional().openapi({
          description: "Decode speed each user sees at that concurrency (1 / time per output token)",
        }),
      })
      .openapi("Throughput"),
    memory: z
      .object({
        weightsGB: DecimalString,
        kvCacheGBPerSequence: DecimalString.openapi({
          description:
            "KV cache of one sequence at the model's context length (KV heads, not attention heads)",
        }),
        kvCacheBytesPerToken: DecimalString.openapi({
          description:
            "KV bytes per token of context that grow without bound: all layers for GQA/MHA, the latent (kvLoraRank + ropeHeadDim) per layer for MLA, only the full-attention layers when others slide",
        }),
        usableGB: DecimalString,
        contextTokens: z.number().int(),
        fits: z.boolean(),
        maxBatch: z
          .number()
          .int()
          .openapi({ description: "Largest number of full-context sequences that fit" }),
      })
      .openapi("MemoryFit", { description: "GB = 1e9 bytes" }),
    lineItems: z.array(LineItemSchema),
    assumptions: z.array(AssumptionSchema),
    warnings: z.array(z.string()),
  })
  .openapi("SelfHostedEstimate");

const PriceRef = {
  date: z.string().nullable(),
  source: z.string(),
  checkedOn: z.string(),
  checked: z.boolean(),
  note: z.string().nullable(),
};

export const AcceleratorSchema = z
  .object({
    id: z.string().openapi({ example: "h100-sxm" }),
    name: z.string(),
    vendor: z.string(),
    consumer: z.boolean(),
    memoryGB: DecimalString,
    memoryBandwidthGBps: DecimalString,
    bf16DenseTflops: DecimalString.nullable(),
    fp8DenseTflops: DecimalString.nullable(),
    fp4DenseTflops: DecimalString.nullable().openapi({
      description:
        "Dense FP4 (NVFP4/MXFP4) TFLOPS where published; null = no FP4 math (4-bit weights run weight-only)",
    }),
    int8DenseTops: DecimalString.nullable(),
    tdpWatts: DecimalString,
    specsSource: z.string(),
    purchasePrices: z.array(
      z.object({
        pricePerAccelerator: DecimalString,
        basis: z.enum(["server-share", "card-only", "whole-system"]),
        ...PriceRef,
      }),
    ),
    rentPrices: z.array(
      z.object({
        pricePerHour: DecimalString,
        provider: z.string(),
        term: z.string().openapi({
          description:
            "on-demand, 1-year, 3-year, spot, marketplace, or cost-to-own (an owner's all-in cost per hour, listed where no public rent exists)",
        }),
        ...PriceRef,
      }),
    ),
    currency: CurrencyCode,
  })
  .openapi("Accelerator", {
    description: "Specs and dated reference prices; the first price of each list is the default.",
  });
