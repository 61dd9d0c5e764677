import * as Y from "yjs";
import { SYNC_STEP_2, encodeSyncMessage, syncStep1, syncStep2 } from "../../lib/protocol/sync-messages";

/** A client that holds nothing: its state vector names no writer (one varUint, 0). */
const EMPTY_STATE_VECTOR = "\u0000";

/** State vectors longer than this are not remembered (a client holding edits of many writers is rare, and its answer one of a kind). */
const MAX_KEY_BYTES = 64;

export interface HandshakeCacheOptions {
  /** Step 2 answers kept at once (one per distinct client state vector); the oldest goes first. */
  maxAnswers?: number;
  /** How long a remembered Step 2 outlives its last use (default 10 s). */
  idleMs?: number;
}

/**
 * The room's answers to a joining client's Step 1, encoded once instead of once per join: the
 * server's own Step 1 (its state vector) and the Step 2 for a given client state vector (a fresh
 * client's is empty, so a class opening the board at once asks the same question 30 times). Any
 * transaction on the document forgets them all: `afterTransaction`, not `update`, because an `update`
 * listener makes Yjs encode every transaction's update (on the commit path) only to throw it away.
 *
 * A Step 2 of a whole board is about as big as the board's encoding (580 kB for 1,000 arguments), so
 * it is kept only once a second join asked the same question (one join to a quiet board keeps
 * nothing), and dropped after `idleMs` without a join that used it.
 */
export class HandshakeCache {
  private ownStep1: Uint8Array | null = null;
  /** The whole document as one update already at hand (what it was loaded from), for the first fresh client. */
  private wholeUpdate: Uint8Array | null = null;
  /** state vector (as a binary string) → the Step 2 answering it, or null: asked once, not kept yet. */
  private readonly answers = new Map<string, Uint8Array | null>();
  private lastUsed = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly maxAnswers: number;
  private readonly idleMs: number;
  private readonly forget = () => this.clear();

  constructor(
    private readonly doc: Y.Doc,
    options: HandshakeCacheOptions = {},
  ) {
    this.maxAnswers = options.maxAnswers ?? 4;
    this.idleMs = options.idleMs ?? 10_000;
    doc.on("afterTransaction", this.forget);
  }

  /** The server's Step 1: its state vector, asking the client for whatever the server lacks. */
  step1(): Uint8Array {
    this.ownStep1 ??= syncStep1(this.doc);
    return this.ownStep1;
  }

  /**
   * Hands over an update that holds exactly the document as it stands (the stored snapshot or single
   * log entry a room was just built from): the first client holding nothing gets it as its Step 2
   * instead of an encoding of the whole document (86 ms of the event loop for 10,000 arguments).
   * Applying it gives that client the same document; it is the very bytes encodeStateAsUpdate would
   * give when the stored part was itself one (a snapshot, a new board's first entry). Used once, and
   * forgotten like any answer: on the next transaction or after `idleMs`.
   */
  seedWholeUpdate(update: Uint8Array): void {
    this.wholeUpdate = update;
    this.lastUsed = Date.now();
    this.dropWhenIdle(this.idleMs);
  }

  /** Everything the document has that the holder of `stateVector` lacks, as a Step 2 frame. */
  step2(stateVector: Uint8Array): Uint8Array {
    if (stateVector.byteLength > MAX_KEY_BYTES) return syncStep2(this.doc, stateVector);
    const key = Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.byteLength).toString("latin1");
    this.lastUsed = Date.now();
    const known = this.answers.get(key);
    if (known) return known;
    const whole = key === EMPTY_STATE_VECTOR ? this.wholeUpdate : null;
    if (whole) this.wholeUpdate = null;
    const answer = whole ? encodeSyncMessage({ type: SYNC_STEP_2, update: whole }) : syncStep2(this.doc, stateVector);
    // Asked before (since the last change): a burst of joins, worth keeping. Asked first: only noted.
    this.answers.delete(key);
    this.answers.set(key, known === null ? answer : null);
    while (this.answers.size > this.maxAnswers) this.answers.delete(this.answers.keys().next().value as string);
    if (known === null) this.dropWhenIdle(this.idleMs);
    return answer;
  }

  /** How many whole Step 2 answers are held right now (for tests and diagnostics). */
  get heldAnswers(): number {
    let held = 0;
    for (const answer of this.answers.values()) if (answer) held++;
    return held;
  }

  destroy(): void {
    this.doc.off("afterTransaction", this.forget);
    this.clear();
  }

  private clear(): void {
    this.ownStep1 = null;
    this.wholeUpdate = null;
    this.answers.clear();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** One timer, re-armed for the time left rather than on every use. */
  private dropWhenIdle(delayMs: number): void {
    if (this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const quietFor = Date.now() - this.lastUsed;
      if (quietFor >= this.idleMs) {
        this.answers.clear();
        this.wholeUpdate = null;
      }
      else this.dropWhenIdle(this.idleMs - quietFor);
    }, delayMs);
    this.idleTimer.unref?.();
  }
}
