/**
 * The request bodies the HTTP benchmark sends (also used by bench/profile.ts).
 */

import type { WorkloadInput } from "../api/domain/pricing/workload.js";
import { Decimal } from "../api/domain/shared/decimal.js";

/**
 * The date and self-hosted deployment the bench has always priced (the 2024 catalogue, Llama 3 70B on
 * one 8×H100 server), written out here rather than taken from api/examples.ts: the documented example
 * moves with the catalogue, the benchmark keeps measuring the same requests.
 */
const BENCH_AT = "2024-11-01";
const BENCH_DEPLOYMENT = { model: "llama-3-70b", accelerator: "h100-sxm", acceleratorsPerReplica: 8 };

/** Realistic monthly workload: 2B input (25% cache reads, 5% writes), 500M output, 20% batch. */
export const WORKLOAD = {
  inputTokensPerMonth: 2_000_000_000,
  outputTokensPerMonth: 500_000_000,
  cachedInputShare: "0.25",
  cacheWriteShare: "0.05",
  batchShare: "0.2",
  inputTokensPerRequest: 1500,
};

/** {@link WORKLOAD} as the route's validation hands it on: token counts and shares as Decimals. */
export function workloadAsDecimals(): WorkloadInput {
  return {
    inputTokensPerMonth: new Decimal(WORKLOAD.inputTokensPerMonth),
    outputTokensPerMonth: new Decimal(WORKLOAD.outputTokensPerMonth),
    cachedInputShare: new Decimal(WORKLOAD.cachedInputShare),
    cacheWriteShare: new Decimal(WORKLOAD.cacheWriteShare),
    batchShare: new Decimal(WORKLOAD.batchShare),
    inputTokensPerRequest: new Decimal(WORKLOAD.inputTokensPerRequest),
  };
}

/** POST /v1/estimates/api with three offerings (an alias, a dated model, a tiered model). */
export const ESTIMATE_BODY = {
  workload: WORKLOAD,
  offerings: [
    { provider: "openai", model: "gpt-4o" },
    { provider: "anthropic", model: "claude-3-5-sonnet-20241022" },
    { provider: "google", model: "gemini-1.5-pro" },
  ],
  at: BENCH_AT,
};

/** POST /v1/comparisons: an API option, a self-hosted option and a 50-point volume sweep. */
export const COMPARISON_BODY = {
  workload: WORKLOAD,
  options: [
    { kind: "api", provider: "openai", model: "gpt-4o" },
    { kind: "self-hosted", name: "llama-3-70b on 8×H100", deployment: BENCH_DEPLOYMENT },
  ],
  at: BENCH_AT,
  sweep: { points: 50 },
};

/** POST /v1/estimates/self-hosted: stands in for comparisons until that route exists. */
export const SELF_HOSTED_BODY = { workload: WORKLOAD, deployment: BENCH_DEPLOYMENT };

export interface Target {
  name: "healthz" | "estimates" | "comparisons" | "self-hosted";
  method: "GET" | "POST";
  path: string;
  body?: string;
}

export const TARGETS: Record<Target["name"], Target> = {
  healthz: { name: "healthz", method: "GET", path: "/healthz" },
  estimates: {
    name: "estimates",
    method: "POST",
    path: "/v1/estimates/api",
    body: JSON.stringify(ESTIMATE_BODY),
  },
  comparisons: {
    name: "comparisons",
    method: "POST",
    path: "/v1/comparisons",
    body: JSON.stringify(COMPARISON_BODY),
  },
  "self-hosted": {
    name: "self-hosted",
    method: "POST",
    path: "/v1/estimates/self-hosted",
    body: JSON.stringify(SELF_HOSTED_BODY),
  },
};

/** Whether the server documents POST /v1/comparisons (the route is being built). */
export async function hasComparisons(url: string): Promise<boolean> {
  const res = await fetch(`${url}/openapi.json`);
  if (!res.ok) return false;
  const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
  return Boolean(doc.paths?.["/v1/comparisons"]?.post);
}

/** One request, checked: the load must not be measuring error responses. */
export async function checkTarget(url: string, t: Target): Promise<{ status: number; bytes: number }> {
  const res = await fetch(`${url}${t.path}`, {
    method: t.method,
    ...(t.body ? { body: t.body, headers: { "content-type": "application/json" } } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${t.method} ${t.path} → ${res.status}: ${text.slice(0, 500)}`);
  return { status: res.status, bytes: text.length };
}
