/**
 * Throwaway PostgreSQL databases for integration tests: each suite gets its own, with a random name,
 * created and dropped through the admin connection.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.PARLEY_TEST_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  name: string;
  /** Connection string of the new database (the admin URL with the database swapped). */
  url: string;
  /** Terminates every connection to the database, then drops it. Safe to call twice. */
  drop(): Promise<void>;
}

/** Runs `work` on a short-lived admin connection; fails with set-up instructions when PostgreSQL is down. */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(
      `Integration tests need a real PostgreSQL at ${ADMIN_URL} (set PARLEY_TEST_ADMIN_URL to use another), ` +
        `but connecting failed: ${(error as Error).message}.\n` +
        "Start the local cluster with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `parley_test_${randomBytes(6).toString("hex")}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdmin(async (admin) => {
        await terminateConnections(admin, name);
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

/** Closes every session connected to database `name` (as the server sees it: the network just went away). */
export async function terminateConnections(admin: pg.Client, name: string): Promise<void> {
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
}

/** Makes the database refuse (false) or accept (true) new connections; refusing also ends the current ones. */
export async function setDatabaseReachable(name: string, reachable: boolean): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${reachable}`);
    if (!reachable) await terminateConnections(admin, name);
  });
}

/** Runs one query against `url` on a fresh connection, for assertions on what is really stored. */
export async function queryDatabase<Row extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
