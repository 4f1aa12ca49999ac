/**
 * The one schema of an open-weight model's architecture (DESIGN §4 "Model architecture"): it validates
 * `pricing-data/models.json` (api/catalog/schema.ts), a deployment's `architecture` override and
 * documents `GET /v1/models/{id}` (OpenAPI `Architecture`, `Attention`, `MixtureOfExperts`).
 */
import { z } from "@hono/zod-openapi";
import { nameReceived } from "./common.js";

const positiveInt = (description: string, example?: number) =>
  z
    .number()
    .int()
    .positive()
    .max(1e13)
    .openapi(example === undefined ? { description } : { description, example });

export const AttentionSchema = z
  .object({
    type: z
      .enum(["mha", "gqa", "mla"], {
        error: (issue) => `unknown attention type ${nameReceived(issue.input)}; expected mha, gqa or mla`,
      })
      .openapi({
        description:
          "mha / gqa: K and V per KV head; mla: DeepSeek's multi-head latent attention (one latent of kvLoraRank + ropeHeadDim per layer and token)",
        example: "mla",
      }),
    kvLoraRank: positiveInt("MLA latent rank (DeepSeek-V3: 512)", 512).optional(),
    ropeHeadDim: positiveInt("MLA decoupled RoPE key width (DeepSeek-V3: 64)", 64).optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.type === "mla" && (a.kvLoraRank === undefined || a.ropeHeadDim === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [a.kvLoraRank === undefined ? "kvLoraRank" : "ropeHeadDim"],
        message: "MLA attention needs kvLoraRank and ropeHeadDim",
      });
    }
    if (a.type !== "mla" && (a.kvLoraRank !== undefined || a.ropeHeadDim !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [a.kvLoraRank !== undefined ? "kvLoraRank" : "ropeHeadDim"],
        message: "kvLoraRank and ropeHeadDim belong to MLA attention only",
      });
    }
  })
  .openapi("Attention");

export const MoeSchema = z
  .object({
    experts: z
      .number()
      .int()
      .min(2)
      .max(100000)
      .openapi({ description: "Routed experts per MoE layer", example: 256 }),
    expertsPerToken: positiveInt("Routed experts each token uses", 8),
    sharedExperts: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .openapi({ description: "Experts every token uses", example: 1 }),
    denseLayers: z
      .number()
      .int()
      .min(0)
      .max(100000)
      .openapi({ description: "Layers with a dense feed-forward instead of experts", example: 3 }),
  })
  .strict()
  .refine((m) => m.expertsPerToken <= m.experts, {
    message: "expertsPerToken exceeds experts",
    path: ["expertsPerToken"],
  })
  .openapi("MixtureOfExperts", { description: "Mixture-of-experts shape; absent for dense models" });

export const ArchitectureSchema = z
  .object({
    totalParams: z.number().int().positive().max(1e14).openapi({ example: 671000000000 }),
    activeParams: z.number().int().positive().max(1e14).openapi({
      description: "Parameters used per token (below totalParams for MoE)",
      example: 37000000000,
    }),
    layers: positiveInt("Transformer layers", 61),
    hiddenSize: positiveInt("Hidden size", 7168),
    attentionHeads: positiveInt("Query heads", 128),
    kvHeads: positiveInt("Key/value heads (GQA/MQA); sizes the KV cache of gqa/mha attention", 128),
    headDim: positiveInt("Head dimension (not always hiddenSize / attentionHeads)", 128),
    attention: AttentionSchema,
    slidingWindow: positiveInt(
      "Tokens of KV a sliding-window layer keeps (gpt-oss 128, Gemma 3 1024); with fullAttentionLayers",
      128,
    ).optional(),
    fullAttentionLayers: z.number().int().min(0).max(100000).optional().openapi({
      description: "Layers whose KV grows with the context; the others keep slidingWindow tokens",
    }),
    moe: MoeSchema.optional(),
    nativePrecision: z
      .enum(["bf16", "fp16", "fp8", "fp4"], {
        error: (issue) => `unknown precision ${nameReceived(issue.input)}; expected bf16, fp16, fp8 or fp4`,
      })
      .openapi({ description: "Precision the weights are published in", example: "fp8" }),
    nativeFp4: z
      .object({
        format: z.enum(["mxfp4", "nvfp4"]),
        scope: z.enum(["all", "experts"]).openapi({
          description:
            "experts: only the MoE experts are 4-bit (gpt-oss); attention, router, embeddings BF16",
        }),
      })
      .strict()
      .optional()
      .openapi({ description: "The model's native 4-bit layout (gpt-oss: MXFP4 experts)" }),
  })
  .strict()
  .openapi("Architecture", {
    description:
      "Open-weight architecture facts used for memory and throughput (DESIGN §4): parameters total/active, attention type (GQA, MHA, MLA), sliding-window layers, mixture-of-experts shape, native precision",
  });

export type Architecture = z.infer<typeof ArchitectureSchema>;
