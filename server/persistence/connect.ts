import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Backoff, DATABASE_BACKOFF, type BackoffPolicy } from "../../lib/protocol/backoff";
import { PrismaClient } from "./generated/client";
import type { DatabaseKind } from "./board-store";
import { migrate, type MigrationReport } from "./migrate";
import { pgRunner, pgliteRunner, type SqlRunner } from "./sql-runner";

export type DirectQuery = <Row>(sql: string, params: readonly unknown[]) => Promise<Row[]>;

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
  /**
   * One parameterised statement run straight on the driver, past Prisma's query engine, for the
   * statement every group commit runs: through Prisma it cost ~1 ms more event-loop CPU per call
   * (scripts/bench-append.ts). PostgreSQL only, on the pool Prisma itself uses. Null on PGlite, where
   * Prisma's adapter owns the one connection and a statement beside it could land in its transaction.
   */
  direct: DirectQuery | null;
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

/** Opens the configured database. Only this folder touches Prisma or the drivers. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

export interface WaitOptions {
  /** One line per failed attempt, so an operator sees why the server is not up yet. */
  log: (message: string) => void;
  /** Stops waiting (the server is shutting down); the promise then rejects. */
  signal?: AbortSignal;
  policy?: BackoffPolicy;
}

/**
 * Opens the configured database once it answers. A PostgreSQL server that is down, starting up, not
 * accepting connections or without the database yet is retried with backoff for as long as it takes
 * (each attempt logged); refused credentials and PGlite's (local) failures are reported at once.
 */
export async function openDatabaseWhenReachable(config: DatabaseConfig, options: WaitOptions): Promise<Database> {
  const url = config.databaseUrl;
  if (!url) return openPglite(config.dataDir);
  const backoff = new Backoff(options.policy ?? DATABASE_BACKOFF);
  for (;;) {
    try {
      await checkReachable(url);
      return openPostgres(url);
    } catch (error) {
      if (options.signal?.aborted) throw new Error("Stopped waiting for the database: the server is shutting down.");
      // A wrong user or password will not fix itself by waiting: say so at once (SQLSTATE class 28).
      if (String((error as { code?: unknown }).code ?? "").startsWith("28")) throw error;
      const attempt = backoff.attempts + 1;
      await new Promise<void>((resolve) => {
        const stop = () => (backoff.cancel(), resolve());
        const delay = backoff.schedule(() => (options.signal?.removeEventListener("abort", stop), resolve())) ?? 0;
        options.log(`Database at ${redactUrl(url)} is not reachable (attempt ${attempt}: ${(error as Error).message}); retrying in ${delay} ms`);
        options.signal?.addEventListener("abort", stop, { once: true });
      });
      if (options.signal?.aborted) throw new Error("Stopped waiting for the database: the server is shutting down.");
    }
  }
}

/** One short-lived connection and a trivial query: rejects unless PostgreSQL really answers. */
async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // A connection that dies mid-check must reject the check, not crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

function openPostgres(url: string): Database {
  // One pool for Prisma and the direct statements, so both count against the same connections.
  const pool = new pg.Pool({ connectionString: url });
  pool.on("error", () => undefined); // an idle connection dropped: the next statement fails and says why
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    location: redactUrl(url),
    prisma,
    direct: async <Row>(sql: string, params: readonly unknown[]) => (await pool.query(sql, params as unknown[])).rows as Row[],
    migrate: () => withRunner(pgRunner(url), (runner) => migrate(runner)),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  // Imported here, not at the top: a server on PostgreSQL never loads the embedded database (~40 MB of RSS under tsx).
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    location: dir,
    prisma,
    direct: null,
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
