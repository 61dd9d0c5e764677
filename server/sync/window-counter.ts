/** One key's count in its current window. */
export interface WindowCount {
  /** Spent in this window, this spend included (it keeps counting past the budget: floods are measured by it). */
  spent: number;
  /** Until this window ends and the budget is whole again. */
  msBeforeNext: number;
}

/**
 * Fixed-window budgets per key (a connection's sync messages, say), counted in a plain Map: a spend is
 * one lookup, with no promise and no timer per key. Each window starts with the key's first spend
 * after the last one ended. Keys live until `forget` (a connection's budgets go when it closes), so
 * this suits keys with an end, not ones an outsider can mint at will.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { spent: number; endsAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one unit of `key`'s budget and says how much of the window is spent. */
  spend(key: string): WindowCount {
    const now = this.now();
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

  /** Keys with a window (for tests and diagnostics). */
  get size(): number {
    return this.windows.size;
  }
}
