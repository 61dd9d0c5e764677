/** One key's count in its current window. */
export interface WindowCount {
  /** Spent in this window, this spend included (it keeps counting past the budget: floods are measured by it). */
  spent: number;
  /** Until this window ends and the budget is whole again. */
  msBeforeNext: number;
}

/**
 * Fixed-window budgets per key (a connection's sync messages, a member's votes), counted in a plain
 * Map: a spend is one lookup, with no promise and no timer per key. Each window starts with the key's
 * first spend after the last one ended. A key goes with `forget` (a connection's budgets when it
 * closes) or, once its window has ended, at the next sweep: at most one pass over the keys per
 * window, so keys that outlive their connection (a member's votes) are not kept for ever.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { spent: number; endsAt: number }>();
  private nextSweepAt: number;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.nextSweepAt = now() + windowMs;
  }

  /** Spends one unit of `key`'s budget and says how much of the window is spent. */
  spend(key: string): WindowCount {
    const now = this.now();
    if (now >= this.nextSweepAt) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { spent: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.spent++;
    return { spent: window.spent, msBeforeNext: window.endsAt - now };
  }

  forget(key: string): void {
    this.windows.delete(key);
  }

  /** Drops every key whose window has ended (its next spend starts a new one anyway). */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    this.nextSweepAt = now + this.windowMs;
  }

  /** Keys with a window (for tests and diagnostics). */
  get size(): number {
    return this.windows.size;
  }
}
