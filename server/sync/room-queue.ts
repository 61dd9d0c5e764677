import { ParleyError } from "../../lib/errors/errors";

/**
 * Runs a room's steps strictly one after another. Every entry point of a room (sync messages, server
 * changes, updates relayed from other processes, votes, drafts, commands) goes through one of these,
 * so no step ever sees another half done.
 *
 * A failed step rejects only its own caller and is reported; the next step runs as if nothing
 * happened. The queue's own chain never rejects, which is what keeps one bad step from poisoning
 * every later one (or from becoming an unhandled rejection that ends the process).
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private current: string | null = null;

  /** `report` hears about every failed step (with its label); it must not throw, but if it does, nothing breaks. */
  constructor(private readonly report: (label: string, error: unknown) => void = () => {}) {}

  /** Steps waiting or running. */
  get pending(): number {
    return this.queued;
  }

  /** The label of the step running right now, if any. */
  get running(): string | null {
    return this.current;
  }

  /** Runs `step` after every step queued before it; resolves or rejects with its outcome. */
  run<T>(label: string, step: () => T | Promise<T>): Promise<T> {
    this.queued++;
    const outcome = this.tail.then(async () => {
      this.current = label;
      try {
        return await step();
      } finally {
        this.current = null;
        this.queued--;
      }
    });
    this.tail = outcome.then(
      () => undefined,
      (error: unknown) => {
        try {
          this.report(label, error);
        } catch {
          // A broken reporter must not break the queue.
        }
      },
    );
    return outcome;
  }

  /** Like {@link run} for steps nobody waits on: a failure is reported, never thrown. */
  post(label: string, step: () => unknown): void {
    this.run(label, step).catch(() => undefined);
  }

  /** Resolves once every step queued so far has finished (whatever its outcome). */
  idle(): Promise<void> {
    return this.tail;
  }
}

/** A failed step as one log line: a ParleyError's code and message, or anything else's stack. */
export function describeFailure(error: unknown): string {
  if (ParleyError.is(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
