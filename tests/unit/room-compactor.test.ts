/**
 * Issue 7, item 6, without a database: one compaction at a time per board, started by count or by
 * bytes, a burst while one runs costing one more (not one per update), and a failing database not
 * getting a fold attempt per update.
 */
import { describe, expect, it } from "vitest";
import type { BoardStore, CompactionResult } from "@/server/persistence/board-store";
import { RoomCompactor, type Backlog } from "@/server/sync/room-compactor";

/** A store whose compactions finish when the test says so; it records each one. */
function gatedStore() {
  const calls: { finish: (result: CompactionResult | null) => void; fail: (error: Error) => void }[] = [];
  const store = {
    compact: () =>
      new Promise<CompactionResult | null>((resolve, reject) => {
        calls.push({ finish: resolve, fail: reject });
      }),
  } as unknown as BoardStore;
  return { store, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const result = (foldedUpdates: number): CompactionResult => ({ foldedUpdates, snapshotBytes: 100, upToSeq: foldedUpdates });

function compactor(store: BoardStore, policy = { afterUpdates: 5, afterBytes: 10_000 }, backlog: Backlog = { updates: 0, bytes: 0, snapshot: true }) {
  const log: string[] = [];
  return { compactor: new RoomCompactor("board-1", store, policy, (parts) => parts[0], (line) => void log.push(line), backlog), log };
}

describe("RoomCompactor", () => {
  it("starts after the count, and a burst during a compaction costs one more, not one per update", async () => {
    const { store, calls } = gatedStore();
    const { compactor: c } = compactor(store);
    for (let i = 0; i < 4; i++) c.noteSaved(10);
    expect(calls).toHaveLength(0);
    c.noteSaved(10);
    expect(calls).toHaveLength(1);
    for (let i = 0; i < 30; i++) c.noteSaved(10); // all while the first runs
    expect(calls).toHaveLength(1);
    calls[0].finish(result(5));
    await settle();
    expect(calls).toHaveLength(2); // the 30 that came meanwhile, in one go
    calls[1].finish(result(30));
    await settle();
    expect(calls).toHaveLength(2);
  });

  it("starts after the bytes, whatever the count, and counts the backlog found at load", async () => {
    const { store, calls } = gatedStore();
    const { compactor: c } = compactor(store, { afterUpdates: 1_000, afterBytes: 5_000 }, { updates: 2, bytes: 4_000, snapshot: true });
    c.noteSaved(500);
    expect(calls).toHaveLength(0);
    c.noteSaved(600);
    expect(calls).toHaveLength(1);
  });

  it("after a failure, waits for another threshold of updates before trying again", async () => {
    const { store, calls } = gatedStore();
    const { compactor: c, log } = compactor(store);
    for (let i = 0; i < 5; i++) c.noteSaved(10);
    calls[0].fail(new Error("database refused"));
    await settle();
    expect(log[0]).toContain("compaction of board-1 failed");
    for (let i = 0; i < 4; i++) c.noteSaved(10);
    expect(calls).toHaveLength(1);
    c.noteSaved(10);
    expect(calls).toHaveLength(2);
  });

  it("flush folds what is left after the compaction under way, and never rejects", async () => {
    const { store, calls } = gatedStore();
    const { compactor: c } = compactor(store);
    for (let i = 0; i < 6; i++) c.noteSaved(10);
    let flushed = false;
    const flushing = c.flush().then(() => (flushed = true));
    calls[0].finish(result(5)); // it started at the fifth update: the sixth is left for the flush
    await settle();
    expect(flushed).toBe(false);
    expect(calls).toHaveLength(2);
    calls[1].finish(result(1));
    await flushing;

    c.noteSaved(10);
    const again = c.flush();
    await settle();
    expect(calls).toHaveLength(3);
    calls[2].fail(new Error("database down"));
    await expect(again).resolves.toBeUndefined();
  });

  it("flush leaves a board that is one stored entry and no snapshot alone, but folds it once more is saved", async () => {
    const { store, calls } = gatedStore();
    const { compactor: c } = compactor(store, undefined, { updates: 1, bytes: 500, snapshot: false });
    await c.flush();
    expect(calls).toHaveLength(0);
    c.noteSaved(10);
    const flushing = c.flush();
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].finish(result(2));
    await flushing;
  });

  it("flush folds a single entry after a snapshot", async () => {
    const { store, calls } = gatedStore();
    const { compactor: c } = compactor(store, undefined, { updates: 1, bytes: 500, snapshot: true });
    const flushing = c.flush();
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].finish(result(1));
    await flushing;
  });
});
