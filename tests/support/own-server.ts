/**
 * The real server process on a database of its own: with DATABASE_URL (CI) a fresh clone of the seeded
 * Postgres template, otherwise the embedded database in a fresh data directory (a first start).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ServerProcess, startServer } from "./server-process.js";
import { createTestDatabase } from "./test-app.js";

export interface OwnServer extends ServerProcess {
  database: "postgres" | "embedded";
  /** Kill the server and drop its database or data directory. */
  close(): Promise<void>;
}

export async function startServerOnOwnDatabase(env: Record<string, string> = {}): Promise<OwnServer> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    await database.handle.close();
    const server = await startServer({ ...env, DATABASE_URL: database.url as string });
    return {
      ...server,
      database: "postgres",
      close: async () => {
        await server.stop("SIGKILL");
        await database.drop().catch(() => {});
      },
    };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), "llm-tco-server-"));
  const server = await startServer({ ...env, DATA_DIR: dataDir, DATABASE_URL: "" });
  return {
    ...server,
    database: "embedded",
    close: async () => {
      await server.stop("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
