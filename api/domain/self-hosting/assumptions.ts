/**
 * The one place a self-hosted estimate records what it filled in (`assumptions[]`, in the order the
 * resolvers fill it) and what the caller should know (`warnings[]`). Fields are given relative to the
 * deployment (`/power/pue`) and placed where the caller's request holds it (`at.deployment`).
 */

import type { Decimal } from "../shared/decimal.js";
import type { Assumption } from "../shared/line-item.js";
import type { DeploymentDefault } from "./defaults.js";
import type { DeploymentPointers, DeploymentRequest, TcoDefaults } from "./deployment.js";

/** Collects the assumptions and warnings of one estimate. */
export class AssumptionCollector {
  readonly assumptions: Assumption[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly at: DeploymentPointers,
    private readonly deployment: DeploymentRequest,
    private readonly defaults: TcoDefaults,
  ) {}

  /** Record that deployment `field` took `value` (shown as `shown`) from `source`; returns `value`. */
  assume<T>(field: string, value: T, shown: string, source: string): T {
    this.assumptions.push({ field: `${this.at.deployment}${field}`, value: shown, source });
    return value;
  }

  /** Record a default of a workload field (relative to the workload). */
  assumeWorkload(field: string, shown: string, source: string): void {
    this.assumptions.push({ field: `${this.at.workload}${field}`, value: shown, source });
  }

  /**
   * The caller's value of a table default, else its local default (when `local` and the row has one),
   * else the catalogue's value — the latter two recorded as assumptions.
   */
  fill(row: DeploymentDefault, local = false): Decimal {
    const given = row.given(this.deployment);
    if (given != null) return given;
    if (local && row.local)
      return this.assume(row.field, row.local.value, row.local.value.toString(), row.local.source);
    const d = this.defaults[row.key];
    return this.assume(row.field, d.value, d.value.toString(), d.source);
  }

  /** Add a warning for the response. */
  warn(text: string): void {
    this.warnings.push(text);
  }
}
