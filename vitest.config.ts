import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["api/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each test file gets its own database (a Postgres clone of a migrated, seeded template, or a PGlite
    // loaded from a dump), so files run in parallel without seeing each other's writes.
    pool: "forks",
  },
});
