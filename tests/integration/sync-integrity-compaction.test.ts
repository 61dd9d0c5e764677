/**
 * Issue 7, item 6: compaction storms. Updates queued ahead of a compaction each queued another, and each
 * folded 1–3 updates inside the row-locked transaction, on the event loop serving live boards. Now a
 * board has one compaction at a time, started by count or bytes, folded in a worker while appends go on,
 * and only the final write takes the row lock.
 */
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readBoard } from "@/lib/board/doc";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { EVENTS, type UpdateAck } from "@/lib/protocol/protocol";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import type { RunningParley } from "@/server/parley";
import type { BoardStore } from "@/server/persistence/board-store";
import { addTestArgument, boardAsStored, createArticleBoard } from "./support/board";
import { createTestDatabase, queryDatabase, type TestDatabase } from "./support/database";
import { RawClient } from "./support/raw-client";
import { startSyncServer } from "./support/server";
import { waitFor } from "./support/wait";

describe("compaction", () => {
  let db: TestDatabase;
  let server: RunningParley;
  let store: BoardStore;
  const serverLog: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startSyncServer({ databaseUrl: db.url, compactEvery: 5, log: (line) => void serverLog.push(line) });
    store = server.context.store;
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  /** `count` updates that each add an argument, built on the board as stored. */
  async function argumentUpdates(boardId: string, count: number, text = "Argument") {
    const doc = docFromParts((await store.loadBoardState(boardId)).parts);
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < count; i++) addTestArgument(doc, { text: `${text} ${i}.` });
    return { doc, updates };
  }

  it("lets appends go on while it folds, and loses none of them", async () => {
    const boardId = await createArticleBoard(store);
    const { doc, updates } = await argumentUpdates(boardId, 6);
    for (const update of updates.slice(0, 3)) await store.appendUpdate(boardId, update);

    let folding!: () => void;
    let finish!: () => void;
    const started = new Promise<void>((resolve) => (folding = resolve));
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const compacting = store.compact(boardId, async (parts) => {
      folding();
      await gate;
      return foldUpdates(parts);
    });
    await started;
    // The fold holds no lock: these appends commit while it is still under way.
    for (const update of updates.slice(3)) await store.appendUpdate(boardId, update);
    finish();

    expect(await compacting).toMatchObject({ foldedUpdates: 4, upToSeq: 4 });
    expect(await store.loadBoardState(boardId)).toMatchObject({ logLength: 3, latestSeq: 7 });
    expect(await boardAsStored(store, boardId)).toEqual(readBoard(doc));
    expect((await store.loadHistory(boardId)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("gives up quietly when another compaction replaced the snapshot meanwhile", async () => {
    const boardId = await createArticleBoard(store);
    const { doc, updates } = await argumentUpdates(boardId, 3);
    for (const update of updates) await store.appendUpdate(boardId, update);

    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let folding!: () => void;
    const started = new Promise<void>((resolve) => (folding = resolve));
    const slow = store.compact(boardId, async (parts) => (folding(), await gate, foldUpdates(parts)));
    await started;
    expect(await store.compact(boardId, foldUpdates)).toMatchObject({ foldedUpdates: 4 });
    finish();
    expect(await slow).toBeNull();
    expect(await boardAsStored(store, boardId)).toEqual(readBoard(doc));
  });

  it("turns a burst of updates into a few compactions, each folding at least the threshold, in the worker", async () => {
    const boardId = await createArticleBoard(store, "Burst");
    const raw = await RawClient.connect(server.url);
    try {
      const replica = await raw.joinAndLoad(boardId);
      const updates: Uint8Array[] = [];
      replica.on("update", (update: Uint8Array) => updates.push(update));
      for (let i = 0; i < 40; i++) addTestArgument(replica, { text: `Burst argument ${i}.` });
      // All sent at once, as a busy board would: they queue up in the room.
      const acks = await Promise.all(updates.map((update) => raw.request<UpdateAck>(EVENTS.sync, syncUpdate(update))));
      expect(acks.every((ack) => ack.ok)).toBe(true);
      const room = (await server.context.rooms.peek(boardId))!;
      await room.compact(); // waits for the compaction under way, then folds what is left
      const folded = serverLog.filter((line) => line.startsWith(`compacted ${boardId}:`)).map((line) => Number(/: (\d+) updates/.exec(line)![1]));
      // One per threshold at most (41 log entries, threshold 5), never a compaction of a handful.
      expect(folded.length).toBeLessThanOrEqual(9);
      expect(folded.slice(0, -1).every((count) => count >= 5)).toBe(true);
      expect(folded.reduce((sum, count) => sum + count, 0)).toBe(41);
      expect(await boardAsStored(store, boardId)).toEqual(readBoard(replica));
      const rows = await queryDatabase(db.url, "SELECT seq FROM board_updates WHERE board_id = $1", [boardId]);
      expect(rows).toEqual([]);

      const folder = server.context.rooms.folder.stats();
      expect(folder.folds).toBeGreaterThanOrEqual(folded.length);
      expect(folder.threadId).not.toBeNull();
      expect(folder.threadId).not.toBe(threadId);
    } finally {
      raw.close();
    }
  });

  it("also compacts by bytes", async () => {
    const bytesDb = await createTestDatabase();
    const log: string[] = [];
    const bytesServer = await startSyncServer({ databaseUrl: bytesDb.url, compactEvery: 10_000, compactBytes: 3_000, log: (line) => void log.push(line) });
    try {
      const boardId = await createArticleBoard(bytesServer.context.store);
      const raw = await RawClient.connect(bytesServer.url);
      const replica = await raw.joinAndLoad(boardId);
      const send = async (text: string) => {
        const updates: Uint8Array[] = [];
        const capture = (update: Uint8Array) => updates.push(update);
        replica.on("update", capture);
        addTestArgument(replica, { text });
        replica.off("update", capture);
        expect(await raw.request(EVENTS.sync, syncUpdate(Y.mergeUpdates(updates)))).toEqual({ ok: true });
        return updates.reduce((sum, u) => sum + u.byteLength, 0);
      };
      // The board's first entry (~500 bytes) and a short argument stay under the limit…
      expect(await send("Short.")).toBeLessThan(1_000);
      expect(log.filter((line) => line.startsWith(`compacted ${boardId}:`))).toEqual([]);
      // …a long one takes the log over 3,000 bytes, with just three entries (the count limit is 10,000).
      expect(await send("A long argument. ".repeat(110))).toBeGreaterThan(1_800);
      await waitFor(() => log.some((line) => line.startsWith(`compacted ${boardId}: 3 updates`)), { message: "a compaction by size" });
      raw.close();
    } finally {
      await bytesServer.close();
      await bytesDb.drop();
    }
  });
});
