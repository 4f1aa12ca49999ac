import { defineConfig } from "drizzle-kit";

// drizzle-kit generates SQL migrations into migrations/ from api/db/schema.ts (`npm run db:generate`).
export default defineConfig({
  dialect: "postgresql",
  schema: "./api/db/schema.ts",
  out: "./migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://127.0.0.1:5432/postgres" },
});
