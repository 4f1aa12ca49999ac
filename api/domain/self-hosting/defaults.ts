/**
 * The catalogue defaults of a deployment, declared once as a table — as Infracost declares its usage
 * defaults — and filled in before pricing (resolve-deployment.ts). A row says which deployment field it
 * fills (`field`, a JSON pointer relative to the deployment), which entry of pricing-data/defaults.json
 * gives the value and its source (`key`), how to read the caller's value (`given`), and, where local
 * (desktop, batch-1) use has its own stated default, that default (`local`). Adding a default is a row
 * here plus an entry in defaults.json; a resolver then calls `assumptions.fill(DEPLOYMENT_DEFAULTS.x)`.
 *
 * Defaults that are derived rather than looked up (precision, accelerators per replica, watts from the
 * accelerator's power figures, facilities per server) are rules in the resolvers, not rows.
 */

import { type Decimal, dec, ZERO } from "../shared/decimal.js";
import type { DeploymentRequest, TcoDefaults } from "./deployment.js";

/** One default: (field, catalogue key, source), plus how to read the caller's value. */
export interface DeploymentDefault {
  /** The deployment field it fills, relative to the deployment, e.g. `/power/pue`. */
  field: string;
  /** The entry of pricing-data/defaults.json whose value and source it takes. */
  key: keyof TcoDefaults;
  /** The caller's value, if given. */
  given: (deployment: DeploymentRequest) => Decimal | undefined;
  /** The stated default for local use (desktop, batch 1), where it differs from the catalogue's. */
  local?: { value: Decimal; source: string };
}

/** A purchase acquisition's terms, when the caller chose or defaulted to buying. */
function purchase(d: DeploymentRequest) {
  return d.acquisition?.mode === "purchase" ? d.acquisition : undefined;
}

/** The catalogue defaults, in no particular order (the resolvers decide the order of `assumptions[]`). */
export const DEPLOYMENT_DEFAULTS = {
  memoryMargin: { field: "/memoryMargin", key: "memoryMargin", given: (d) => d.memoryMargin },
  maxUtilization: { field: "/maxUtilization", key: "maxUtilization", given: (d) => d.maxUtilization },
  lifetimeYears: {
    field: "/acquisition/lifetimeYears",
    key: "lifetimeYears",
    given: (d) => purchase(d)?.lifetimeYears,
  },
  residualValueShare: {
    field: "/acquisition/residualValueShare",
    key: "residualValueShare",
    given: (d) => purchase(d)?.residualValueShare,
  },
  costOfCapital: {
    field: "/acquisition/costOfCapital",
    key: "costOfCapital",
    given: (d) => purchase(d)?.costOfCapital,
  },
  maintenanceShare: {
    field: "/acquisition/maintenanceShare",
    key: "maintenanceShare",
    given: (d) => purchase(d)?.maintenanceShare,
  },
  loadFactor: { field: "/power/loadFactor", key: "loadFactor", given: (d) => d.power?.loadFactor },
  pue: {
    field: "/power/pue",
    key: "pue",
    given: (d) => d.power?.pue,
    local: {
      value: dec(1),
      source: "default for local use: a desktop in an office or home, no data-centre cooling overhead",
    },
  },
  pricePerKwh: { field: "/power/pricePerKwh", key: "pricePerKwh", given: (d) => d.power?.pricePerKwh },
  operationsFte: {
    field: "/operations/fte",
    key: "operationsFte",
    given: (d) => d.operations?.fte,
    local: { value: ZERO, source: "default for local use: no operations staff" },
  },
  costPerFteMonth: {
    field: "/operations/costPerFteMonth",
    key: "costPerFteMonth",
    given: (d) => d.operations?.costPerFteMonth,
  },
} as const satisfies Record<string, DeploymentDefault>;
