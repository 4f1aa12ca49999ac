/**
 * The canonical example requests: the OpenAPI schemas' examples, the home page's live comparison and
 * tests use these, so the documented example is the one that is known to price. (The benchmark keeps
 * its own copies in bench/requests.ts: it must measure the same requests as the catalogue moves.)
 *
 * The example is a 2026 decision — GPT-5 and Claude Sonnet 4.5 as APIs against gpt-oss-120b on one
 * rented H200 — and the same question priced in November 2024 is kept beside it as price history.
 */

/** The date the example is priced at (the 2026 catalogue). */
export const EXAMPLE_AT = "2026-11-01";

/** 2B input + 0.5B output tokens a month: the two required fields of a workload. */
export const EXAMPLE_WORKLOAD = { inputTokensPerMonth: 2_000_000_000, outputTokensPerMonth: 500_000_000 };

/** gpt-oss-120b (MXFP4 experts, fits one 141 GB GPU) on one H200: the required fields and the size. */
export const EXAMPLE_DEPLOYMENT = {
  model: "gpt-oss-120b",
  accelerator: "h200",
  acceleratorsPerReplica: 1,
};

/** The API offering of the single-offering examples (`POST /v1/estimates/api`). */
export const EXAMPLE_API_OFFERING = { provider: "openai", model: "gpt-5" } as const;

/**
 * Two API offerings and gpt-oss-120b on one rented H200 (catalogue defaults for the rent and
 * operations), at {@link EXAMPLE_AT}.
 */
export const EXAMPLE_COMPARISON = {
  workload: EXAMPLE_WORKLOAD,
  options: [
    { kind: "api", ...EXAMPLE_API_OFFERING },
    { kind: "api", provider: "anthropic", model: "claude-sonnet-4-5" },
    {
      kind: "self-hosted",
      name: "gpt-oss-120b, 1×H200 rented",
      deployment: { ...EXAMPLE_DEPLOYMENT, acquisition: { mode: "rent" } },
    },
  ],
  at: EXAMPLE_AT,
} as const;

/** The date of the price-history example (the 2024 catalogue). */
export const EXAMPLE_2024_AT = "2024-11-01";

/**
 * The same question in November 2024, kept as a dated example of price history: GPT-4o and
 * Claude 3.5 Sonnet against Llama 3 70B on a bought 8×H100 server (catalogue defaults for power,
 * facilities and operations), same workload, at {@link EXAMPLE_2024_AT}.
 */
export const EXAMPLE_COMPARISON_2024 = {
  workload: EXAMPLE_WORKLOAD,
  options: [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    { kind: "api", provider: "anthropic", model: "claude-3-5-sonnet-20240620" },
    {
      kind: "self-hosted",
      name: "Llama 3 70B, 8×H100",
      deployment: {
        model: "llama-3-70b",
        accelerator: "h100-sxm",
        acceleratorsPerReplica: 8,
        acquisition: { mode: "purchase" },
      },
    },
  ],
  at: EXAMPLE_2024_AT,
} as const;
