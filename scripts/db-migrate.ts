/** `npm run db:migrate`: apply migrations to DATABASE_URL (or the embedded database). */
import { databaseOptionsFromEnv, openDatabase } from "../api/bootstrap.js";
import { migrateDatabase } from "../api/db/migrate.js";
import { parseEnv } from "../api/env.js";

const env = parseEnv(process.env);
const handle = await openDatabase(databaseOptionsFromEnv(env));
try {
  await migrateDatabase(handle);
  console.log(JSON.stringify({ msg: "migrations applied", database: handle.kind }));
} finally {
  await handle.close();
}
