/**
 * A TCP proxy on 127.0.0.1 that a test controls, between the service and the real Postgres server, to
 * stage database outages without touching the shared server:
 * - `refuse()`: every open connection is destroyed and new ones are reset at once (server down, port
 *   closed: the client sees errors immediately);
 * - `blackhole()`: connections stay open but nothing gets through either way, and new ones are
 *   accepted and held (a network partition: only the client's timeouts end the wait);
 * - `restore()`: forwarding again (connections held by a blackhole are dropped first, as a middlebox
 *   that lost their state would).
 */
import net from "node:net";

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number;
  /** `url` (a postgres:// URL) pointing at the proxy instead of the server. */
  via(url: string): string;
  refuse(): void;
  blackhole(): void;
  restore(): void;
  /** Connections accepted since start (forwarded or not). */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: "forward" | "refuse" | "blackhole" = "forward";
  let accepted = 0;
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket }>();

  const server = net.createServer((client) => {
    accepted++;
    const pair: { client: net.Socket; upstream?: net.Socket } = { client };
    pairs.add(pair);
    client.on("error", () => {});
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (mode === "refuse") {
      client.resetAndDestroy();
      return;
    }
    if (mode === "blackhole") {
      client.pause(); // held: read nothing, answer nothing
      return;
    }
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    via(url: string) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    refuse() {
      mode = "refuse";
      for (const { client, upstream } of pairs) {
        upstream?.destroy();
        client.resetAndDestroy();
      }
    },
    blackhole() {
      mode = "blackhole";
      for (const { client, upstream } of pairs) {
        // Stop both directions without closing anything.
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    restore() {
      if (mode === "blackhole") {
        for (const { client, upstream } of pairs) {
          upstream?.destroy();
          client.resetAndDestroy();
        }
      }
      mode = "forward";
    },
    get accepted() {
      return accepted;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        upstream?.destroy();
        client.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
