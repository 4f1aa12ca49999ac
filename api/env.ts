/**
 * Environment, parsed once with zod at start-up (Node) or per isolate (Workers). Nothing else reads
 * `process.env`.
 */
import { z } from "zod";

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Postgres URL; absent → embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Directory for the embedded database (PGlite). */
  DATA_DIR: z.string().min(1).default(".data"),
  /** Bearer token for admin writes; absent → writes are refused. */
  ADMIN_TOKEN: z.string().min(16, "ADMIN_TOKEN must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Seconds a price snapshot is trusted before its version is re-checked (several processes). */
  SNAPSHOT_TTL_SECONDS: z.coerce.number().min(0).default(30),
});

export type Env = z.infer<typeof envSchema>;

/** Parse an environment record (process.env, or a Worker's env bindings); throws a readable error. */
export function parseEnv(source: Record<string, unknown>): Env {
  // Empty strings mean "unset" (e.g. `DATABASE_URL= npm start`).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "" && v !== undefined));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  return result.data;
}
