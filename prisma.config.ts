import { defineConfig } from "prisma/config";

// DATABASE_URL may be unset (embedded Postgres, or `prisma generate` on a fresh clone):
// Prisma's env() helper would throw, so read it directly.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
