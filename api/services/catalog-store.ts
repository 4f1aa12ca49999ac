/**
 * Holds this process's snapshot of the catalogue so estimates never query the database in steady
 * state. One store lives per process (Node) or per isolate (Workers, where the database client is per
 * request, hence the `db` argument). The snapshot is swapped after an import here, and re-checked against the database's catalogue
 * version at most every `ttlMs` (other processes may have imported). If the database is unreachable
 * or slow the last snapshot keeps serving.
 */

import { buildHardwareCatalog, type HardwareCatalog } from "../catalog/hardware-catalog.js";
import type { Database } from "../db/client.js";
import { catalogVersion, loadCatalogRows, loadHardwareRows } from "../db/repository.js";
import { PriceCatalog } from "../domain/pricing/price-catalog.js";
import { describeError, type Logger } from "../logging/logger.js";

export interface Snapshot {
  version: string;
  prices: PriceCatalog;
  hardware: HardwareCatalog;
  loadedAt: number;
}

/** Longest a request waits for a re-check of the catalogue version before the last snapshot answers. */
export const RECHECK_WAIT_MS = 1_000;

export class CatalogStore {
  private snapshot: Snapshot | undefined;
  private checkedAt = 0;
  private inflight: Promise<Snapshot> | undefined;
  private inflightSince = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly recheckWaitMs: number = RECHECK_WAIT_MS,
  ) {}

  /**
   * The current snapshot; loads it on first use and re-validates it when the TTL has passed. A
   * re-check that takes longer than `recheckWaitMs` (a database that is slow, or unreachable with
   * its packets vanishing) does not hold requests: they get the last snapshot while it goes on.
   */
  async current(db: Database): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (snapshot && this.now() - this.checkedAt < this.ttlMs) return snapshot;
    if (!this.inflight) {
      this.inflightSince = this.now();
      this.inflight = this.refresh(db).finally(() => {
        this.inflight = undefined;
      });
    }
    if (!snapshot) return this.inflight;
    const waitLeft = this.recheckWaitMs - (this.now() - this.inflightSince);
    if (waitLeft <= 0) return snapshot;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stale = new Promise<Snapshot>((resolve) => {
      timer = setTimeout(() => resolve(snapshot), waitLeft);
    });
    return Promise.race([this.inflight, stale]).finally(() => clearTimeout(timer));
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
        err: describeError(error),
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
