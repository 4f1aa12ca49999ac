/**
 * The cost resolvers of a deployment: acquisition (purchase or rent), power, facilities and
 * operations, every default applied and stated (see self-hosted.ts for the defaults and why).
 */

import { type Decimal, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { DEPLOYMENT_DEFAULTS } from "./defaults.js";
import type { CatalogPurchasePrice } from "./deployment.js";
import type { DeploymentUse, ResolveContext } from "./resolve-context.js";
import type { AcquisitionTerms, OperationsTerms, PowerTerms, PurchaseTerms, RentTerms } from "./tco.js";

/** Purchase at the catalogue's first purchase price, or rent at its first rent price, unless given. */
export function resolveAcquisition(ctx: ResolveContext, mode: DeploymentUse["mode"]): AcquisitionTerms {
  return mode === "purchase" ? resolvePurchase(ctx) : resolveRent(ctx);
}

/** No sourced price to default to: the caller must give `acquisition.{field}`. */
function noCataloguePrice(field: string, kind: "purchase" | "rental", accelerator: string): never {
  throw new DomainError(
    "no-price",
    `/acquisition/${field}`,
    `The catalogue has no sourced ${kind} price for ${accelerator}; give acquisition.${field}.`,
  );
}

function describePurchase(p: CatalogPurchasePrice): string {
  return `${p.source} (${p.basis}${p.date ? `, ${p.date}` : ", undated"})`;
}

function resolvePurchase(ctx: ResolveContext): PurchaseTerms {
  const { request, accelerator: acc, assumptions } = ctx;
  const given = request.acquisition?.mode === "purchase" ? request.acquisition : undefined;
  let price = given?.pricePerAccelerator;
  let basis: CatalogPurchasePrice["basis"] | null = null;
  if (price == null) {
    const first = acc.purchasePrices[0];
    if (!first) noCataloguePrice("pricePerAccelerator", "purchase", acc.name);
    basis = first.basis;
    const shown = first.pricePerAccelerator.toString();
    price = assumptions.assume(
      "/acquisition/pricePerAccelerator",
      first.pricePerAccelerator,
      shown,
      describePurchase(first),
    );
  }
  const overhead =
    given?.overheadPerReplica ??
    assumptions.assume(
      "/acquisition/overheadPerReplica",
      ZERO,
      "0",
      basis === "server-share"
        ? "default: none — the catalogue price is a share of a whole server (host and network included)"
        : "default: none",
    );
  if (basis === "card-only" && given?.overheadPerReplica == null) {
    assumptions.warn(
      `The catalogue price of ${acc.name} is for the card only; the host computer is not included (set acquisition.overheadPerReplica).`,
    );
  }
  return {
    mode: "purchase",
    pricePerAccelerator: price,
    overheadPerReplica: overhead,
    lifetimeYears: assumptions.fill(DEPLOYMENT_DEFAULTS.lifetimeYears),
    residualValueShare: assumptions.fill(DEPLOYMENT_DEFAULTS.residualValueShare),
    costOfCapital: assumptions.fill(DEPLOYMENT_DEFAULTS.costOfCapital),
    maintenanceShare: assumptions.fill(DEPLOYMENT_DEFAULTS.maintenanceShare),
  };
}

function resolveRent({ request, accelerator: acc, assumptions }: ResolveContext): RentTerms {
  const given =
    request.acquisition?.mode === "rent" ? request.acquisition.pricePerAcceleratorHour : undefined;
  if (given != null) return { mode: "rent", pricePerAcceleratorHour: given };
  const first = acc.rentPrices[0];
  if (!first) noCataloguePrice("pricePerAcceleratorHour", "rental", acc.name);
  const price = assumptions.assume(
    "/acquisition/pricePerAcceleratorHour",
    first.pricePerHour,
    first.pricePerHour.toString(),
    `${first.provider} ${first.term}: ${first.source}${first.date ? ` (${first.date})` : ""}`,
  );
  return { mode: "rent", pricePerAcceleratorHour: price };
}

/**
 * Power: always for purchase; for rent only when watts are given (colocation) — cloud rent includes
 * power. Watts default to the accelerator's sourced system power, else TDP × the server power factor.
 */
export function resolvePower(ctx: ResolveContext, use: DeploymentUse, count: number): PowerTerms | null {
  const { request, assumptions } = ctx;
  if (use.mode !== "purchase" && request.power?.wattsPerReplica == null) {
    const source =
      "default: cloud rent includes power; give power.wattsPerReplica to charge energy (colocation)";
    assumptions.assume("/power", null, "none", source);
    return null;
  }
  return {
    wattsPerReplica: request.power?.wattsPerReplica ?? defaultWatts(ctx, count),
    loadFactor: assumptions.fill(DEPLOYMENT_DEFAULTS.loadFactor),
    pue: assumptions.fill(DEPLOYMENT_DEFAULTS.pue, use.local),
    pricePerKwh: assumptions.fill(DEPLOYMENT_DEFAULTS.pricePerKwh),
  };
}

function defaultWatts({ accelerator: acc, defaults, assumptions }: ResolveContext, count: number): Decimal {
  if (acc.systemPower) {
    const { wattsPerAccelerator, source } = acc.systemPower;
    const watts = wattsPerAccelerator.times(count);
    return assumptions.assume(
      "/power/wattsPerReplica",
      watts,
      watts.toString(),
      `${count} × ${wattsPerAccelerator} W system power per accelerator: ${source}`,
    );
  }
  const factor = defaults.serverPowerFactor;
  const watts = acc.tdpWatts.times(factor.value).times(count);
  return assumptions.assume(
    "/power/wattsPerReplica",
    watts,
    watts.toString(),
    `${count} × ${acc.tdpWatts} W TDP × server power factor ${factor.value} (${factor.source}); TDP: ${acc.specsSource}`,
  );
}

/**
 * Facilities per replica-month: none for local use, none for cloud rent without colocated power (in
 * the hourly price), else the catalogue's cost per server-month × servers per replica.
 */
export function resolveFacilities(
  { request, defaults, assumptions }: ResolveContext,
  use: DeploymentUse,
  power: PowerTerms | null,
  count: number,
): Decimal {
  if (request.facilitiesPerReplicaMonth != null) return request.facilitiesPerReplicaMonth;
  const field = "/facilitiesPerReplicaMonth";
  if (use.local)
    return assumptions.assume(field, ZERO, "0", "default for local use: no data-centre facilities");
  if (use.mode === "rent" && power == null) {
    const source = "default for cloud rent: space, cooling and network are in the hourly price";
    return assumptions.assume(field, ZERO, "0", source);
  }
  const perServer = defaults.acceleratorsPerServer.value;
  const servers = Math.ceil(count / Math.max(1, perServer.toNumber()));
  const monthly = defaults.facilitiesPerServerMonth;
  const facilities = monthly.value.times(servers);
  return assumptions.assume(
    field,
    facilities,
    facilities.toString(),
    `${servers} server(s) of up to ${perServer} accelerators × ${monthly.value} per server-month: ${monthly.source}`,
  );
}

/** Operations staff: the catalogue's FTE and cost per FTE-month; no staff for local use. */
export function resolveOperations({ assumptions }: ResolveContext, local: boolean): OperationsTerms {
  return {
    fte: assumptions.fill(DEPLOYMENT_DEFAULTS.operationsFte, local),
    costPerFteMonth: assumptions.fill(DEPLOYMENT_DEFAULTS.costPerFteMonth),
  };
}
