import * as Y from "yjs";
import type { BoardStore } from "../persistence/board-store";

/** Where a room's copy of a board stands in the board's update log. */
export interface RelayPosition {
  /** Every log entry up to and including this seq is in the document. */
  contiguous: number;
  /** Entries above `contiguous` the document also holds (its own commits, relayed updates after a gap). */
  above: number[];
}

/**
 * The log-sequence bookkeeping that keeps one process's copy of a board from silently falling behind
 * the database when a relayed update between server processes goes missing.
 *
 * Relayed updates carry the seq the store gave them. The room's own commits interleave with other
 * processes' (A saves 10, B saves 11, A saves 12 before hearing of 11), so a seq the document holds is
 * no proof it holds every smaller one: seqs above the contiguous mark are kept in a set until the
 * gap below them closes. A gap is repaired from the store (UpdatesAfter), never guessed at.
 *
 * Not thread-safe on its own: the room runs every call through its one-at-a-time queue, so
 * `receive`, `catchUpTo` and `noteSaved` never interleave with each other or with the room's commits.
 */
export class RelayCatchUp {
  private contiguous: number;
  private readonly above = new Set<number>();

  /**
   * @param loadedSeq the store's latest seq when the document was loaded (`StoredBoardState.latestSeq`)
   * @param apply applies Yjs updates (idempotent) to the room's documents, in order, and passes on what was new
   */
  constructor(
    private readonly boardId: string,
    private readonly store: Pick<BoardStore, "loadUpdatesAfter">,
    loadedSeq: number,
    private readonly apply: (updates: Uint8Array[]) => void,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.contiguous = loadedSeq;
  }

  position(): RelayPosition {
    return { contiguous: this.contiguous, above: [...this.above].sort((a, b) => a - b) };
  }

  /** Whether the document is known to hold the log entry with this seq. */
  holds(seq: number): boolean {
    return seq <= this.contiguous || this.above.has(seq);
  }

  /** Records that the document holds the entry `seq` (the room saved and applied it itself). */
  noteSaved(seq: number): void {
    if (seq <= this.contiguous) return;
    this.above.add(seq);
    this.advance();
  }

  /**
   * An update another process saved as `seq`. Already held: nothing to do. The next one: applied.
   * Beyond a gap: the missing entries are read from the store first, so nothing is applied out of order
   * and nothing acknowledged elsewhere stays missing here. Rejects if the update cannot be decoded (it
   * is then not counted as held) or the store cannot answer (the update is still applied: it is saved,
   * and Yjs keeps it pending until its causes arrive; the periodic check repairs the gap later).
   */
  async receive(seq: number, update: Uint8Array): Promise<void> {
    if (this.holds(seq)) return;
    let failure: unknown = null;
    if (seq > this.contiguous + 1 && !this.heldBetween(this.contiguous + 1, seq - 1)) {
      this.log(`relay gap on ${this.boardId}: got seq ${seq}, hold up to ${this.contiguous}; reading the rest from the store`);
      await this.fillFromStore().catch((error: unknown) => (failure = error));
    }
    if (!this.holds(seq)) {
      this.apply([update]);
      this.noteSaved(seq);
    }
    if (failure) throw failure;
  }

  /**
   * Brings the document up to the store's `latestSeq` (the periodic check, for a process that missed
   * the last update of a burst and hears no next one). A no-op when it already holds that much.
   */
  async catchUpTo(latestSeq: number): Promise<void> {
    if (this.contiguous >= latestSeq) return;
    this.log(`relay check on ${this.boardId}: the store is at seq ${latestSeq}, this copy at ${this.contiguous}; catching up`);
    await this.fillFromStore();
  }

  private heldBetween(from: number, to: number): boolean {
    if (to - from + 1 > this.above.size) return false;
    for (let seq = from; seq <= to; seq++) if (!this.above.has(seq)) return false;
    return true;
  }

  private async fillFromStore(): Promise<void> {
    const { snapshot, entries } = await this.store.loadUpdatesAfter(this.boardId, this.contiguous);
    const missing: Uint8Array[] = [];
    if (snapshot) missing.push(snapshot.data);
    for (const entry of entries) if (!this.holds(entry.seq)) missing.push(entry.data);
    if (missing.length > 0) this.apply(missing);
    if (snapshot && snapshot.upToSeq > this.contiguous) this.contiguous = snapshot.upToSeq;
    for (const entry of entries) this.above.add(entry.seq);
    this.advance();
  }

  /** Moves the contiguous mark over every held seq that now joins it. */
  private advance(): void {
    for (const seq of this.above) if (seq <= this.contiguous) this.above.delete(seq);
    while (this.above.delete(this.contiguous + 1)) this.contiguous++;
  }
}

/**
 * Applies updates to `doc` in order and returns what was new to it (from the document's own update
 * events, merged), so a snapshot read during a gap repair is not passed on whole. An undecodable
 * update stops the run: `failure` holds its error and `news` what the updates before it added.
 */
export function applyCapturingNews(doc: Y.Doc, updates: Uint8Array[], origin: unknown): { news: Uint8Array | null; failure: unknown } {
  const fresh: Uint8Array[] = [];
  const capture = (update: Uint8Array) => fresh.push(update);
  let failure: unknown = null;
  doc.on("update", capture);
  try {
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  } catch (error) {
    failure = error;
  } finally {
    doc.off("update", capture);
  }
  const news = fresh.length === 0 ? null : fresh.length === 1 ? fresh[0] : Y.mergeUpdates(fresh);
  return { news, failure };
}
