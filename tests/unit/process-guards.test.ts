/**
 * Issue 7, item 4: the process had no unhandledRejection handler. It now logs rejections and keeps
 * serving, and turns an uncaught exception into one graceful shutdown followed by exit(1).
 */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { guardProcess } from "@/server/process-guards";

function guarded(shutdown: () => Promise<void> = async () => {}) {
  const events = new EventEmitter();
  const logged: string[] = [];
  const exits: number[] = [];
  let shutdowns = 0;
  const guard = guardProcess(events as unknown as NodeJS.Process, {
    name: "test",
    shutdown: () => (shutdowns++, shutdown()),
    log: (message) => void logged.push(message),
    exit: (code) => void exits.push(code),
  });
  return { events, logged, exits, guard, shutdowns: () => shutdowns };
}

describe("guardProcess", () => {
  it("logs an unhandled rejection and keeps serving", () => {
    const { events, logged, exits, guard, shutdowns } = guarded();
    events.emit("unhandledRejection", new Error("nobody awaited me"), Promise.resolve());
    expect(logged).toEqual(["[parley] test: unhandled promise rejection (still serving):"]);
    expect(shutdowns()).toBe(0);
    expect(exits).toEqual([]);
    expect(guard.shuttingDown()).toBe(false);
  });

  it("shuts down gracefully once on an uncaught exception, then exits with 1", async () => {
    let finish!: () => void;
    const closing = new Promise<void>((resolve) => (finish = resolve));
    const { events, logged, exits, guard, shutdowns } = guarded(() => closing);
    events.emit("uncaughtException", new Error("a bug"));
    events.emit("uncaughtException", new Error("another, while saving"));
    expect(shutdowns()).toBe(1);
    expect(guard.shuttingDown()).toBe(true);
    expect(exits).toEqual([]); // not before the boards are saved
    finish();
    await closing;
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
    expect(logged[1]).toContain("during shutdown");
  });

  it("still exits when the graceful shutdown fails", async () => {
    const { events, exits, logged } = guarded(() => Promise.reject(new Error("database gone")));
    events.emit("uncaughtException", new Error("a bug"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
    expect(logged.some((line) => line.includes("shutdown after the exception failed"))).toBe(true);
  });
});
