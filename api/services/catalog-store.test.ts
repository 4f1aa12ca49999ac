/**
 * The snapshot store on its own: a fake clock (vitest's timers and Date) and a fake catalogue source
 * whose every answer the test gives by hand, so each interleaving of re-checks, reloads and failures
 * is staged exactly. The database-backed source is exercised by tests/http/snapshot-*.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logging/logger.js";
import { type AtRevision, type CatalogSource, CatalogStore } from "./catalog-store.js";

const TTL_MS = 30_000;
const WAIT_MS = 1_000;

interface Content {
  label: string;
}
/** Stands for a database client: the store keys its in-flight work by client identity. */
interface Client {
  name: string;
}

interface Pending<T> {
  client: Client;
  resolve(value: T): void;
  reject(error: Error): void;
}

/** A source that answers nothing until the test does: `revisions` and `loads` list the open calls. */
class ManualSource implements CatalogSource<Content, Client> {
  readonly revisions: Pending<number>[] = [];
  readonly loads: Pending<AtRevision<Content>>[] = [];

  revision(client: Client): Promise<number> {
    return new Promise((resolve, reject) => this.revisions.push({ client, resolve, reject }));
  }

  load(client: Client): Promise<AtRevision<Content>> {
    return new Promise((resolve, reject) => this.loads.push({ client, resolve, reject }));
  }

  /** Answer the oldest open revision check. */
  answerRevision(revision: number): void {
    const call = this.revisions.shift();
    if (!call) throw new Error("no revision check is open");
    call.resolve(revision);
  }

  /** Answer the oldest open load with the catalogue at `revision`. */
  answerLoad(revision: number, label = `r${revision}`): void {
    const call = this.loads.shift();
    if (!call) throw new Error("no load is open");
    call.resolve({ revision, label });
  }
}

const a: Client = { name: "a" };
const b: Client = { name: "b" };
let source: ManualSource;
let store: CatalogStore<Content, Client>;
let logLines: string[];

/** Let every settled promise's continuations run (the fake timers do not move). */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** A store with a loaded snapshot at `revision`, and the clock past its TTL. */
async function storeAt(revision: number) {
  const first = store.current(a);
  await settle();
  source.answerRevision(revision);
  await settle();
  source.answerLoad(revision);
  expect((await first).revision).toBe(revision);
  vi.advanceTimersByTime(TTL_MS);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  source = new ManualSource();
  logLines = [];
  store = new CatalogStore(
    TTL_MS,
    createLogger("warn", (line) => logLines.push(line)),
    source,
    {
      now: () => Date.now(),
      recheckWaitMs: WAIT_MS,
    },
  );
});
afterEach(() => {
  vi.useRealTimers();
});

describe("CatalogStore", () => {
  it("loads once for concurrent first requests on one client, then serves from memory within the TTL", async () => {
    const first = [store.current(a), store.current(a), store.current(a)];
    await settle();
    expect(source.revisions).toHaveLength(1);
    source.answerRevision(7);
    await settle();
    source.answerLoad(7);
    const snapshots = await Promise.all(first);
    expect(snapshots.map((s) => [s.revision, s.version, s.label])).toEqual([
      [7, "7", "r7"],
      [7, "7", "r7"],
      [7, "7", "r7"],
    ]);
    vi.advanceTimersByTime(TTL_MS - 1);
    expect(await store.current(a)).toBe(snapshots[0]);
    expect(source.revisions).toHaveLength(0);
    expect(source.loads).toHaveLength(0);
  });

  it("after the TTL, asks for the revision once and keeps the snapshot when it is unchanged", async () => {
    await storeAt(3);
    const before = await (async () => {
      const pending = store.current(a);
      await settle();
      source.answerRevision(3);
      return pending;
    })();
    expect(before.revision).toBe(3);
    expect(source.loads).toHaveLength(0);
    // The check counted: the next one is a full TTL later.
    vi.advanceTimersByTime(TTL_MS - 1);
    await store.current(a);
    expect(source.revisions).toHaveLength(0);
  });

  it("after the TTL, loads and installs a changed catalogue", async () => {
    await storeAt(3);
    const pending = store.current(a);
    await settle();
    source.answerRevision(4);
    await settle();
    source.answerLoad(4);
    expect((await pending).label).toBe("r4");
    expect((await store.current(a)).label).toBe("r4");
  });

  it("reload installs the catalogue at once, before the TTL", async () => {
    await storeAt(3);
    vi.setSystemTime(Date.now() - TTL_MS); // back inside the TTL
    const reloaded = store.reload(a);
    await settle();
    source.answerLoad(4);
    expect((await reloaded).revision).toBe(4);
    expect((await store.current(a)).revision).toBe(4);
    expect(source.revisions).toHaveLength(0);
  });

  it("a re-check that started before an import's reload does not put its older catalogue back", async () => {
    await storeAt(3);
    const recheck = store.current(a);
    await settle();
    source.answerRevision(4);
    await settle();
    const recheckLoad = source.loads.shift();
    const reloaded = store.reload(a);
    await settle();
    source.answerLoad(5, "after import");
    expect((await reloaded).label).toBe("after import");
    // The older re-check answers last: the import's snapshot stays.
    recheckLoad?.resolve({ revision: 4, label: "before import" });
    expect((await recheck).label).toBe("after import");
    expect((await store.current(a)).label).toBe("after import");
  });

  it("a first load that fails rejects, and the next request tries again", async () => {
    const first = store.current(a);
    await settle();
    source.revisions.shift()?.reject(new Error("connection refused"));
    await expect(first).rejects.toThrow("connection refused");
    const second = store.current(a);
    await settle();
    source.answerRevision(1);
    await settle();
    source.answerLoad(1);
    expect((await second).revision).toBe(1);
  });

  it("a re-check that fails keeps serving the last snapshot, logs it, and retries after the TTL", async () => {
    await storeAt(3);
    const pending = store.current(a);
    await settle();
    source.revisions.shift()?.reject(new Error("connection refused"));
    expect((await pending).revision).toBe(3);
    expect(logLines.join("")).toContain("catalogue refresh failed; serving the last snapshot");
    expect(logLines.join("")).toContain("connection refused");
    await store.current(a); // within the TTL of the failed check: no new attempt
    expect(source.revisions).toHaveLength(0);
    vi.advanceTimersByTime(TTL_MS);
    void store.current(a);
    await settle();
    expect(source.revisions).toHaveLength(1);
  });

  it("a re-check that hangs answers with the last snapshot after the wait, and later requests at once", async () => {
    await storeAt(3);
    const waiting = store.current(a);
    let answered = false;
    void waiting.then(() => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(WAIT_MS - 1);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await waiting).revision).toBe(3);
    // The check is still open; a request now does not wait at all, nor start another check.
    expect((await store.current(a)).revision).toBe(3);
    expect(source.revisions).toHaveLength(1);
    // When it finally answers with a change, the new catalogue goes in.
    source.answerRevision(4);
    await settle();
    source.answerLoad(4);
    await settle();
    expect((await store.current(a)).revision).toBe(4);
  });

  it("requests on different clients never wait on each other's I/O (Workers: a client per request)", async () => {
    const onA = store.current(a);
    await settle();
    // Request A's client never answers (its request was cancelled, its client closed).
    const onB = store.current(b);
    await settle();
    expect(source.revisions.map((call) => call.client.name)).toEqual(["a", "b"]);
    source.revisions.splice(1, 1)[0]?.resolve(2);
    await settle();
    expect(source.loads.map((call) => call.client.name)).toEqual(["b"]);
    source.answerLoad(2, "via b");
    expect((await onB).label).toBe("via b");
    // A's load answering later (same revision) changes nothing.
    source.answerRevision(2);
    await settle();
    expect((await onA).label).toBe("via b");
    expect(source.loads).toHaveLength(0);
  });
});
