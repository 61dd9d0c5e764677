import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The few raw-SQL needs of the migration runner, over either driver. */
export interface SqlRunner {
  /** Runs a script that may hold several statements (no parameters). */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function pgRunner(connectionString: string): Promise<SqlRunner> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
    close: () => client.end(),
  };
}

/** Wraps an open PGlite; closing the runner leaves the database open for Prisma. */
export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
    close: async () => {},
  };
}
