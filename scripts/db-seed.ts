/** `npm run db:seed`: load pricing-data/ into DATABASE_URL (or the embedded database); idempotent. */
import { databaseOptionsFromEnv, loadSeedData, openDatabase } from "../api/bootstrap.js";
import { seedDatabase } from "../api/db/seed.js";
import { parseEnv } from "../api/env.js";
import { createLogger } from "../api/logging/logger.js";

const env = parseEnv(process.env);
const logger = createLogger(env.LOG_LEVEL);
const handle = await openDatabase(databaseOptionsFromEnv(env));
try {
  const report = await seedDatabase(handle.db, await loadSeedData(), logger);
  logger.info("seeded", { database: handle.kind, ...report });
} finally {
  await handle.close();
}
