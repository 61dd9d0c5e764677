/**
 * The in-memory BoardStore passes the whole store contract (the same suite PostgreSQL and PGlite run),
 * and takes the asynchronous `merge` that compaction in a worker hands it.
 */
import { describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { docFromParts, foldUpdates } from "@/lib/board/snapshot";
import { MemoryBoardStore } from "@/server/persistence/memory-board-store";
import { boardUpdates, defineStoreContract, makeBoard } from "../integration/store-contract";

defineStoreContract(
  "in memory",
  async () => {
    const store = new MemoryBoardStore();
    return { store, cleanup: () => store.close() };
  },
  { sql: false },
);

describe("MemoryBoardStore compaction", () => {
  it("awaits an asynchronous merge, and appends made while it runs stay in the log", async () => {
    const store = new MemoryBoardStore();
    const { initial, updates, doc } = boardUpdates(4);
    const board = await makeBoard(store, initial);
    for (const update of updates.slice(0, 2)) await store.appendUpdate(board.id, update);

    let release = () => {};
    let started = () => {};
    const merging = new Promise<void>((resolve) => (release = resolve));
    const mergeStarted = new Promise<void>((resolve) => (started = resolve));
    const compaction = store.compact(board.id, async (parts) => {
      started();
      await merging;
      return foldUpdates(parts);
    });
    await mergeStarted;
    // Two appends land while the merge is still running.
    expect(await store.appendUpdate(board.id, updates[2])).toBe(4);
    expect(await store.appendUpdate(board.id, updates[3])).toBe(5);
    release();
    expect(await compaction).toMatchObject({ foldedUpdates: 3, upToSeq: 3 });

    const state = await store.loadBoardState(board.id);
    expect(state).toMatchObject({ logLength: 2, latestSeq: 5 });
    expect(readBoard(docFromParts(state.parts))).toEqual(readBoard(doc));
    expect((await store.loadHistory(board.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("runs two compactions of one board one after the other", async () => {
    const store = new MemoryBoardStore();
    const { initial, updates, doc } = boardUpdates(3);
    const board = await makeBoard(store, initial);
    for (const update of updates) await store.appendUpdate(board.id, update);
    const [first, second] = await Promise.all([store.compact(board.id, foldUpdates), store.compact(board.id, foldUpdates)]);
    expect(first).toMatchObject({ foldedUpdates: 4, upToSeq: 4 });
    expect(second).toBeNull();
    expect(readBoard(docFromParts((await store.loadBoardState(board.id)).parts))).toEqual(readBoard(doc));
  });

  it("a merge that throws leaves the log as it was", async () => {
    const store = new MemoryBoardStore();
    const { initial, updates } = boardUpdates(1);
    const board = await makeBoard(store, initial);
    await store.appendUpdate(board.id, updates[0]);
    await expect(store.compact(board.id, () => { throw new Error("worker died"); })).rejects.toThrow("worker died");
    expect(await store.loadBoardState(board.id)).toMatchObject({ logLength: 2, latestSeq: 2 });
    expect(await store.compact(board.id, foldUpdates)).toMatchObject({ foldedUpdates: 2 });
  });
});
