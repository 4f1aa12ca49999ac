/**
 * Start-up: milliseconds from spawning `dist/server.mjs` (as `npm start` does, after its build) to its
 * first 200 on `/healthz`, on a database of the bench's own: the first start on an empty database (migrate,
 * seed every price sheet and the hardware catalogue) and the second (migrations and seed already
 * applied: every upsert is a no-op).
 */
import { createBenchDatabase } from "./db.js";
import { startBenchServer } from "./server.js";

export interface StartupResult {
  database: "pglite" | "postgres";
  firstStartMs: number;
  secondStartMs: number;
}

export async function measureStartup(kind: "pglite" | "postgres"): Promise<StartupResult> {
  const saved = process.env.DATABASE_URL;
  if (kind === "pglite") delete process.env.DATABASE_URL;
  try {
    const db = await createBenchDatabase(`startup_${kind}`);
    try {
      const first = await startBenchServer({ ...db.env, LOG_LEVEL: "info" });
      await first.stop();
      const second = await startBenchServer({ ...db.env, LOG_LEVEL: "info" });
      await second.stop();
      return { database: kind, firstStartMs: first.startupMs, secondStartMs: second.startupMs };
    } finally {
      await db.drop();
    }
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureStartup("pglite"));
  if (process.env.DATABASE_URL) console.log(await measureStartup("postgres"));
}
