/** The open-weight models of 2025–26 that DESIGN §2 names (their vendor-neutral ids), for tests over all of them. */
export const OPEN_WEIGHT_MODELS_2025_26 = [
  "llama-2-70b",
  "llama-3.1-8b",
  "llama-3.1-70b",
  "llama-3.1-405b",
  "llama-3.3-70b",
  "llama-4-scout",
  "llama-4-maverick",
  "deepseek-v3",
  "deepseek-r1",
  "qwen3-8b",
  "qwen3-32b",
  "qwen3-30b-a3b",
  "qwen3-235b-a22b",
  "gpt-oss-20b",
  "gpt-oss-120b",
  "gemma-3-27b",
] as const;
