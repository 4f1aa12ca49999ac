/**
 * HTTP load with autocannon. `workers: 1` runs the load generator in a worker thread with its own
 * event loop, apart from this process's main thread (which drains the server's log pipe).
 */
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  durationSeconds: number;
  connections: number;
  pipelining?: number;
}

export interface LoadResult {
  /** Mean requests per second over the run (autocannon's per-second samples). */
  rps: number;
  requests: number;
  /** Responses other than 2xx, by status. */
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Connection errors, resets and timeouts. */
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Mean bytes per second received. */
  throughputBytesPerSec: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    method: o.method ?? "GET",
    ...(o.body ? { body: o.body } : {}),
    headers: { ...(o.body ? { "content-type": "application/json" } : {}), ...o.headers },
    duration: o.durationSeconds,
    connections: o.connections,
    pipelining: o.pipelining ?? 1,
    workers: 1,
  });
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    errors: r.errors + (r.resets ?? 0),
    timeouts: r.timeouts,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    throughputBytesPerSec: r.throughput.average,
  };
}
