/**
 * The run's PostgreSQL database (fresh each run, `parley_bench` by default), shared by Parley and the
 * Hocuspocus peer, and the seeding of boards for each server kind before any client joins.
 */
import pg from "pg";
import type { ServerKind } from "./clients/bench-client";
import { RELAY_SEED_PATH } from "./clients/relay-protocol";
import { BOARD_TITLE, benchSource, boardUpdate, fillArguments } from "./board-content";
import { HOCUSPOCUS_TABLE } from "./servers/peer-tables";
import { demoPositionDrafts } from "../prisma/seed/demo-board";
import { createBoard } from "../server/boards/create-board";
import { openDatabase, type Database } from "../server/persistence/connect";
import { PrismaBoardStore } from "../server/persistence/prisma-board-store";

export const ADMIN_URL = process.env.PARLEY_BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Drops and re-creates database `name`; answers its connection string. */
export async function freshDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad bench database name "${name}".`);
  await withAdmin(async (admin) => {
    await dropWith(admin, name);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops database `name` (the harness's own test cleans up after itself). */
export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => dropWith(admin, name));
}

async function dropWith(admin: pg.Client, name: string): Promise<void> {
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
}

async function withAdmin(work: (admin: pg.Client) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** Creates boards for one server kind the way that kind gets its documents. */
export class BoardSeeder {
  private parley: { database: Database; store: PrismaBoardStore } | null = null;
  private readonly updates = new Map<number, Uint8Array>();

  constructor(private readonly databaseUrl: string) {}

  /** Creates board `boardId` with `argumentCount` arguments on the running server of `kind` at `url`. */
  async seed(kind: ServerKind, url: string, boardId: string, argumentCount = 0): Promise<void> {
    if (kind === "parley") {
      // The app's own code path (server/boards/create-board.ts), into the database the server reads.
      const { store } = await this.parleyStore();
      await createBoard(store, { id: boardId, title: BOARD_TITLE, source: benchSource(), positions: demoPositionDrafts(), fill: (doc) => fillArguments(doc, argumentCount) });
      return;
    }
    const update = this.update(argumentCount);
    if (kind === "hocuspocus") {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      await client.connect();
      await client.query(`INSERT INTO ${HOCUSPOCUS_TABLE} (name, data) VALUES ($1, $2)`, [boardId, Buffer.from(update)]).finally(() => client.end());
      return;
    }
    const response = await fetch(`${url}${RELAY_SEED_PATH}${encodeURIComponent(boardId)}`, { method: "POST", body: Buffer.from(update) });
    if (!response.ok) throw new Error(`The relay refused the seed of ${boardId}: ${response.status}`);
  }

  async close(): Promise<void> {
    await this.parley?.database.close();
    this.parley = null;
  }

  private update(argumentCount: number): Uint8Array {
    if (!this.updates.has(argumentCount)) this.updates.set(argumentCount, boardUpdate(argumentCount));
    return this.updates.get(argumentCount)!;
  }

  private async parleyStore() {
    if (!this.parley) {
      const database = await openDatabase({ databaseUrl: this.databaseUrl, dataDir: "/nonexistent" });
      this.parley = { database, store: new PrismaBoardStore(database) };
    }
    return this.parley;
  }
}
