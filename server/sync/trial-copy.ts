import * as Y from "yjs";

/**
 * A room's scratch copy of its live document, where every change is tried before it is saved. The
 * invariant the room keeps with it: between steps the copy equals the live document. Whoever takes the
 * copy to try something marks it as possibly different; only `agree()` (the live document caught up,
 * or nothing changed) clears that, and `settle()` at the end of every step rebuilds a copy that was
 * left different, whether the step succeeded, was refused or threw.
 */
export class TrialCopy {
  private doc: Y.Doc;
  private differs = false;

  constructor(private readonly live: Y.Doc) {
    this.doc = cloneDoc(live);
  }

  /** The copy, to try a change on; from now on it may differ from the live document. */
  take(): Y.Doc {
    this.differs = true;
    return this.doc;
  }

  /** The tried change reached the live document too (or changed nothing): the two agree again. */
  agree(): void {
    this.differs = false;
  }

  /** Rebuilds the copy from the live document if a tried change was left on it. */
  settle(): void {
    if (!this.differs) return;
    this.doc.destroy();
    this.doc = cloneDoc(this.live);
    this.differs = false;
  }

  /** Compares the two by state vector and delete set (O(document)); for tests and diagnostics. */
  differsFromLive(): boolean {
    return !Y.equalSnapshots(Y.snapshot(this.live), Y.snapshot(this.doc));
  }

  destroy(): void {
    this.doc.destroy();
  }
}

function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
