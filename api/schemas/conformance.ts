/**
 * Compile-time checks, no runtime code: what each request schema hands on is exactly the type the
 * domain or service takes, and what each presenter returns is a body its response schema accepts. A
 * schema or domain type that drifts fails `tsc` here, instead of being papered over with `as` casts
 * at the call sites.
 */
import type { z } from "@hono/zod-openapi";
import type { ApiOption, HybridOption, SelfHostedOption } from "../domain/comparison/comparison.js";
import type { WorkloadInput } from "../domain/pricing/workload.js";
import type { DeploymentRequest, ThroughputRequest } from "../domain/self-hosting/self-hosted.js";
import type {
  presentApiEstimate,
  presentModel,
  presentPriceInForce,
  presentSelfHostedEstimate,
  presentSheet,
} from "../presentation/present.js";
import type {
  presentBreakEven,
  presentComparedOption,
  presentComparison,
  presentSensitivity,
  presentSweep,
} from "../presentation/present-comparison.js";
import type { ComparisonRequest } from "../services/comparisons.js";
import type { ModelSchema, PriceInForceSchema, PriceSheetSchema } from "./catalog.js";
import type {
  ApiOptionSchema,
  BreakEvenSchema,
  ComparedOptionSchema,
  ComparisonRequestSchema,
  ComparisonSchema,
  HybridOptionSchema,
  SelfHostedOptionSchema,
  SensitivitySchema,
  SweepSchema,
} from "./comparisons.js";
import type { ApiEstimateSchema } from "./estimates.js";
import type { DeploymentSchema, SelfHostedEstimateSchema, ThroughputInputSchema } from "./self-hosted.js";
import type { WorkloadSchema } from "./workload.js";

/** `From`, provided it is assignable to `To` (else a type error naming both). */
type Conforms<From extends To, To> = From;
type Parsed<S extends z.ZodType> = z.output<S>;
type Presented<F extends (...args: never[]) => unknown> = ReturnType<F>;
/** What `c.json(...)` accepts for a response schema. */
type Body<S extends z.ZodType> = z.input<S>;

/** Request schemas → domain and service inputs. */
export type RequestConformance = [
  Conforms<Parsed<typeof WorkloadSchema>, WorkloadInput>,
  Conforms<Parsed<typeof ThroughputInputSchema>, ThroughputRequest>,
  Conforms<Parsed<typeof DeploymentSchema>, DeploymentRequest>,
  Conforms<Parsed<typeof ApiOptionSchema>, ApiOption>,
  Conforms<Parsed<typeof SelfHostedOptionSchema>, SelfHostedOption>,
  Conforms<Parsed<typeof HybridOptionSchema>, HybridOption>,
  Conforms<Parsed<typeof ComparisonRequestSchema>, ComparisonRequest>,
];

/** Presenters → the response schemas they answer with. */
export type ResponseConformance = [
  Conforms<Presented<typeof presentApiEstimate>, Body<typeof ApiEstimateSchema>>,
  Conforms<Presented<typeof presentSelfHostedEstimate>, Body<typeof SelfHostedEstimateSchema>>,
  Conforms<Presented<typeof presentComparedOption>, Body<typeof ComparedOptionSchema>>,
  Conforms<Presented<typeof presentBreakEven>, Body<typeof BreakEvenSchema>>,
  Conforms<Presented<typeof presentSweep>, Body<typeof SweepSchema>>,
  Conforms<Presented<typeof presentSensitivity>, Body<typeof SensitivitySchema>>,
  Conforms<Presented<typeof presentComparison>, Body<typeof ComparisonSchema>>,
  Conforms<Presented<typeof presentModel>, Body<typeof ModelSchema>>,
  Conforms<Presented<typeof presentPriceInForce>, Body<typeof PriceInForceSchema>>,
  Conforms<Presented<typeof presentSheet>, Body<typeof PriceSheetSchema>>,
];
