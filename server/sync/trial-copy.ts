import * as Y from "yjs";

/**
 * A room's scratch copy of its document, where every change is tried before it is saved. It is
 * built only when a change needs it and dropped once the board has been quiet for `idleMs`, so a
 * loaded board that nobody edits holds one document, not two, and loading a board builds no copy.
 *
 * What the copy holds between steps: the live document plus the updates accepted but not yet
 * committed (`pending`, the room's group commit). Whoever takes the copy to try something marks it as
 * possibly holding more; only `agree()` (the tried change reached the live document or the pending
 * batch, or changed nothing) clears that. `settle()` at the end of every step drops a copy left
 * holding more, and `discard()` drops it outright (a failed commit takes its batch out of `pending`):
 * the next `take()` rebuilds it from the live document and what is still pending.
 */
export class TrialCopy {
  private doc: Y.Doc | null = null;
  private differs = false;
  private lastTaken = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly live: Y.Doc,
    /** The updates accepted but not yet in the live document, oldest first. */
    private readonly pending: () => readonly Uint8Array[],
    private readonly idleMs: number,
  ) {}

  /** The copy, built now if there is none, to try a change on; from now on it may hold more than it should. */
  take(): Y.Doc {
    this.differs = true;
    this.lastTaken = Date.now();
    if (!this.doc) {
      this.doc = build(this.live, this.pending());
      if (!this.idleTimer) this.dropWhenIdle(this.idleMs);
    }
    return this.doc;
  }

  /** The tried change reached the live document or the pending batch (or changed nothing): the copy is right again. */
  agree(): void {
    this.differs = false;
  }

  /** Drops the copy if a tried change was left on it (the next take rebuilds it). */
  settle(): void {
    if (this.differs) this.discard();
  }

  /** Drops the copy whatever it holds; the next take rebuilds it from the live document and what is pending. */
  discard(): void {
    this.doc?.destroy();
    this.doc = null;
    this.differs = false;
  }

  /** Whether a copy is held right now (for tests and diagnostics). */
  get built(): boolean {
    return this.doc !== null;
  }

  /** Compares the copy with a fresh build by state vector and delete set (O(document)); for tests and diagnostics. */
  differsFromExpected(): boolean {
    if (!this.doc) return false;
    const expected = build(this.live, this.pending());
    const differs = !Y.equalSnapshots(Y.snapshot(expected), Y.snapshot(this.doc));
    expected.destroy();
    return differs;
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.discard();
  }

  /** One timer per copy, re-armed for the time left rather than on every take. */
  private dropWhenIdle(delayMs: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.doc) return;
      const quietFor = Date.now() - this.lastTaken;
      // A copy in use (taken, not yet agreed) is never dropped under a running step.
      if (quietFor >= this.idleMs && !this.differs) this.discard();
      else this.dropWhenIdle(this.differs ? this.idleMs : this.idleMs - quietFor);
    }, delayMs);
    this.idleTimer.unref?.();
  }
}

function build(live: Y.Doc, pending: readonly Uint8Array[]): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
  for (const update of pending) Y.applyUpdate(copy, update);
  return copy;
}
