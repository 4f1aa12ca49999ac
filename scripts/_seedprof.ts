import { loadSeedData } from "../api/bootstrap.js";
import { createDatabase } from "../api/db/client.js";
import { migrateDatabase } from "../api/db/migrate.js";
import { seedDatabase } from "../api/db/seed.js";
import { createLogger } from "../api/logging/logger.js";

let t = performance.now();
const lap = (l: string) => {
  const n = performance.now();
  console.log(l, Math.round(n - t));
  t = n;
};
const h = await createDatabase({ kind: "pglite" });
lap("open");
await migrateDatabase(h);
lap("migrate");
const data = await loadSeedData();
lap("load files");
const r = await seedDatabase(h.db, data, createLogger("warn"));
lap("seed");
const r2 = await seedDatabase(h.db, data, createLogger("warn"));
lap("seed again");
console.log(r, r2.skipped);
await h.close();
