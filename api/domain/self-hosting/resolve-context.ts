/**
 * What the resolvers of a self-hosted estimate share: the request and its catalogue entries, the one
 * {@link AssumptionCollector}, and the parts earlier resolvers settled (use, precision, accelerators).
 */

import type { Workload } from "../pricing/workload.js";
import type { Decimal } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { AssumptionCollector } from "./assumptions.js";
import type {
  CatalogAccelerator,
  DeploymentRequest,
  SelfHostedInput,
  SelfHostedModel,
  TcoDefaults,
} from "./deployment.js";
import { architectureProblems, type MemoryFit, type ModelArchitecture, type Precision } from "./memory.js";

/** What every resolver reads: the request, its catalogue entries, and the one assumptions collector. */
export interface ResolveContext {
  request: DeploymentRequest;
  workload: Workload;
  model: SelfHostedModel;
  architecture: ModelArchitecture;
  accelerator: CatalogAccelerator;
  defaults: TcoDefaults;
  assumptions: AssumptionCollector;
  /** Longest sequence the deployment serves: the request's contextTokens, else the model's window. */
  contextTokens: number;
}

/** How the hardware is had and used. */
export interface DeploymentUse {
  mode: "purchase" | "rent";
  /** Local batch-1 use on a desktop (GPT4All-class). */
  local: boolean;
}

/** The weights' and the KV cache's element formats. */
export interface DeploymentPrecision {
  precision: Precision;
  kvCachePrecision: Precision;
}

/** Accelerators per replica, the memory margin they were chosen with, and the memory fit. */
export interface DeploymentAccelerators {
  count: number;
  margin: Decimal;
  fit: MemoryFit;
}

/** A caller's architecture must be self-consistent (the catalogue's is checked when it loads). */
function checkedArchitecture(
  architecture: ModelArchitecture,
  request: DeploymentRequest,
  contextWindow: number,
): ModelArchitecture {
  if (!request.architecture) return architecture;
  const problem = architectureProblems(architecture, request.contextTokens ?? contextWindow)[0];
  if (problem) throw new DomainError("invalid", `/architecture${problem.pointer}`, problem.message);
  return architecture;
}

/** The context of one estimate; a model without published architecture cannot be self-hosted. */
export function resolveContext(input: SelfHostedInput): ResolveContext {
  const { model, deployment: request, defaults } = input;
  const architecture = request.architecture ?? model.architecture;
  if (!architecture) {
    throw new DomainError(
      "invalid",
      "/model",
      `Model ${model.id} has no published architecture (open weights needed) and cannot be self-hosted without deployment.architecture.`,
    );
  }
  const at = input.at ?? { deployment: "/deployment", workload: "/workload" };
  return {
    request,
    workload: input.workload,
    model,
    architecture: checkedArchitecture(architecture, request, model.contextWindow),
    accelerator: input.accelerator,
    defaults,
    assumptions: new AssumptionCollector(at, request, defaults),
    contextTokens: request.contextTokens ?? model.contextWindow,
  };
}
