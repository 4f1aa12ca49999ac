/**
 * Throwaway databases for the benchmark, never a shared one: with DATABASE_URL, a fresh database
 * created on that server and dropped afterwards; without it, an embedded (PGlite) data directory in
 * a temp folder, removed afterwards.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createDatabase, type DatabaseHandle } from "../api/db/client.js";

export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** Environment for the server process (DATABASE_URL, or DATA_DIR with DATABASE_URL unset). */
  env: Record<string, string>;
  /** Open it from this process (PGlite: only while no server holds the directory). */
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new, empty database (`label` shows in its name or folder). */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `llm_tco_bench_${label}_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    const url = withDatabaseName(baseUrl, name);
    return {
      kind: "postgres",
      env: { DATABASE_URL: url },
      open: () => createDatabase({ kind: "postgres", url, max: 4 }),
      drop: async () => {
        const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
        try {
          await a.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await a.end();
        }
      },
    };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), `llm-tco-bench-${label}-`));
  return {
    kind: "pglite",
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    open: () => createDatabase({ kind: "pglite", dataDir }),
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}
