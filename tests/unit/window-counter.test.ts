import { describe, expect, it } from "vitest";
import { WindowCounter } from "@/server/sync/window-counter";

/** A counter on a clock the test moves by hand. */
function counter(windowMs: number) {
  let now = 1_000;
  const windows = new WindowCounter(windowMs, () => now);
  return { windows, advance: (ms: number) => (now += ms) };
}

describe("WindowCounter", () => {
  it("counts each key's spends within its window, past the budget too", () => {
    const { windows, advance } = counter(1_000);
    expect(windows.spend("a")).toEqual({ spent: 1, msBeforeNext: 1_000 });
    advance(400);
    expect(windows.spend("a")).toEqual({ spent: 2, msBeforeNext: 600 });
    expect(windows.spend("b")).toEqual({ spent: 1, msBeforeNext: 1_000 });
    expect(windows.spend("a").spent).toBe(3);
  });

  it("starts a new window with the first spend after the last one ended", () => {
    const { windows, advance } = counter(1_000);
    windows.spend("a");
    windows.spend("a");
    advance(1_000);
    expect(windows.spend("a")).toEqual({ spent: 1, msBeforeNext: 1_000 });
    advance(2_500);
    expect(windows.spend("a")).toEqual({ spent: 1, msBeforeNext: 1_000 });
  });

  it("forgets a key entirely, so a closed connection holds nothing", () => {
    const { windows } = counter(1_000);
    windows.spend("a");
    windows.spend("b");
    windows.forget("a");
    expect(windows.size).toBe(1);
    expect(windows.spend("a").spent).toBe(1);
  });

  it("drops keys whose window has ended at its next sweep, so keys that outlive a connection are not kept", () => {
    const { windows, advance } = counter(1_000);
    windows.spend("member:a");
    advance(600);
    windows.spend("member:b");
    advance(400); // a's window has ended, b's has not
    windows.spend("c");
    expect(windows.size).toBe(2);
    advance(1_000);
    windows.spend("c");
    expect(windows.size).toBe(1);
  });
});
