/**
 * The canonical example requests: the OpenAPI schemas' examples, the home page's live comparison,
 * tests and the bench all use these, so the documented example is the one that is known to price.
 */

/** The date the examples are priced at (the 2024 catalogue). */
export const EXAMPLE_AT = "2024-11-01";

/** 2B input + 0.5B output tokens a month: the two required fields of a workload. */
export const EXAMPLE_WORKLOAD = { inputTokensPerMonth: 2_000_000_000, outputTokensPerMonth: 500_000_000 };

/** Llama 3 70B on one 8×H100 server: the required fields and the server size. */
export const EXAMPLE_DEPLOYMENT = {
  model: "llama-3-70b",
  accelerator: "h100-sxm",
  acceleratorsPerReplica: 8,
};

/** Two API offerings and a bought 8×H100 server (catalogue defaults for the rest), at {@link EXAMPLE_AT}. */
export const EXAMPLE_COMPARISON = {
  workload: EXAMPLE_WORKLOAD,
  options: [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    { kind: "api", provider: "anthropic", model: "claude-3-5-sonnet-20240620" },
    {
      kind: "self-hosted",
      name: "Llama 3 70B, 8×H100",
      deployment: { ...EXAMPLE_DEPLOYMENT, acquisition: { mode: "purchase" } },
    },
  ],
  at: EXAMPLE_AT,
} as const;
