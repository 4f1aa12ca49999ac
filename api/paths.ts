/**
 * Where the service's files are on disk: the sourced price sheets and catalogues, and the database
 * migrations. Both are found from the project root, one folder above this module — which is also
 * where the built server lives (`dist/server.mjs`, see `npm run build`), so the same paths hold for the
 * sources run through tsx and for the bundle run by `npm start`.
 */
import { fileURLToPath } from "node:url";

const PROJECT_ROOT = new URL("..", import.meta.url);

/** The sourced data files: price sheets, accelerators, servers, defaults, benchmarks. */
export const PRICING_DATA_DIR = fileURLToPath(new URL("pricing-data", PROJECT_ROOT));
/** drizzle-kit's SQL migrations and journal. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("migrations", PROJECT_ROOT));
