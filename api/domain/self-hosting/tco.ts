/**
 * Self-hosted total cost of ownership per replica (DESIGN §5.2): capital via the capital-recovery
 * factor with residual value, maintenance, rent, energy, facilities, and operations staff for the
 * whole deployment. Pure Decimal arithmetic; 730 hours per month, 8,760 per year.
 *
 * - Purchase: P = pricePerAccelerator × acceleratorsPerReplica + overheadPerReplica;
 *   annual capital = (P − R/(1+r)^n) × CRF(r, n), R = residualValueShare × P; r = 0 → (P − R)/n.
 *   Maintenance = maintenanceShare × P per year.
 * - Rent: pricePerAcceleratorHour × acceleratorsPerReplica per hour; it replaces capital and
 *   maintenance, and cloud rent already includes power, so there is no energy line unless power is
 *   given explicitly (colocation).
 * - Energy per hour = watts/1000 × loadFactor × PUE × $/kWh.
 * - Facilities per replica-month; operations = FTE × cost per FTE-month, once for the deployment.
 *
 * Non-integer lifetimes (e.g. 3.5 years) use Decimal `pow` with a fractional exponent, computed to the
 * project's 40 significant digits and correctly rounded in practice (decimal.js documents pow as
 * "almost always correctly rounded"); far below a cent at any realistic price.
 */
import { type Decimal, dec, HOURS_PER_MONTH, HOURS_PER_YEAR, ONE, ZERO } from "../shared/decimal.js";
import { DomainError } from "../shared/errors.js";
import { type LineItem, lineItem } from "../shared/line-item.js";

/**
 * Capital recovery factor: the share of a present value repaid each year over `years` at `rate`,
 * CRF = r(1+r)^n / ((1+r)^n − 1); with r = 0 it is straight-line 1/n.
 */
export function capitalRecoveryFactor(rate: Decimal, years: Decimal): Decimal {
  if (years.lte(ZERO))
    throw new DomainError("invalid", "/acquisition/lifetimeYears", "lifetimeYears must be greater than 0.");
  if (rate.isZero()) return ONE.div(years);
  if (rate.lte(dec(-1)))
    throw new DomainError("invalid", "/acquisition/costOfCapital", "costOfCapital must be greater than −1.");
  if (rate.times(years).abs().lt(SMALL_RATE_TIMES_YEARS)) {
    // (1+r)^n − 1 loses its digits to cancellation when r·n is small, and rounds to 0 when it is tiny
    // (1 + 1e-41 is 1 at 40 digits: the closed form would divide by zero). With x = n·ln(1+r):
    // CRF = r / (1 − e^−x) = (r/x)(1 + x/2 + x²/12 − x⁴/720 + x⁶/30240 − …), whose next term is below
    // 1e-38 of the result for |x| < 1e-4.
    const x = years.times(ln1p(rate));
    const series = ONE.plus(x.div(2))
      .plus(x.pow(2).div(12))
      .minus(x.pow(4).div(720))
      .plus(x.pow(6).div(30240));
    return rate.div(x).times(series);
  }
  const growth = ONE.plus(rate).pow(years);
  return rate.times(growth).div(growth.minus(ONE));
}

/** Below this |r·n| the series replaces the closed form (see capitalRecoveryFactor). */
const SMALL_RATE_TIMES_YEARS = dec("1e-4");

/** ln(1 + r), exact to the precision also for tiny r (where 1 + r itself would round). */
function ln1p(r: Decimal): Decimal {
  if (r.abs().gte("1e-10")) return ONE.plus(r).ln();
  return r.minus(r.pow(2).div(2)).plus(r.pow(3).div(3)).minus(r.pow(4).div(4));
}

export interface CapitalTerms {
  /** Purchase price of one replica (accelerators and any server/network overhead). */
  price: Decimal;
  /** Value recovered at the end of life (residualValueShare × price). */
  residualValue: Decimal;
  /** Cost of capital per year (0.08 = 8 %). */
  costOfCapital: Decimal;
  lifetimeYears: Decimal;
}

/** Annual capital cost with residual value: (P − R/(1+r)^n) × CRF(r, n); r = 0 gives (P − R)/n. */
export function annualCapitalCost(terms: CapitalTerms): Decimal {
  const crf = capitalRecoveryFactor(terms.costOfCapital, terms.lifetimeYears);
  const discountedResidual = terms.costOfCapital.isZero()
    ? terms.residualValue
    : terms.residualValue.div(ONE.plus(terms.costOfCapital).pow(terms.lifetimeYears));
  return terms.price.minus(discountedResidual).times(crf);
}

export interface PurchaseTerms {
  mode: "purchase";
  pricePerAccelerator: Decimal;
  /** Server, host and network cost per replica on top of the accelerators (0 when prices are server shares). */
  overheadPerReplica: Decimal;
  lifetimeYears: Decimal;
  residualValueShare: Decimal;
  costOfCapital: Decimal;
  /** Maintenance per year as a share of the purchase price. */
  maintenanceShare: Decimal;
}

export interface RentTerms {
  mode: "rent";
  pricePerAcceleratorHour: Decimal;
}

export type AcquisitionTerms = PurchaseTerms | RentTerms;

export interface PowerTerms {
  /** Rated (or measured) wall power of one replica, watts. */
  wattsPerReplica: Decimal;
  /** Average draw as a share of `wattsPerReplica`. */
  loadFactor: Decimal;
  /** Power usage effectiveness of the facility (≥ 1). */
  pue: Decimal;
  /** USD per kWh. */
  pricePerKwh: Decimal;
}

/** Energy cost of one replica per hour: watts/1000 × loadFactor × PUE × $/kWh. */
export function energyCostPerHour(power: PowerTerms): Decimal {
  return power.wattsPerReplica.div(1000).times(power.loadFactor).times(power.pue).times(power.pricePerKwh);
}

export interface ReplicaCostInput {
  acquisition: AcquisitionTerms;
  acceleratorsPerReplica: number;
  /** null = no energy charged (rent without explicit power). */
  power: PowerTerms | null;
  facilitiesPerReplicaMonth: Decimal;
}

/** Cost of one replica per hour, by component (USD). */
export interface ReplicaHourlyCost {
  capital: Decimal;
  maintenance: Decimal;
  rent: Decimal;
  energy: Decimal;
  facilities: Decimal;
  /** Sum of the above. Operations staff is not in it: it is charged once per deployment. */
  total: Decimal;
}

/** Purchase price of one replica: price × accelerators + overhead. */
export function replicaPurchasePrice(terms: PurchaseTerms, acceleratorsPerReplica: number): Decimal {
  return terms.pricePerAccelerator.times(acceleratorsPerReplica).plus(terms.overheadPerReplica);
}

/** Hourly cost of one replica: (capital + maintenance)/8760 or rent, + energy, + facilities/730. */
export function hourlyCostPerReplica(input: ReplicaCostInput): ReplicaHourlyCost {
  let capital = ZERO;
  let maintenance = ZERO;
  let rent = ZERO;
  if (input.acquisition.mode === "purchase") {
    const p = input.acquisition;
    const price = replicaPurchasePrice(p, input.acceleratorsPerReplica);
    capital = annualCapitalCost({
      price,
      residualValue: price.times(p.residualValueShare),
      costOfCapital: p.costOfCapital,
      lifetimeYears: p.lifetimeYears,
    }).div(HOURS_PER_YEAR);
    maintenance = price.times(p.maintenanceShare).div(HOURS_PER_YEAR);
  } else {
    rent = input.acquisition.pricePerAcceleratorHour.times(input.acceleratorsPerReplica);
  }
  const energy = input.power ? energyCostPerHour(input.power) : ZERO;
  const facilities = input.facilitiesPerReplicaMonth.div(HOURS_PER_MONTH);
  return {
    capital,
    maintenance,
    rent,
    energy,
    facilities,
    total: capital.plus(maintenance).plus(rent).plus(energy).plus(facilities),
  };
}

export interface OperationsTerms {
  /** Full-time equivalents of operations staff for the whole deployment. */
  fte: Decimal;
  costPerFteMonth: Decimal;
}

export interface DeploymentCostInput extends ReplicaCostInput {
  replicas: number;
  operations: OperationsTerms;
}

export interface DeploymentCost {
  /** Sum of the line items (= replicas × hourly × 730 + operations, up to Decimal rounding of the hourly rates). */
  monthlyCost: Decimal;
  hourly: ReplicaHourlyCost;
  lineItems: LineItem[];
}

/**
 * Monthly cost of a deployment as line items: capital, maintenance (purchase) or rent, energy (when
 * power applies), facilities and operations. Hour-based components are priced per replica-hour
 * (rent per accelerator-hour) for `replicas × 730` hours; facilities per replica-month; operations
 * per FTE-month. `monthlyCost` is exactly the sum of the line items. `hourly` is
 * `hourlyCostPerReplica(input)`; callers pricing many replica counts of the same terms pass it once
 * (the capital recovery factor's fractional powers are most of the work).
 */
export function deploymentCost(
  input: DeploymentCostInput,
  hourly: ReplicaHourlyCost = hourlyCostPerReplica(input),
): DeploymentCost {
  const replicaHours = HOURS_PER_MONTH.times(input.replicas);
  const items: LineItem[] = [];
  if (input.acquisition.mode === "purchase") {
    const p = input.acquisition;
    items.push(
      lineItem(
        "capital",
        `Capital recovery of ${input.acceleratorsPerReplica} accelerator(s) per replica at ${p.pricePerAccelerator} each` +
          `${p.overheadPerReplica.isZero() ? "" : ` + ${p.overheadPerReplica} overhead`}, ${p.lifetimeYears}-year life, ` +
          `${p.residualValueShare} residual, ${p.costOfCapital} cost of capital`,
        "replica-hour",
        replicaHours,
        hourly.capital,
      ),
      lineItem(
        "maintenance",
        `Maintenance at ${p.maintenanceShare} of the purchase price per year`,
        "replica-hour",
        replicaHours,
        hourly.maintenance,
      ),
    );
  } else {
    items.push(
      lineItem(
        "rent",
        `Rent of ${input.acceleratorsPerReplica} accelerator(s) per replica (power included)`,
        "accelerator-hour",
        replicaHours.times(input.acceleratorsPerReplica),
        input.acquisition.pricePerAcceleratorHour,
      ),
    );
  }
  if (input.power) {
    const w = input.power;
    items.push(
      lineItem(
        "energy",
        `Energy: ${w.wattsPerReplica} W × load ${w.loadFactor} × PUE ${w.pue} at ${w.pricePerKwh}/kWh`,
        "replica-hour",
        replicaHours,
        hourly.energy,
      ),
    );
  }
  items.push(
    lineItem(
      "facilities",
      "Facilities (space, racks, network) per replica",
      "replica-month",
      dec(input.replicas),
      input.facilitiesPerReplicaMonth,
    ),
    lineItem(
      "operations",
      "Operations staff for the deployment",
      "FTE-month",
      input.operations.fte,
      input.operations.costPerFteMonth,
    ),
  );
  const monthlyCost = items.reduce((sum, i) => sum.plus(i.cost), ZERO);
  return { monthlyCost, hourly, lineItems: items };
}
