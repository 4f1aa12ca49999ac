import type { OpenAPIHono } from "@hono/zod-openapi";
import { SECURITY_SCHEMES } from "./http/auth.js";
import { problemTypesProse } from "./http/problem-types.js";

/** The OpenAPI document's top-level description, shared by `/openapi.json` and the SDK generator. */
export const openApiDocumentConfig = {
  openapi: "3.1.0",
  info: {
    title: "LLM inference cost & TCO API",
    version: "1.0.0",
    description: [
      "One honest, explainable monthly number for each way of serving an LLM workload: paying per token for an API (GPT-5, Claude Sonnet 4.5, Gemini 2.5 Pro, Azure OpenAI, Mistral, hosted open models such as gpt-oss and Llama; prices back to 2024) or running open weights yourself — and the volume where the answer flips.",
      "",
      '**Conventions.** Money, rates and shares are exact decimal strings in responses (`"12.5"`); requests accept a decimal string or a JSON number. Currency is explicit on every money-bearing object. Token counts are integers; `inputTokensPerMonth` includes cached tokens. Every estimate is made of line items with `unit`, `quantity`, `unitPrice` and `cost = quantity × unitPrice`, and lists the defaults it assumed in `assumptions[]`.',
      "",
      "**Dates.** Price sheets are immutable, dated versions; the sheet in force at date D is the latest with `effectiveFrom ≤ D`. Aliases such as `gpt-4o` move over time and resolve at D.",
      "",
      "**Input.** Request bodies are JSON (`Content-Type: application/json`, else 415) of at most 1 MiB (else 413). Decimals are plain notation of at most 60 characters with an exponent of at most three digits: `NaN`, `Infinity`, hex, locale commas (`1,5`) and larger exponents (`1e-1000000`) are refused with a 422. Token counts are JSON integers up to 2^53 − 1, or digit strings (exact) up to 1e18. Arrays are bounded: 50 offerings or options, 1,000 sweep points, 20,000 prices per sheet. Stored text (sources, notes, names) must be well-formed and free of NUL, control characters and bidirectional override or isolate controls (U+202A–U+202E, U+2066–U+2069); names must not be blank.",
      "",
      "**Unknown fields.** Price-sheet imports (`POST /v1/price-sheets`) refuse them: a 422 names each one, and nothing is stored. Estimates and comparisons ignore them, at every level of the body; every default they applied instead is listed in `assumptions[]`, so a misspelt field shows up there as a default. A saved scenario ignores them too, and stores only the fields its comparison understood.",
      "",
      "**Authentication.** Estimates, comparisons and catalogue reads are open. Saved scenarios belong to a tenant: send a tenant's API key as `Authorization: Bearer <key>` (scheme `tenantApiKey`); the admin issues keys with `POST /v1/api-keys` and revokes them with `DELETE /v1/api-keys/{id}`, which takes effect at once. Price-sheet imports and key management take the server's admin token (scheme `adminBearer`), which is not a tenant key. No key, an unknown or revoked key, or a malformed header answers 401 with `WWW-Authenticate`; another tenant's scenario answers 404, as one that does not exist. In \"Test Request\" on `/docs`, paste the key under Authentication.",
      "",
      `**Errors** are RFC 9457 \`application/problem+json\` documents (\`type\`, \`title\`, \`status\`, \`detail\`, and \`errors[]\` with JSON pointers for invalid fields). ${problemTypesProse()}`,
    ].join("\n"),
    license: { name: "Proprietary" },
  },
  // Relative: the origin this document is fetched from (OpenAPI 3.1 §4.8.5), so the served document
  // is right behind any proxy or on Workers, and sdk/openapi.json stays the very document served.
  servers: [
    {
      url: "/",
      description: "The origin serving this document (locally `npm start`: http://127.0.0.1:3000)",
    },
  ],
  tags: [
    { name: "Estimates", description: "What a workload costs on APIs and on your own hardware" },
    {
      name: "Scenarios",
      description: "Saved comparisons, re-priced at any date; a tenant's own, behind its API key",
    },
    { name: "Catalogue", description: "Providers, models and accelerators" },
    {
      name: "Price sheets",
      description: "Dated, immutable price-sheet versions and the prices in force at a date",
    },
    { name: "API keys", description: "Tenant API keys, issued and revoked by the admin" },
    { name: "Health", description: "Liveness and readiness" },
  ],
};

/** Shared responses, declared once under `components.responses` and referenced by every operation. */
const sharedResponses = {
  ClientError: {
    description:
      "Any other client error (unknown path 404, wrong method 405, …): an RFC 9457 problem document",
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  },
} as const;

type OperationObject = { security?: Record<string, string[]>[]; responses?: Record<string, unknown> };

/**
 * The OpenAPI 3.1 document of an app's routes, with what every operation shares added in one place:
 * its security (public unless the route declares a scheme) and a `4XX` problem response.
 */
export function openApiDocument(app: Pick<OpenAPIHono, "getOpenAPI31Document">) {
  const doc = app.getOpenAPI31Document(openApiDocumentConfig);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, OperationObject>)) {
      op.security ??= [];
      for (const name of op.security.flatMap(Object.keys)) {
        if (!(name in SECURITY_SCHEMES)) {
          throw new Error(
            `${method.toUpperCase()} ${path} names security scheme "${name}"; declare it in SECURITY_SCHEMES (api/http/auth.ts)`,
          );
        }
      }
      op.responses = { ...op.responses, "4XX": { $ref: "#/components/responses/ClientError" } };
    }
  }
  doc.components = {
    ...doc.components,
    responses: { ...doc.components?.responses, ...sharedResponses },
    securitySchemes: { ...doc.components?.securitySchemes, ...SECURITY_SCHEMES },
  };
  return doc;
}
