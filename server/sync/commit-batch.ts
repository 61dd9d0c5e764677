import type { Argument } from "../../lib/board/argument";
import type { NewLogEntry } from "../persistence/board-store";

/** Most updates one group commit carries; a fuller batch is committed at once. */
export const MAX_BATCH_UPDATES = 200;
/** Most bytes one group commit carries (well under what one statement should send). */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** One accepted update waiting for its commit: what it is, who sent it, and its sender's connection. */
export interface BatchEntry extends NewLogEntry {
  /** The connection that sent it (excluded from its broadcast); null for the server's own changes. */
  senderId: string | null;
}

/** A batch taken out to be committed: its entries, and how to tell everyone waiting on it how it went. */
export interface TakenBatch {
  entries: BatchEntry[];
  committed(): void;
  failed(error: unknown): void;
}

/**
 * The updates a room has accepted (validated in arrival order) but not yet stored: one group commit
 * in the making. Everyone waiting on an entry hears the batch's one outcome, so a failed commit refuses
 * every update in it. It also remembers the argument records the batch leaves behind, which stand in
 * for the live document's when the next update is checked (check-update.ts, `accepted`).
 */
export class CommitBatch {
  private entries: BatchEntry[] = [];
  private bytes = 0;
  private records = new Map<string, Argument | null>();
  private outcome: Deferred | null = null;

  get size(): number {
    return this.entries.length;
  }

  /** Whether the batch should be committed now rather than wait for more. */
  get full(): boolean {
    return this.entries.length >= MAX_BATCH_UPDATES || this.bytes >= MAX_BATCH_BYTES;
  }

  /** The pending updates, oldest first (what the trial copy holds beyond the live document). */
  updates(): Uint8Array[] {
    return this.entries.map((entry) => entry.update);
  }

  /** Argument records as the pending updates leave them, by id. */
  get accepted(): ReadonlyMap<string, Argument | null> {
    return this.records;
  }

  /**
   * Adds an accepted update, with the records it changed as they now read. Resolves once the batch is
   * committed; rejects with the store's error if it is not.
   */
  add(entry: BatchEntry, changed: Iterable<[string, Argument | null]>): Promise<void> {
    this.entries.push(entry);
    this.bytes += entry.update.byteLength;
    for (const [id, record] of changed) this.records.set(id, record);
    return this.settled();
  }

  /** Resolves with the outcome of the batch being built (for a no-op that may repeat part of it). */
  settled(): Promise<void> {
    this.outcome ??= deferred();
    return this.outcome.promise;
  }

  /** Takes the batch out to be committed and starts a new, empty one. Null when nothing is pending. */
  take(): TakenBatch | null {
    const outcome = this.outcome;
    const entries = this.entries;
    this.entries = [];
    this.bytes = 0;
    this.records = new Map();
    this.outcome = null;
    if (!outcome) return null;
    if (entries.length === 0) {
      outcome.resolve(); // nothing to store, but a no-op may wait on the batch
      return null;
    }
    return { entries, committed: () => outcome.resolve(), failed: (error) => outcome.reject(error) };
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Whoever waits handles the outcome; a batch nobody waits on must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
