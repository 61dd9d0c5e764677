/**
 * Issue 7, item 4: one failed step of a room must not stop the room. The old queue chained remote
 * updates without a catch: one bad relayed frame rejected the chain, every later sync message then
 * failed, and the rejection nobody handled could end the process.
 */
import { describe, expect, it } from "vitest";
import { SerialQueue } from "@/server/sync/room-queue";

/** A promise and the functions that settle it, for steps that finish when the test says so. */
function gate<T = void>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

describe("SerialQueue", () => {
  it("runs steps one at a time, in order, even when they await", async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run("a", async () => {
      order.push("a starts");
      await first.promise;
      order.push("a ends");
      return 1;
    });
    const b = queue.run("b", () => (order.push("b"), 2));
    expect(queue.pending).toBe(2);
    await Promise.resolve();
    expect(queue.running).toBe("a");
    first.open();
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(order).toEqual(["a starts", "a ends", "b"]);
    expect(queue.pending).toBe(0);
  });

  it("rejects only the failed step's caller, reports it, and runs the next step", async () => {
    const reports: string[] = [];
    const queue = new SerialQueue((label, error) => reports.push(`${label}: ${(error as Error).message}`));
    const failing = queue.run("bad", async () => {
      throw new Error("boom");
    });
    const throwingSync = queue.run("worse", () => {
      throw new Error("sync boom");
    });
    const after = queue.run("good", async () => "still running");
    await expect(failing).rejects.toThrow("boom");
    await expect(throwingSync).rejects.toThrow("sync boom");
    expect(await after).toBe("still running");
    expect(reports).toEqual(["bad: boom", "worse: sync boom"]);
  });

  it("never leaves a rejection unhandled for a step nobody waits on", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const reports: unknown[] = [];
      const queue = new SerialQueue((_label, error) => reports.push(error));
      queue.post("remote update", () => {
        throw new Error("a relayed frame that does not apply");
      });
      expect(await queue.run("sync", async () => "ok")).toBe("ok");
      await queue.idle();
      // Unhandled rejections are reported after the microtask queue drains: give it one macrotask.
      await new Promise((resolve) => setImmediate(resolve));
      expect(reports).toHaveLength(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("keeps going when the reporter itself throws", async () => {
    const queue = new SerialQueue(() => {
      throw new Error("the logger is broken");
    });
    await expect(queue.run("bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await queue.run("next", () => "fine")).toBe("fine");
  });
});
