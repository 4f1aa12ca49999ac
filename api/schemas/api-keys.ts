/** Wire schemas of tenant API keys. */
import { z } from "@hono/zod-openapi";
import { storedName } from "./common.js";

/** A tenant id: a slug of lower-case letters, digits and single hyphens (`acme-finance`). */
export const TenantId = z
  .string()
  .refine((s) => s.trim() !== "", { message: "must not be blank", abort: true })
  .max(63)
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    "must be a slug: lower-case letters, digits and single hyphens, e.g. acme-finance",
  )
  .openapi({ description: "Tenant id (a slug, at most 63 characters)", example: "acme-finance" });

export const ApiKeyInputSchema = z
  .object({
    tenant: TenantId,
    name: storedName(200).openapi({
      description: "What the key is for (shown in the key list)",
      example: "budget script",
    }),
  })
  .openapi("ApiKeyInput");

export const ApiKeySchema = z
  .object({
    id: z.string().uuid().openapi({ example: "5a0f5a57-9f43-4a5e-8a51-2f7a3c1d9e10" }),
    tenant: TenantId,
    name: z.string().openapi({ example: "budget script" }),
    createdAt: z.string().openapi({ example: "2026-11-30T12:00:00.000Z" }),
    revokedAt: z
      .string()
      .nullable()
      .openapi({ description: "When the key was revoked; null while it works", example: null }),
  })
  .openapi("ApiKey", { description: "An issued key, without its secret (only its digest is stored)." });

export const IssuedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({
    description:
      "The secret key, shown only in this response (the server keeps its SHA-256 digest alone): send it as `Authorization: Bearer <key>` on scenario routes.",
    example: "tco_3q2-7wJHv8q1jI0e0l4W1b2c3d4e5f6g7h8i9j0kLmN",
  }),
}).openapi("IssuedApiKey");
