/**
 * A board loaded while it is being compacted (a room reloading as the idle one unloads, or another
 * server process compacting) must come up whole. PostgreSQL only: PGlite has a single connection,
 * so its transactions cannot interleave.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { openDatabase, type Database } from "@/server/persistence/connect";
import type { PrismaClient } from "@/server/persistence/generated/client";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { addTestArgument, boardAsStored, createArticleBoard } from "./support/board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { waitFor } from "./support/wait";

describe("BoardStore on PostgreSQL: loading while compacting", () => {
  let db: TestDatabase;
  let database: Database;
  let store: PrismaBoardStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    database = await openDatabase({ databaseUrl: db.url, dataDir: "unused" });
    await database.migrate();
    store = new PrismaBoardStore(database);
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  /** A store whose loadBoardState stops just before it reads the log, until `release` is called. */
  function storePausedBeforeReadingTheLog() {
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const paused = new Promise<void>((resolve) => (reached = resolve));
    const prisma = database.prisma.$extends({
      query: {
        boardUpdate: {
          async findMany({ args, query }) {
            reached();
            await gate;
            return query(args);
          },
        },
      },
    });
    return { store: new PrismaBoardStore({ kind: "postgres", prisma: prisma as unknown as PrismaClient }), paused, release };
  }

  it("returns the whole board when a compaction runs between reading the snapshot and the log", async () => {
    const boardId = await createArticleBoard(store);
    const doc = docFromParts((await store.loadBoardState(boardId)).parts);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 3; i++) addTestArgument(doc, { text: `Argument ${i} before the compaction.` });
    for (const update of updates) await store.appendUpdate(boardId, update);
    const expected = readBoard(doc);
    expect(await boardAsStored(store, boardId)).toEqual(expected);

    const slow = storePausedBeforeReadingTheLog();
    const loading = slow.store.loadBoardState(boardId);
    await slow.paused;
    let compacted = false;
    const compacting = store.compact(boardId, foldUpdates).then((result) => ((compacted = true), result));
    // Let the compaction go as far as it can: to its commit, or until it waits for the loader's lock.
    await waitFor(
      async () =>
        compacted ||
        (await queryDatabase(db.url, `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [db.name])).length > 0,
      { message: "the compaction to finish or wait" },
    );
    slow.release();

    const loaded = await loading;
    expect(readBoard(docFromParts(loaded.parts))).toEqual(expected);
    expect(await compacting).toMatchObject({ foldedUpdates: 4 });
    expect(await boardAsStored(store, boardId)).toEqual(expected);
  });
});
