/**
 * The self-hosting catalogue in memory: accelerators by id, published throughput benchmarks and the
 * sourced TCO defaults, built from the stored entries (validated again on the way in).
 */

import type { ThroughputBenchmark } from "../domain/self-hosting/published-benchmarks.js";
import type { CatalogAccelerator, TcoDefaults } from "../domain/self-hosting/self-hosted.js";
import { toCatalogAccelerator, toTcoDefaults, toThroughputBenchmark } from "./hardware-records.js";
import {
  type AcceleratorEntry,
  accelerator,
  type DefaultsFile,
  type ServerEntry,
  server,
  sourcedValue,
  throughputBenchmark,
} from "./hardware-schema.js";

export interface HardwareCatalog {
  /** Sourced entries as stored, for listing (`GET /v1/accelerators`). */
  acceleratorEntries: AcceleratorEntry[];
  accelerators: Map<string, CatalogAccelerator>;
  servers: ServerEntry[];
  benchmarks: ThroughputBenchmark[];
  defaults: TcoDefaults;
}

export interface HardwareRows {
  accelerators: unknown[];
  servers: unknown[];
  benchmarks: unknown[];
  /** Default key → its sourced entry. */
  defaults: Record<string, unknown>;
}

/** Build the catalogue from stored rows; throws if a stored entry no longer matches the schema. */
export function buildHardwareCatalog(rows: HardwareRows): HardwareCatalog {
  const acceleratorEntries = rows.accelerators.map((e) => accelerator.parse(e));
  const defaults = Object.fromEntries(
    Object.entries(rows.defaults)
      .filter(([key]) => !key.includes(":") && key !== "averageDrawFactor")
      .map(([key, entry]) => [key, sourcedValue.parse(entry)]),
  ) as unknown as DefaultsFile;
  return {
    acceleratorEntries,
    accelerators: new Map(acceleratorEntries.map((e) => [e.id, toCatalogAccelerator(e)])),
    servers: rows.servers.map((e) => server.parse(e)),
    benchmarks: rows.benchmarks.map((e) => toThroughputBenchmark(throughputBenchmark.parse(e))),
    defaults: toTcoDefaults(defaults),
  };
}
