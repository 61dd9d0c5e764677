/**
 * Gap repair inside one room, without sockets or Redis: "another process" is a second copy of the
 * board that saves straight to the store, and the test hands the room relayed updates, periodic
 * checks and compactions in both orders. The room's document, what its connections received, and a
 * fresh load from the database must all agree afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readBoard } from "@/lib/board/doc";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { SYNC_STEP_1, decodeSyncMessage } from "@/lib/protocol/sync-messages";
import { openDatabase, type Database } from "@/server/persistence/connect";
import { PrismaBoardStore } from "@/server/persistence/prisma-board-store";
import { BoardRoom } from "@/server/sync/board-room";
import type { Connection } from "@/server/sync/connection";
import { addTestArgument, boardAsStored, createArticleBoard } from "./support/board";
import { createTestDatabase, type TestDatabase } from "./support/database";

describe("relay gap repair in one room", () => {
  let testDb: TestDatabase;
  let database: Database;
  let store: PrismaBoardStore;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDb.url, dataDir: "unused" });
    await database.migrate();
    store = new PrismaBoardStore(database);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  /** A room on a new board, a connection whose client copy applies what the room sends, and another process. */
  async function setUp() {
    const boardId = await createArticleBoard(store, "Relay room");
    const room = await BoardRoom.load(boardId, store, { compactEvery: 10_000 });
    const clientDoc = new Y.Doc();
    Y.applyUpdate(clientDoc, Y.encodeStateAsUpdate(room.doc));
    let received = 0;
    const connection: Connection = {
      id: "watcher",
      actor: { memberId: null, role: "observer" },
      sendSync: (frame) => {
        const message = decodeSyncMessage(frame);
        if (message && message.type !== SYNC_STEP_1) (received++, Y.applyUpdate(clientDoc, message.update));
      },
      sendAwareness: () => {},
      sendError: () => {},
      sendEvent: () => {},
      close: () => {},
    };
    room.join(connection);
    const elsewhere = docFromParts((await store.loadBoardState(boardId)).parts);
    /** Saves an edit as the other process would; returns its seq and update. */
    const saveElsewhere = async (text: string) => {
      const updates: Uint8Array[] = [];
      const capture = (update: Uint8Array) => updates.push(update);
      elsewhere.on("update", capture);
      addTestArgument(elsewhere, { text });
      elsewhere.off("update", capture);
      const update = Y.mergeUpdates(updates);
      return { seq: await store.appendUpdate(boardId, update), update };
    };
    const agreeWithStore = async () => {
      const stored = await boardAsStored(store, boardId);
      expect(readBoard(room.doc)).toEqual(stored);
      expect(readBoard(clientDoc)).toEqual(stored);
    };
    return { boardId, room, saveElsewhere, agreeWithStore, received: () => received };
  }

  for (const order of ["relay first", "check first"] as const) {
    it(`a relayed update after a gap and the periodic check cross (${order})`, async () => {
      const { room, saveElsewhere, agreeWithStore } = await setUp();
      await saveElsewhere("Lost on the way.");
      const next = await saveElsewhere("Relayed.");
      const relay = () => room.applyRemoteUpdate(next.seq, next.update);
      const check = () => room.catchUpTo(next.seq);
      await Promise.all(order === "relay first" ? [relay(), check()] : [check(), relay()]);
      expect(room.relayPosition()).toEqual({ contiguous: next.seq, above: [] });
      await agreeWithStore();
      await room.destroy();
    });
  }

  for (const order of ["compaction first", "relay first"] as const) {
    it(`a gap repair crosses another process's compaction (${order})`, async () => {
      const { boardId, room, saveElsewhere, agreeWithStore } = await setUp();
      await saveElsewhere("Lost, and maybe folded before the repair reads it.");
      const next = await saveElsewhere("Reveals the gap.");
      const compact = () => store.compact(boardId, foldUpdates);
      const relay = () => room.applyRemoteUpdate(next.seq, next.update);
      await Promise.all(order === "compaction first" ? [compact(), relay()] : [relay(), compact()]);
      expect(room.relayPosition()).toEqual({ contiguous: next.seq, above: [] });
      await agreeWithStore();
      await room.destroy();
    });
  }

  it("a late or repeated relay of an update the room already holds sends nothing again", async () => {
    const { room, saveElsewhere, agreeWithStore, received } = await setUp();
    const first = await saveElsewhere("Relayed once.");
    await room.applyRemoteUpdate(first.seq, first.update);
    const sent = received();
    expect(sent).toBe(1);
    await Promise.all([room.applyRemoteUpdate(first.seq, first.update), room.catchUpTo(first.seq)]);
    expect(received()).toBe(sent);
    await agreeWithStore();
    await room.destroy();
  });
});
