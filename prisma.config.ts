import { defineConfig } from "prisma/config";

// Prisma 7 keeps connection details out of schema.prisma. The app connects through driver adapters
// (server/persistence/connect.ts); the CLI only needs this for `prisma migrate deploy` where its
// engines are available.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
