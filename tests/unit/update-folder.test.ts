/**
 * Compaction folds in a worker thread, so a large board's fold never stalls the event loop serving
 * live boards. Asserted structurally (the thread that answered), never by timing.
 */
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldUpdates } from "@/lib/board/snapshot";
import { UpdateFolder } from "@/server/sync/update-folder";

describe("UpdateFolder", () => {
  const folder = new UpdateFolder();
  afterAll(() => folder.close());

  function log(count: number): Uint8Array[] {
    const doc = new Y.Doc();
    const parts: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => parts.push(update));
    for (let i = 0; i < count; i++) doc.getArray<number>("items").push([i]);
    return parts;
  }

  it("folds exactly as foldUpdates does, on another thread", async () => {
    const parts = log(300);
    const folded = await folder.fold(parts);
    expect(Buffer.from(folded).equals(Buffer.from(foldUpdates(parts)))).toBe(true);
    expect(folder.stats().threadId).not.toBeNull();
    expect(folder.stats().threadId).not.toBe(threadId);
  });

  it("fails only the fold that cannot be done, and keeps folding", async () => {
    await expect(folder.fold([new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01]), ...log(2)])).rejects.toThrow(/Folding the update log failed/);
    const [a, b] = await Promise.all([folder.fold(log(3)), folder.fold(log(5))]);
    expect(Y.decodeUpdate(a).structs.length).toBeGreaterThan(0);
    expect(Y.decodeUpdate(b).structs.length).toBeGreaterThan(0);
    expect(folder.stats().folds).toBe(3);
  });

  it("hands a single part back as it is, without a thread: it is folded already", async () => {
    const idle = new UpdateFolder(50);
    const only = foldUpdates(log(200));
    const folded = await idle.fold([only]);
    expect(Buffer.from(folded).equals(Buffer.from(only))).toBe(true);
    expect(folded).not.toBe(only);
    expect(idle.stats()).toMatchObject({ folds: 0, running: false });
    await idle.close();
  });

  it("stops its thread once idle, so an idle server gives the memory back, and starts a new one for the next fold", async () => {
    const idle = new UpdateFolder(50);
    try {
      await idle.fold(log(3));
      const first = idle.stats().threadId;
      await expect.poll(() => idle.stats().running, { timeout: 10_000 }).toBe(false);
      await idle.fold(log(4));
      expect(idle.stats()).toMatchObject({ folds: 2, running: true });
      expect(idle.stats().threadId).not.toBe(first);
    } finally {
      await idle.close();
    }
  });
});
