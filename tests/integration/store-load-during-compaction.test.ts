/**
 * A board loaded while it is being compacted (a room reloading as the idle one unloads, or another
 * server process compacting) must come up whole. PostgreSQL only: PGlite has a single connection,
 * so its statements cannot interleave.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { openDatabase, type Database } from "@/server/persistence/connect";
import type { StoredBoardState } from "@/server/persistence/board-store";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { addTestArgument, boardAsStored, createArticleBoard } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";

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

  it("comes up whole however its one statement falls among a compaction's reads and final write", async () => {
    // loadBoardState reads the snapshot and the log in one statement (one view of the database), so a
    // compaction's final write (snapshot in, folded entries out, in one statement) is seen whole or not
    // at all. Loads are started all through compactions, whose fold is slowed to spread the timing.
    const boardId = await createArticleBoard(store);
    const doc = docFromParts((await store.loadBoardState(boardId)).parts);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let round = 0; round < 12; round++) {
      updates.length = 0;
      for (let i = 0; i < 3; i++) addTestArgument(doc, { text: `Argument ${i} of round ${round}.` });
      for (const update of updates) await store.appendUpdate(boardId, update);
      const expected = readBoard(doc);
      const slowFold = async (parts: Uint8Array[]) => {
        await new Promise((resolve) => setTimeout(resolve, round % 4));
        return foldUpdates(parts);
      };
      const loads: Promise<StoredBoardState>[] = [];
      const compacting = store.compact(boardId, slowFold);
      for (let i = 0; i < 6; i++) {
        loads.push(store.loadBoardState(boardId));
        await new Promise((resolve) => setTimeout(resolve, i));
      }
      expect(await compacting).toMatchObject({ upToSeq: (await store.getBoard(boardId))!.updateSeq });
      for (const loaded of await Promise.all(loads)) expect(readBoard(docFromParts(loaded.parts))).toEqual(expected);
    }
    expect(await boardAsStored(store, boardId)).toEqual(readBoard(doc));
  });
});
