/**
 * What `@electric-sql/pglite` and `drizzle-orm/pglite` resolve to in the Workers build (wrangler.toml
 * `[alias]`): a Worker has no filesystem and always reaches Postgres through Hyperdrive, so the embedded
 * database (~700 KB of code) stays out of its bundle. Reaching this is a configuration error.
 */
const message = "The embedded database (PGlite) is not available on Cloudflare Workers; bind HYPERDRIVE.";

export class PGlite {
  constructor() {
    throw new Error(message);
  }
}

export function drizzle(): never {
  throw new Error(message);
}
