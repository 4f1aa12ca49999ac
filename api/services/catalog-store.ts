/**
 * Holds this process's snapshot of the catalogue so estimates never query the database in steady
 * state. One store lives per process (Node) or per isolate (Workers, where the database client is per
 * request, hence the `db` argument). The snapshot is swapped after an import here, and re-checked against the database's catalogue
 * version at most every `ttlMs` (other processes may have imported). If the database is unreachable
 * the last snapshot keeps serving.
 */

import { buildHardwareCatalog, type HardwareCatalog } from "../catalog/hardware-catalog.js";
import type { Database } from "../db/client.js";
import { catalogVersion, loadCatalogRows, loadHardwareRows } from "../db/repository.js";
import { PriceCatalog } from "../domain/price-catalog.js";
import type { Logger } from "../lib/logger.js";

export interface Snapshot {
  version: string;
  prices: PriceCatalog;
  hardware: HardwareCatalog;
  loadedAt: number;
}

export class CatalogStore {
  private snapshot: Snapshot | undefined;
  private checkedAt = 0;
  private inflight: Promise<Snapshot> | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current snapshot; loads it on first use and re-validates it when the TTL has passed. */
  async current(db: Database): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && this.now() - this.checkedAt < this.ttlMs) return snapshot;
    this.inflight ??= this.refresh(db).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Force a reload (after an import in this process). */
  async reload(db: Database): Promise<Snapshot> {
    const version = await catalogVersion(db);
    return this.load(db, version);
  }

  private async refresh(db: Database): Promise<Snapshot> {
    try {
      const version = await catalogVersion(db);
      this.checkedAt = this.now();
      if (this.snapshot && this.snapshot.version === version) return this.snapshot;
      return await this.load(db, version);
    } catch (error) {
      if (!this.snapshot) throw error;
      // Keep serving the last good snapshot through a database outage; retry on the next TTL.
      this.checkedAt = this.now();
      this.logger.warn("catalogue refresh failed; serving the last snapshot", {
        err: error instanceof Error ? error.message : String(error),
        version: this.snapshot.version,
      });
      return this.snapshot;
    }
  }

  private async load(db: Database, version: string): Promise<Snapshot> {
    const [rows, hardwareRows] = await Promise.all([loadCatalogRows(db), loadHardwareRows(db)]);
    this.snapshot = {
      version,
      prices: new PriceCatalog(rows),
      hardware: buildHardwareCatalog(hardwareRows),
      loadedAt: this.now(),
    };
    this.checkedAt = this.now();
    return this.snapshot;
  }
}
