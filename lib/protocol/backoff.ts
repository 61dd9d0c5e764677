/**
 * Exponential backoff with jitter, shared by the browser client (reconnects, resends) and the server
 * (waiting for its database at start-up). Jitter matters: after a server restart every open tab is
 * disconnected at the same instant, and a fixed delay would bring them all back at the same instant too.
 */
export interface BackoffPolicy {
  /** Delay ceiling of the first retry. */
  baseMs: number;
  /** The ceiling never grows past this. */
  maxMs: number;
}

/** Reconnecting to the sync server, and re-joining a board the server could not load yet. */
export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };
/** Resending changes the server could not save (a retryable refusal such as `storage-unavailable`). */
export const RESEND_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 15_000 };
/** The server waiting for its database at start-up. */
export const DATABASE_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 10_000 };

/**
 * The delay before retry number `attempt` (0 for the first): a random point in the upper half of
 * `min(maxMs, baseMs · 2^attempt)` ("equal jitter"), so waits grow but never collapse to zero and
 * clients spread out. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * One retry timer with its attempt count: `schedule` arms it (no-op while armed), `succeeded` resets
 * the count, `cancel` disarms it. Timers come from the global scope, so fake timers drive it in tests.
 */
export class Backoff {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether a retry is waiting to run. */
  get armed(): boolean {
    return this.timer !== null;
  }

  /** How many retries ran since the last success. */
  get attempts(): number {
    return this.attempt;
  }

  /** Runs `retry` after the next delay, unless a retry is already waiting. Returns the delay, or null. */
  schedule(retry: () => void): number | null {
    if (this.timer) return null;
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      retry();
    }, delay);
    return delay;
  }

  succeeded(): void {
    this.attempt = 0;
    this.cancel();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
