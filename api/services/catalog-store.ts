/**
 * Holds this process's snapshot of the catalogue so estimates never query the database in steady
 * state. One store lives per process (Node) or per isolate (Workers, where the database client is per
 * request, hence the `db` argument). The snapshot is replaced after an import here, and re-checked
 * against the database's catalogue revision at most every `ttlMs` (other processes may have written).
 * If the database is unreachable or slow the last snapshot keeps serving.
 *
 * Exact, not approximately fresh:
 * - the revision changes with every write to the catalogue (migrations/0003_catalog_revision.sql), so
 *   any change is seen within the TTL;
 * - a snapshot is read in one transaction together with its revision (`loadCatalogAtRevision`);
 * - a snapshot replaces the installed one only if its revision is newer, so a slow re-check that
 *   started before an import's reload cannot put the older catalogue back;
 * - loads are shared only between requests on the same database client: on Workers a request never
 *   awaits I/O that belongs to another request's client (which may be closed, or its request gone).
 */

import { buildHardwareCatalog, type HardwareCatalog } from "../catalog/hardware-catalog.js";
import type { Database } from "../db/client.js";
import { catalogRevision, loadCatalogAtRevision } from "../db/repository.js";
import { PriceCatalog } from "../domain/pricing/price-catalog.js";
import { describeError, type Logger } from "../logging/logger.js";

/** What a snapshot of the catalogue holds. */
export interface CatalogContent {
  prices: PriceCatalog;
  hardware: HardwareCatalog;
}

/** Content read at one catalogue revision. */
export type AtRevision<Content> = Content & { revision: number };

export type Snapshot<Content = CatalogContent> = AtRevision<Content> & {
  /** The revision as a string (`/readyz`'s `catalogVersion`). */
  version: string;
  loadedAt: number;
};

/** Where snapshots come from. */
export interface CatalogSource<Content, Client> {
  /** The database's current catalogue revision (one cheap query). */
  revision(client: Client): Promise<number>;
  /** The whole catalogue, read in one consistent transaction with its revision. */
  load(client: Client): Promise<AtRevision<Content>>;
}

/** The catalogue in the database (api/db/repository.ts). */
export const databaseCatalogSource: CatalogSource<CatalogContent, Database> = {
  revision: catalogRevision,
  async load(db) {
    const { revision, rows, hardwareRows } = await loadCatalogAtRevision(db);
    return { revision, prices: new PriceCatalog(rows), hardware: buildHardwareCatalog(hardwareRows) };
  },
};

/** Longest a request waits for a re-check of the catalogue revision before the last snapshot answers. */
export const RECHECK_WAIT_MS = 1_000;

export interface CatalogStoreOptions {
  /** The clock (tests pass their own). */
  now?: () => number;
  recheckWaitMs?: number;
}

/** A refresh in flight on one database client, and when it started. */
interface Inflight<Content> {
  promise: Promise<Snapshot<Content>>;
  since: number;
}

export class CatalogStore<Content = CatalogContent, Client extends object = Database> {
  private snapshot: Snapshot<Content> | undefined;
  /** When the last successful or failed re-check started: the next is due `ttlMs` later. */
  private checkedAt = Number.NEGATIVE_INFINITY;
  /** Keyed by client, so a request only ever awaits its own client's I/O (see the module comment). */
  private readonly inflight = new WeakMap<Client, Inflight<Content>>();
  private readonly now: () => number;
  private readonly recheckWaitMs: number;

  constructor(
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly source: CatalogSource<Content, Client>,
    options: CatalogStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.recheckWaitMs = options.recheckWaitMs ?? RECHECK_WAIT_MS;
  }

  /**
   * The current snapshot; loads it on first use and re-validates it when the TTL has passed. A
   * re-check that takes longer than `recheckWaitMs` (a database that is slow, or unreachable with
   * its packets vanishing) does not hold requests: they get the last snapshot while it goes on.
   */
  async current(db: Client): Promise<Snapshot<Content>> {
    const snapshot = this.snapshot;
    if (snapshot && this.now() - this.checkedAt < this.ttlMs) return snapshot;
    let run = this.inflight.get(db);
    if (!run) {
      const started = { promise: this.refresh(db), since: this.now() };
      this.inflight.set(db, started);
      started.promise.then(
        () => this.inflight.delete(db),
        () => this.inflight.delete(db),
      );
      run = started;
    }
    if (!snapshot) return run.promise;
    const waitLeft = this.recheckWaitMs - (this.now() - run.since);
    if (waitLeft <= 0) return snapshot;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stale = new Promise<Snapshot<Content>>((resolve) => {
      timer = setTimeout(() => resolve(snapshot), waitLeft);
    });
    return Promise.race([run.promise, stale]).finally(() => clearTimeout(timer));
  }

  /** Load now (after an import in this process); the newest snapshot installed is returned. */
  async reload(db: Client): Promise<Snapshot<Content>> {
    const started = this.now();
    const loaded = await this.source.load(db);
    this.markChecked(started);
    return this.install(loaded);
  }

  private async refresh(db: Client): Promise<Snapshot<Content>> {
    const started = this.now();
    try {
      const revision = await this.source.revision(db);
      const snapshot = this.snapshot;
      if (snapshot && snapshot.revision >= revision) {
        this.markChecked(started);
        return snapshot;
      }
      const loaded = await this.source.load(db);
      this.markChecked(started);
      return this.install(loaded);
    } catch (error) {
      const snapshot = this.snapshot;
      if (!snapshot) throw error;
      // Keep serving the last good snapshot through a database outage; retry on the next TTL.
      this.markChecked(started);
      this.logger.warn("catalogue refresh failed; serving the last snapshot", {
        err: describeError(error),
        version: snapshot.version,
      });
      return snapshot;
    }
  }

  private markChecked(at: number): void {
    this.checkedAt = Math.max(this.checkedAt, at);
  }

  /** Install `loaded` unless a snapshot of the same or a newer revision is already in; return the newest. */
  private install(loaded: AtRevision<Content>): Snapshot<Content> {
    const current = this.snapshot;
    if (current && current.revision >= loaded.revision) return current;
    this.snapshot = { ...loaded, version: String(loaded.revision), loadedAt: this.now() };
    return this.snapshot;
  }
}
