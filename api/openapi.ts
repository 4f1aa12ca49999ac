/** The OpenAPI document's top-level description, shared by `/openapi.json` and the SDK generator. */
export const openApiDocumentConfig = {
  openapi: "3.1.0",
  info: {
    title: "LLM inference cost & TCO API",
    version: "1.0.0",
    description: [
      "One honest, explainable monthly number for each way of serving an LLM workload: paying per token for a proprietary API (GPT-4o, Claude 3.5 Sonnet, Gemini 1.5 Pro, Azure OpenAI, Mistral, hosted Llama) or running open weights yourself — and the volume where the answer flips.",
      "",
      '**Conventions.** Money, rates and shares are exact decimal strings in responses (`"12.5"`); requests accept a decimal string or a JSON number. Currency is explicit on every money-bearing object. Token counts are integers; `inputTokensPerMonth` includes cached tokens. Every estimate is made of line items with `unit`, `quantity`, `unitPrice` and `cost = quantity × unitPrice`, and lists the defaults it assumed in `assumptions[]`.',
      "",
      "**Dates.** Price sheets are immutable, dated versions; the sheet in force at date D is the latest with `effectiveFrom ≤ D`. Aliases such as `gpt-4o` move over time and resolve at D.",
      "",
      "**Errors** are RFC 9457 `application/problem+json` documents (`type`, `title`, `status`, `detail`, and `errors[]` with JSON pointers for invalid fields). Problem types: `/problems/validation-error` (422), `/problems/no-price-in-force` (422), `/problems/not-found` (404), `/problems/malformed-json` (400), `/problems/unauthorized` (401), `/problems/forbidden` (403), `/problems/conflict` (409), `/problems/payload-too-large` (413), `/problems/unsupported-media-type` (415), `/problems/method-not-allowed` (405), `/problems/service-unavailable` (503).",
    ].join("\n"),
    license: { name: "Proprietary" },
  },
  tags: [
    { name: "Estimates", description: "What a workload costs on APIs and on your own hardware" },
    { name: "Catalogue", description: "Providers, models and accelerators" },
    {
      name: "Price sheets",
      description: "Dated, immutable price-sheet versions and the prices in force at a date",
    },
    { name: "Health", description: "Liveness and readiness" },
  ],
};
