import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import type { DatabaseKind } from "./board-store";
import { migrate, type MigrationReport } from "./migrate";
import { pgRunner, pgliteRunner, type SqlRunner } from "./sql-runner";

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent, an embedded PGlite database lives in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

export interface Database {
  kind: DatabaseKind;
  /** Where the data lives, for logs and /api/health (never includes a password). */
  location: string;
  prisma: PrismaClient;
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

/** Opens the configured database. Only this folder touches Prisma or the drivers. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

function openPostgres(url: string): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    kind: "postgres",
    location: redactUrl(url),
    prisma,
    migrate: () => withRunner(pgRunner(url), (runner) => migrate(runner)),
    close: () => prisma.$disconnect(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    location: dir,
    prisma,
    // PGlite is single-connection and in-process: no other migrator can race us.
    migrate: () => withRunner(Promise.resolve(pgliteRunner(pglite)), (runner) => migrate(runner, undefined, { useAdvisoryLock: false })),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function withRunner<T>(opening: Promise<SqlRunner>, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const runner = await opening;
  try {
    return await work(runner);
  } finally {
    await runner.close();
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
