/**
 * When to fetch the evidence report again while the board changes under it. Pure scheduling, no I/O:
 * the caller supplies `fetchReport` and hears `onUpdating`.
 *
 * Invariants:
 * - at most one fetch in flight: a request asked for meanwhile is remembered and made after it ends;
 * - a burst of changes costs one fetch, `debounceMs` after the last change;
 * - a "busy" answer (HTTP 429: the server's rate limit or its render pool is full) is retried after
 *   the server's `retryAfterMs`, or after a backoff doubling up to `maxBackoffMs`, and no sooner:
 *   neither a change nor the manual button cuts the wait short;
 * - `onUpdating(true)` from the moment a fetch is due until one succeeds or fails for good, so the
 *   screen can say "updating…" instead of flashing the busy error.
 */

/** How one fetch ended. `busy`: try again later, the server asked us to wait. */
export type RefreshOutcome = { kind: "done" } | { kind: "busy"; retryAfterMs?: number };

export interface ReportRefreshOptions {
  fetchReport: () => Promise<RefreshOutcome>;
  onUpdating?: (updating: boolean) => void;
  /** Quiet time after the last change before fetching (default 1,500 ms). */
  debounceMs?: number;
  /** First wait after a busy answer without a hint (default 2,000 ms), doubled each time. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export const REPORT_REFRESH_DEFAULTS = { debounceMs: 1_500, baseBackoffMs: 2_000, maxBackoffMs: 30_000 } as const;

export class ReportRefresher {
  private readonly options: Required<Omit<ReportRefreshOptions, "onUpdating">> & Pick<ReportRefreshOptions, "onUpdating">;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The timer is a busy backoff (not a debounce): nothing may fetch before it fires. */
  private backingOff = false;
  private inFlight = false;
  /** Something changed, or was asked for, while a fetch was in flight or backing off. */
  private due = false;
  private busyCount = 0;
  private updating = false;
  private disposed = false;

  constructor(options: ReportRefreshOptions) {
    this.options = { ...REPORT_REFRESH_DEFAULTS, ...options };
  }

  /** Says "updating…"; true if a fetch may be scheduled now, false when one in flight or a back-off will pick the change up. */
  private startsUpdating(): boolean {
    if (this.disposed) return false;
    this.setUpdating(true);
    if (this.inFlight || this.backingOff) {
      this.due = true;
      return false;
    }
    return true;
  }

  /** The board changed: fetch once things have been quiet for `debounceMs`. */
  changed(): void {
    if (this.startsUpdating()) this.arm(this.options.debounceMs, false);
  }

  /** Fetch as soon as allowed (the first load, the Refresh button). */
  refreshNow(): void {
    if (!this.startsUpdating()) return;
    this.clearTimer();
    void this.run();
  }

  /** Stops every timer; a fetch in flight finishes but schedules nothing. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private async run(): Promise<void> {
    this.inFlight = true;
    this.due = false;
    let outcome: RefreshOutcome;
    try {
      outcome = await this.options.fetchReport();
    } catch {
      outcome = { kind: "done" }; // the caller shows its own error; a throw must not wedge the schedule
    }
    this.inFlight = false;
    if (this.disposed) return;
    if (outcome.kind === "busy") {
      const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** this.busyCount);
      this.busyCount += 1;
      this.arm(Math.max(outcome.retryAfterMs ?? 0, backoff), true);
      return;
    }
    this.busyCount = 0;
    if (this.due) this.arm(this.options.debounceMs, false);
    else this.setUpdating(false);
  }

  private arm(ms: number, backoff: boolean): void {
    this.clearTimer();
    this.backingOff = backoff;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.backingOff = false;
      void this.run();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.backingOff = false;
  }

  private setUpdating(updating: boolean): void {
    if (this.updating === updating) return;
    this.updating = updating;
    this.options.onUpdating?.(updating);
  }
}
