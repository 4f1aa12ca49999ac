/**
 * Build the server bundle the process tests start (`npm run build` → dist/server.mjs, what `npm start`
 * runs), and prepare one migrated, seeded database that every test file clones:
 * - with DATABASE_URL (CI: the real Postgres server), a template database on that server;
 * - without it, an embedded PGlite database dumped to a file.
 */
import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../api/bootstrap.js";
import { createDatabase } from "../../api/db/client.js";
import { createLogger } from "../../api/logging/logger.js";
import { adminSql, databaseUrlWithName } from "./postgres-admin.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string | null;
    pgliteDumpFile: string | null;
  }
}

export default async function setup(project: TestProject) {
  execSync("npm run -s build", { cwd: fileURLToPath(new URL("../..", import.meta.url)), stdio: "inherit" });
  const logger = createLogger("silent");
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `llm_tco_tpl_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = adminSql(baseUrl);
    await admin.unsafe(`create database "${name}"`);
    const handle = await createDatabase({
      kind: "postgres",
      url: databaseUrlWithName(baseUrl, name),
      max: 2,
    });
    await prepareDatabase(handle, logger);
    await handle.close();
    project.provide("templateDatabase", name);
    project.provide("pgliteDumpFile", null);
    return async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  }
  const handle = await createDatabase({ kind: "pglite" });
  await prepareDatabase(handle, logger);
  const dump = await handle.dumpDataDir?.();
  if (!dump) throw new Error("PGlite handle cannot dump its data directory");
  await handle.close();
  const file = path.join(tmpdir(), `llm-tco-test-${randomUUID()}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("templateDatabase", null);
  project.provide("pgliteDumpFile", file);
  return async () => {
    await rm(file, { force: true });
  };
}
