import type { BoardStore } from "../persistence/board-store";

/** When a room folds its log: after this many saved updates, or this many bytes of them, whichever comes first. */
export interface CompactionPolicy {
  afterUpdates: number;
  afterBytes: number;
}

/** What the board's stored log held when its room loaded. */
export interface Backlog {
  /** Log entries after the snapshot, and their bytes. */
  updates: number;
  bytes: number;
  /** Whether a snapshot stands before them. */
  snapshot: boolean;
}

/** Folds a snapshot and the log after it into one update; asynchronous when it runs in a worker. */
export type Fold = (parts: Uint8Array[]) => Uint8Array | Promise<Uint8Array>;

/**
 * Decides when one board's log is folded into a snapshot, and makes sure only one fold runs at a time.
 * Runs beside the room's edit queue, never in it: edits keep being saved while a fold is under way
 * (the store only takes the row lock for the final write). A request while a fold runs just marks
 * "look again afterwards", so a burst of updates costs one compaction, not one per update.
 */
export class RoomCompactor {
  private updates: number;
  private bytes: number;
  /** Whether the board has a snapshot: without one, a log of a single entry has nothing to fold. */
  private snapshot: boolean;
  private running: Promise<void> | null = null;
  private again = false;
  /** After a failed compaction, the count of updates to wait for before trying again on our own. */
  private deferUntil = 0;

  constructor(
    private readonly boardId: string,
    private readonly store: BoardStore,
    private readonly policy: CompactionPolicy,
    private readonly fold: Fold,
    private readonly log: (message: string) => void,
    /** What the log already held when the room loaded. */
    backlog: Backlog,
  ) {
    this.updates = backlog.updates;
    this.bytes = backlog.bytes;
    this.snapshot = backlog.snapshot;
  }

  /** Counts one saved update; starts a compaction when the policy says it is time. */
  noteSaved(byteLength: number): void {
    this.updates++;
    this.bytes += byteLength;
    if (this.due()) this.start();
  }

  /**
   * Folds whatever was saved since the last compaction, after any fold under way (before a room
   * unloads). Never rejects. A board that is one stored entry and nothing else (new, never edited) is
   * left alone: folding it would only rewrite the same bytes as a snapshot (6 MB at 10,000 arguments).
   */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.updates === 0 || (this.updates === 1 && !this.snapshot)) return;
    this.start();
    while (this.running) await this.running;
  }

  /** Resolves once no compaction is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private due(): boolean {
    // A database refusing compactions must not get a fold attempt per saved update.
    if (this.updates < this.deferUntil) return false;
    return this.updates >= this.policy.afterUpdates || this.bytes >= this.policy.afterBytes;
  }

  private start(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.compact().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        if (this.due()) this.start();
      }
    });
  }

  private async compact(): Promise<void> {
    // What this fold will cover at least; updates saved while it runs are counted towards the next one.
    const counted = { updates: this.updates, bytes: this.bytes };
    try {
      const result = await this.store.compact(this.boardId, this.fold);
      this.updates = Math.max(0, this.updates - counted.updates);
      this.bytes = Math.max(0, this.bytes - counted.bytes);
      this.deferUntil = 0;
      if (result) {
        this.snapshot = true;
        this.log(`compacted ${this.boardId}: ${result.foldedUpdates} updates → ${result.snapshotBytes} bytes`);
      }
    } catch (error) {
      this.deferUntil = this.updates + this.policy.afterUpdates;
      this.log(`compaction of ${this.boardId} failed (the log is intact; it will be tried again): ${(error as Error).message}`);
    }
  }
}
