import { ERROR_TABLE, type ErrorPayload } from "@/lib/errors/errors";
import type { UpdateAck } from "@/lib/protocol/protocol";
import type { UndoDirection } from "@/lib/board/undo-history";
import type { ArgumentEdit } from "./argument-edits";

/** One local update the server has not confirmed as stored. */
export interface PendingChange {
  readonly seq: number;
  /** "handshake": the reply to the server's SyncStep1, which may carry unsaved content too. */
  readonly kind: "change" | "handshake";
  /** The sync frame, resent as is: Yjs updates are idempotent, so a duplicate is acknowledged as a no-op. */
  readonly frame: Uint8Array;
  readonly edits: ArgumentEdit[];
  /** Made by undoing or redoing (components/board/useUndo.ts): a refusal names it so. */
  readonly via?: UndoDirection;
  /** Which send the ack must answer (an older send's failure is stale); null while unsent. */
  sending: number | null;
  /** A retryable refusal came back: it shows as "not saved yet" until an ack says it is stored. */
  failed: boolean;
}

export type AckOutcome =
  | { kind: "saved" }
  /** Keep it and resend later; `firstFailure` when nothing was failing before (report it once). */
  | { kind: "retry"; error: ErrorPayload; firstFailure: boolean }
  /** Refused for good: the change is out of the queue. */
  | { kind: "refused"; change: PendingChange; error: ErrorPayload }
  /** The ack of a change no longer tracked, or of an older send: nothing to do. */
  | { kind: "stale" };

/**
 * The client's bookkeeping of unsaved work: a change stays here from the moment it is made until an
 * ack `{ ok: true }` arrives — never less (a failed ack is not a save). Pure: no socket, no timers.
 */
export class PendingChanges {
  private entries: PendingChange[] = [];
  private nextSeq = 1;
  private nextSend = 1;

  /** How many changes are not yet stored: what the status line counts. */
  get count(): number {
    return this.entries.length;
  }

  /** Whether any change came back with a retryable failure and is still not stored. */
  get retrying(): boolean {
    return this.entries.some((entry) => entry.failed);
  }

  /** Starts tracking a local update (not yet sent). */
  add(frame: Uint8Array, edits: ArgumentEdit[], kind: PendingChange["kind"] = "change", via?: UndoDirection): PendingChange {
    const entry: PendingChange = { seq: this.nextSeq++, kind, frame, edits, sending: null, failed: false, ...(via ? { via } : {}) };
    this.entries.push(entry);
    return entry;
  }

  /** Records that `entry` is going out now; returns the token its ack must answer. */
  markSent(entry: PendingChange): number {
    entry.sending = this.nextSend++;
    return entry.sending;
  }

  /** Every tracked change in the order it was made (the order they must be resent in). */
  list(): readonly PendingChange[] {
    return this.entries;
  }

  /** Changes not sent on the current connection, in order. */
  unsent(): PendingChange[] {
    return this.entries.filter((entry) => entry.sending === null);
  }

  /**
   * The connection is gone: no ack will come for what was in flight, so everything counts as unsent.
   * A handshake reply is dropped: the next handshake sends a fresh one holding the same content.
   */
  connectionLost(): void {
    this.entries = this.entries.filter((entry) => entry.kind !== "handshake");
    for (const entry of this.entries) entry.sending = null;
  }

  /** Applies the server's answer to send `token` of change `seq`. */
  acknowledge(seq: number, token: number, ack: UpdateAck): AckOutcome {
    const entry = this.entries.find((candidate) => candidate.seq === seq);
    if (!entry) return { kind: "stale" };
    // A success is a fact whichever send it answers: the content is stored.
    if (ack.ok) {
      this.remove(entry);
      return { kind: "saved" };
    }
    if (entry.sending !== token) return { kind: "stale" };
    const { ok: _ok, ...error } = ack;
    if (isRetryable(error)) {
      const firstFailure = !this.retrying;
      entry.failed = true;
      entry.sending = null;
      return { kind: "retry", error, firstFailure };
    }
    this.remove(entry);
    return { kind: "refused", change: entry, error };
  }

  /** Removes and returns everything tracked (after a refusal, the rest is replayed as intents). */
  takeAll(): PendingChange[] {
    const all = this.entries;
    this.entries = [];
    return all;
  }

  private remove(entry: PendingChange): void {
    this.entries = this.entries.filter((candidate) => candidate !== entry);
  }
}

/** Retryable per the server's `retry` flag, or the error table when a client library dropped it. */
export function isRetryable(error: Pick<ErrorPayload, "code" | "retry">): boolean {
  return typeof error.retry === "boolean" ? error.retry : (ERROR_TABLE[error.code]?.retry ?? false);
}
