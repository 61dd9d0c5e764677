import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReportRefresher, type RefreshOutcome } from "@/lib/evidence/report-refresh";

/** A fetch the test answers by hand, counting how many ran and how many overlapped. */
function manualFetch() {
  const pending: Array<(outcome: RefreshOutcome) => void> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const fetchReport = () =>
    new Promise<RefreshOutcome>((resolve) => {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push((outcome) => {
        inFlight -= 1;
        resolve(outcome);
      });
    });
  const answer = async (outcome: RefreshOutcome = { kind: "done" }) => {
    pending.shift()!(outcome);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { fetchReport, answer, calls: () => calls, maxInFlight: () => maxInFlight, waiting: () => pending.length };
}

describe("ReportRefresher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("fetches once, debounceMs after the last of a burst of changes", async () => {
    const f = manualFetch();
    const r = new ReportRefresher({ fetchReport: f.fetchReport, debounceMs: 1_000 });
    for (let i = 0; i < 5; i++) {
      r.changed();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(f.calls()).toBe(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(f.calls()).toBe(1);
  });

  it("never has two requests in flight: changes and clicks meanwhile make one more fetch after it", async () => {
    const f = manualFetch();
    const r = new ReportRefresher({ fetchReport: f.fetchReport, debounceMs: 1_000 });
    r.refreshNow();
    r.refreshNow();
    r.changed();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(f.calls()).toBe(1);
    await f.answer();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(f.calls()).toBe(2);
    await f.answer();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls()).toBe(2);
    expect(f.maxInFlight()).toBe(1);
  });

  it("waits out a busy answer: the server's retryAfterMs, else a doubling backoff; clicks do not cut it short", async () => {
    const f = manualFetch();
    const r = new ReportRefresher({ fetchReport: f.fetchReport, baseBackoffMs: 2_000, maxBackoffMs: 5_000 });
    r.refreshNow();
    await f.answer({ kind: "busy", retryAfterMs: 7_000 });
    r.refreshNow();
    r.changed();
    await vi.advanceTimersByTimeAsync(6_999);
    expect(f.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.calls()).toBe(2);
    await f.answer({ kind: "busy" }); // second busy: 2,000 × 2
    await vi.advanceTimersByTimeAsync(3_999);
    expect(f.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.calls()).toBe(3);
    await f.answer({ kind: "busy" }); // capped at maxBackoffMs
    await vi.advanceTimersByTimeAsync(5_000);
    expect(f.calls()).toBe(4);
  });

  it("says updating from the first change until a fetch ends, and through busy answers", async () => {
    const f = manualFetch();
    const states: boolean[] = [];
    const r = new ReportRefresher({ fetchReport: f.fetchReport, onUpdating: (u) => states.push(u), debounceMs: 100, baseBackoffMs: 100 });
    r.changed();
    await vi.advanceTimersByTimeAsync(100);
    await f.answer({ kind: "busy" });
    expect(states).toEqual([true]);
    await vi.advanceTimersByTimeAsync(100);
    await f.answer();
    expect(states).toEqual([true, false]);
  });

  it("keeps its schedule when a fetch throws, and schedules nothing once disposed", async () => {
    let calls = 0;
    const r = new ReportRefresher({
      fetchReport: async () => {
        calls += 1;
        throw new Error("network down");
      },
      debounceMs: 100,
    });
    r.refreshNow();
    await vi.advanceTimersByTimeAsync(0);
    r.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    r.changed();
    r.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
  });
});
