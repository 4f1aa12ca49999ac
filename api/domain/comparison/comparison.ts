/**
 * Comparisons (`POST /v1/comparisons`, DESIGN §4): price one workload on API offerings, self-hosted
 * deployments and hybrid plans, rank them cheapest first, and find the break-even of every
 * self-hosted × API pair.
 *
 * The HTTP layer only looks things up and calls in:
 * 1. `resolveWorkload` the request's workload;
 * 2. {@link resolveComparisonOptions} with three catalogue look-ups (offering at `at`, self-hostable
 *    model, accelerator) — it walks the options and passes each look-up its JSON pointer;
 * 3. {@link compareOptions} with the resolved options plus the throughput benchmarks and TCO defaults.
 * Sweeps (sweep.ts), sensitivity (sensitivity.ts), CSV and SVG take the resulting {@link Comparison}.
 *
 * Names: an API option is named `provider/model` (the model as requested, alias or dated id);
 * self-hosted and hybrid options carry their own `name`. Names must be unique within a comparison:
 * they label series, legend entries, CSV rows and break-even pairs. Options in other currencies than
 * the first cannot be ranked against it and are refused.
 *
 * Break-even pairs are self-hosted options × API options (hybrid plans are neither: their own API is
 * already inside them), self-hosted options outer, both in request order.
 */
import { type ApiEstimate, estimateApiFees } from "../pricing/api-fees.js";
import type { ResolvedOffering } from "../pricing/price-catalog.js";
import { scaleWorkload, type Workload } from "../pricing/workload.js";
import type { ThroughputBenchmark } from "../self-hosting/published-benchmarks.js";
import {
  type CatalogAccelerator,
  type DeploymentRequest,
  estimateSelfHosted,
  type SelfHostedCostTerms,
  type SelfHostedEstimate,
  type SelfHostedModel,
  type TcoDefaults,
} from "../self-hosting/self-hosted.js";
import type { Decimal } from "../shared/decimal.js";
import { DomainError, withPointerPrefix } from "../shared/errors.js";
import type { Assumption, LineItem } from "../shared/line-item.js";
import { type BreakEven, breakEven } from "./break-even.js";
import { type HybridEstimate, type HybridPlan, hybridMonthlyCost, priceHybrid } from "./hybrid.js";
import { apiCostCurve, type ReplicaStepCosts, replicaStepCosts, selfHostedCostCurve } from "./volume-cost.js";

/** Most options one comparison may hold. */
export const MAX_COMPARISON_OPTIONS = 50;

/** An API offering to compare: `{ kind: "api", provider, model }` (model may be an alias). */
export interface ApiOption {
  kind: "api";
  provider: string;
  model: string;
  /** Regional uplift to apply; absent = none. */
  region?: string | undefined;
}

/** A named self-hosted deployment (the `deployment` of `POST /v1/estimates/self-hosted`). */
export interface SelfHostedOption {
  kind: "self-hosted";
  name: string;
  deployment: DeploymentRequest;
}

/** A named hybrid plan: `replicas` of `deployment` serve up to capacity, `overflow` takes the rest. */
export interface HybridOption {
  kind: "hybrid";
  name: string;
  deployment: DeploymentRequest;
  replicas: number | "optimal";
  overflow: { provider: string; model: string };
}

/** One option of a comparison request. */
export type ComparisonOption = ApiOption | SelfHostedOption | HybridOption;

/** The catalogue entries a deployment is priced with. */
export interface DeploymentCatalogEntries {
  model: SelfHostedModel;
  accelerator: CatalogAccelerator;
}

/** An option with what the catalogues hold for it. */
export type ResolvedComparisonOption =
  | (ApiOption & { offering: ResolvedOffering })
  | (SelfHostedOption & { catalog: DeploymentCatalogEntries })
  | (HybridOption & { catalog: DeploymentCatalogEntries; overflowOffering: ResolvedOffering });

/**
 * Catalogue look-ups for {@link resolveComparisonOptions}. Each throws (a DomainError with the given
 * pointer) when the thing is unknown or has no price at the comparison's date.
 */
export interface ComparisonCatalogs {
  /** The offering in force, e.g. `prices.resolveOffering(provider, model, at, pointer)`. */
  offering(provider: string, model: string, pointer: string, region?: string | null): ResolvedOffering;
  /** A model that can be self-hosted; `pointer` is the deployment's `/model`. */
  selfHostedModel(modelId: string, pointer: string): SelfHostedModel;
  /** An accelerator; `pointer` is the deployment's `/accelerator`. */
  accelerator(acceleratorId: string, pointer: string): CatalogAccelerator;
}

/** Look up every option's catalogue entries; errors point at `/options/{i}/…`. */
export function resolveComparisonOptions(
  options: readonly ComparisonOption[],
  catalogs: ComparisonCatalogs,
): ResolvedComparisonOption[] {
  checkOptionCount(options.length);
  return options.map((option, index): ResolvedComparisonOption => {
    const at = `/options/${index}`;
    const hardware = (deployment: DeploymentRequest): DeploymentCatalogEntries => ({
      model: catalogs.selfHostedModel(deployment.model, `${at}/deployment/model`),
      accelerator: catalogs.accelerator(deployment.accelerator, `${at}/deployment/accelerator`),
    });
    switch (option.kind) {
      case "api":
        return {
          ...option,
          offering: catalogs.offering(option.provider, option.model, at, option.region ?? null),
        };
      case "self-hosted":
        return { ...option, catalog: hardware(option.deployment) };
      case "hybrid":
        return {
          ...option,
          catalog: hardware(option.deployment),
          overflowOffering: catalogs.offering(
            option.overflow.provider,
            option.overflow.model,
            `${at}/overflow`,
          ),
        };
    }
    return unknownKind(option, at);
  });
}

/** Everything a comparison needs, looked up. */
export interface ComparisonInput {
  workload: Workload;
  /** The workload defaults `resolveWorkload` filled in; they head every option's assumptions. */
  workloadAssumptions?: readonly Assumption[];
  options: readonly ResolvedComparisonOption[];
  benchmarks: readonly ThroughputBenchmark[];
  defaults: TcoDefaults;
}

/** How to re-price an option at other volumes (sweeps, break-even, sensitivity). */
export type OptionPricing =
  | { kind: "api"; offering: ResolvedOffering }
  | { kind: "self-hosted"; terms: SelfHostedCostTerms; steps: ReplicaStepCosts }
  | { kind: "hybrid"; plan: HybridPlan; steps: ReplicaStepCosts };

interface ComparedOptionBase {
  /** Position of the option in the request. */
  index: number;
  /** 1 = cheapest; ties keep request order. */
  rank: number;
  name: string;
  currency: string;
  monthlyCost: Decimal;
  /** Blended over input + output; null when the workload has no tokens. */
  costPerMillionTokens: Decimal | null;
  lineItems: LineItem[];
  /** Workload defaults first, then the option's own. */
  assumptions: Assumption[];
  warnings: string[];
  pricing: OptionPricing;
}

/** One option of a comparison, priced, with its full estimate. */
export type ComparedOption = ComparedOptionBase &
  (
    | { kind: "api"; estimate: ApiEstimate }
    | { kind: "self-hosted"; estimate: SelfHostedEstimate }
    | {
        kind: "hybrid";
        estimate: HybridEstimate;
        /**
         * The deployment as estimated for the whole workload: its throughput, memory fit and hourly
         * cost per replica are the hybrid's replicas' (its replica count and monthly cost are not).
         */
        deployment: SelfHostedEstimate;
      }
  );

/** A priced comparison. */
export interface Comparison {
  workload: Workload;
  currency: string;
  /** Cheapest first. */
  options: ComparedOption[];
  /** Every self-hosted × API pair. */
  breakEven: BreakEven[];
}

/** Display name of an API offering option: `provider/model`, with `@region` when it names one. */
export function apiOptionName(option: {
  provider: string;
  model: string;
  region?: string | null | undefined;
}): string {
  return `${option.provider}/${option.model}${option.region ? `@${option.region}` : ""}`;
}

/** An option whose kind is none of the three (only reachable from untyped input). */
function unknownKind(option: { kind: string }, at: string): never {
  throw new DomainError(
    "invalid",
    `${at}/kind`,
    `Unknown option kind '${option.kind}': use "api", "self-hosted" or "hybrid".`,
  );
}

function checkOptionCount(count: number): void {
  if (count < 1) throw new DomainError("invalid", "/options", "Give at least one option to compare.");
  if (count > MAX_COMPARISON_OPTIONS) {
    throw new DomainError(
      "invalid",
      "/options",
      `A comparison holds at most ${MAX_COMPARISON_OPTIONS} options; this one has ${count}.`,
    );
  }
}

/**
 * Estimate an option's deployment. Its assumptions are named under `{at}/deployment` (the estimate is
 * told where the deployment sits); its errors, relative to the deployment, are placed there too.
 */
function estimateDeployment(
  input: ComparisonInput,
  deployment: DeploymentRequest,
  catalog: DeploymentCatalogEntries,
  at: string,
): SelfHostedEstimate {
  const deploymentAt = `${at}/deployment`;
  return withPointerPrefix(deploymentAt, () =>
    estimateSelfHosted({
      workload: input.workload,
      deployment,
      model: catalog.model,
      accelerator: catalog.accelerator,
      benchmarks: input.benchmarks,
      defaults: input.defaults,
      at: { deployment: deploymentAt, workload: "/workload" },
    }),
  );
}

/** Option names label the results: a second use of a name → 422 at that option. */
function claimName(names: Map<string, number>, option: ResolvedComparisonOption, index: number): string {
  const name = option.kind === "api" ? apiOptionName(option) : option.name;
  const earlier = names.get(name);
  if (earlier != null) {
    const at = `/options/${index}`;
    throw new DomainError(
      "invalid",
      option.kind === "api" ? at : `${at}/name`,
      `Option name '${name}' is already used by option ${earlier}; names label the results and must be unique.`,
    );
  }
  names.set(name, index);
  return name;
}

/** The figures every compared option shows, taken from its estimate (workload defaults listed first). */
function estimateFigures(
  estimate: ApiEstimate | SelfHostedEstimate,
  workloadAssumptions: readonly Assumption[],
): Pick<
  ComparedOptionBase,
  "currency" | "monthlyCost" | "costPerMillionTokens" | "lineItems" | "assumptions" | "warnings"
> {
  return {
    currency: estimate.currency,
    monthlyCost: estimate.monthlyCost,
    costPerMillionTokens: estimate.costPerMillionTokens,
    lineItems: estimate.lineItems,
    assumptions: [...workloadAssumptions, ...estimate.assumptions],
    warnings: estimate.warnings,
  };
}

/** One option priced for the workload, with what its curve needs to re-price other volumes. */
function priceOption(
  input: ComparisonInput,
  option: ResolvedComparisonOption,
  index: number,
  name: string,
): ComparedOption {
  const at = `/options/${index}`;
  const workload = input.workload;
  const workloadAssumptions = input.workloadAssumptions ?? [];
  const common = { index, rank: 0, name };
  switch (option.kind) {
    case "api": {
      const estimate = estimateApiFees(workload, option.offering, option.model);
      return {
        ...common,
        ...estimateFigures(estimate, workloadAssumptions),
        kind: "api",
        estimate,
        pricing: { kind: "api", offering: option.offering },
      };
    }
    case "self-hosted": {
      const estimate = estimateDeployment(input, option.deployment, option.catalog, at);
      return {
        ...common,
        ...estimateFigures(estimate, workloadAssumptions),
        kind: "self-hosted",
        estimate,
        pricing: {
          kind: "self-hosted",
          terms: estimate.terms,
          steps: replicaStepCosts(estimate.terms, estimate.replicaHourlyCost),
        },
      };
    }
    case "hybrid": {
      const deployment = estimateDeployment(input, option.deployment, option.catalog, at);
      const plan: HybridPlan = {
        name: option.name,
        replicas: option.replicas,
        terms: deployment.terms,
        overflow: {
          name: apiOptionName(option.overflow),
          offering: option.overflowOffering,
          requestedModel: option.overflow.model,
        },
      };
      // One step table for the estimate and the curves (sweeps, break-evens), from the deployment's own hourly cost.
      const steps = replicaStepCosts(plan.terms, deployment.replicaHourlyCost);
      const estimate = withPointerPrefix(at, () => priceHybrid(workload, plan, at, steps));
      return {
        ...common,
        kind: "hybrid",
        currency: estimate.currency,
        monthlyCost: estimate.monthlyCost,
        costPerMillionTokens: estimate.costPerMillionTokens,
        lineItems: estimate.lineItems,
        // The deployment's defaults (throughput, prices, power …) apply to the hybrid's replicas.
        assumptions: [...workloadAssumptions, ...deployment.assumptions, ...estimate.assumptions],
        warnings: [...deployment.warnings, ...estimate.warnings],
        estimate,
        deployment,
        pricing: { kind: "hybrid", plan, steps },
      };
    }
  }
  return unknownKind(option, at);
}

/** A comparison needs one currency: the first option's; any other → 422 at that option. */
function commonCurrency(priced: readonly ComparedOption[]): string {
  const currency = priced[0]?.currency ?? "USD";
  for (const option of priced) {
    if (option.currency !== currency) {
      throw new DomainError(
        "invalid",
        `/options/${option.index}`,
        `Option '${option.name}' is priced in ${option.currency}, the first option in ${currency}: a comparison needs one currency.`,
      );
    }
  }
  return currency;
}

/** Cheapest first, stable (equal costs keep request order); sets each option's rank. */
function rankByMonthlyCost(priced: readonly ComparedOption[]): ComparedOption[] {
  const ranked = [...priced].sort((a, b) => a.monthlyCost.comparedTo(b.monthlyCost));
  ranked.forEach((option, position) => {
    option.rank = position + 1;
  });
  return ranked;
}

/** The break-even of every self-hosted × API pair, in request order. */
function pairBreakEvens(workload: Workload, priced: readonly ComparedOption[]): BreakEven[] {
  const breakEvens: BreakEven[] = [];
  for (const self of priced) {
    if (self.pricing.kind !== "self-hosted") continue;
    for (const api of priced) {
      if (api.pricing.kind !== "api") continue;
      breakEvens.push(
        breakEven({
          workload,
          selfHosted: { name: self.name, terms: self.pricing.terms, steps: self.pricing.steps },
          api: { name: api.name, offering: api.pricing.offering, monthlyCost: api.monthlyCost },
        }),
      );
    }
  }
  return breakEvens;
}

/**
 * Price every option for the workload, rank them cheapest first (stable: equal costs keep request
 * order) and find the break-even of every self-hosted × API pair. Throws a DomainError (with an
 * `/options/{i}/…` pointer) for more than 50 options, duplicate names, mixed currencies, or any
 * option its estimate refuses.
 */
export function compareOptions(input: ComparisonInput): Comparison {
  checkOptionCount(input.options.length);
  const names = new Map<string, number>();
  // Each option's name is claimed before it is priced, so the first faulty option is the one reported.
  const priced = input.options.map((option, index) =>
    priceOption(input, option, index, claimName(names, option, index)),
  );
  const currency = commonCurrency(priced);
  const ranked = rankByMonthlyCost(priced);
  return {
    workload: input.workload,
    currency,
    options: ranked,
    breakEven: pairBreakEvens(input.workload, priced),
  };
}

/**
 * A function giving an option's monthly cost at any total volume (input + output tokens at the
 * comparison's mix): API fees are linear, self-hosting steps with whole replicas (volume-cost.ts), a
 * hybrid keeps its replica count (or re-optimises it at each volume when it asked for "optimal").
 * Replica costs are memoised, so one curve evaluated at a thousand volumes stays cheap.
 */
export function monthlyCostCurve(option: ComparedOption, workload: Workload): (volume: Decimal) => Decimal {
  const pricing = option.pricing;
  switch (pricing.kind) {
    case "api":
      return apiCostCurve(pricing.offering, workload, option.monthlyCost);
    case "self-hosted": {
      const curve = selfHostedCostCurve(pricing.terms, workload, pricing.steps);
      return (volume) => curve(volume).monthlyCost;
    }
    case "hybrid": {
      return (volume) => hybridMonthlyCost(scaleWorkload(workload, volume), pricing.plan, pricing.steps);
    }
  }
}
