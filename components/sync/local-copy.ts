import type * as Y from "yjs";
import type { SavedWork } from "./saved-work";

/**
 * Where a board client keeps its document and unsaved work between page loads. The browser's is
 * IndexedDB (`indexeddb-copy.ts`); unit tests use one in memory. A copy that fails (the browser is
 * out of room) stops storing and says so once; the client then carries on from memory, losing
 * nothing that was already synced.
 */
export interface LocalCopy {
  /**
   * Loads the stored document into `doc` and keeps storing it from then on; answers the stored
   * unsaved work (empty when there is none or the copy could not be opened).
   */
  open(doc: Y.Doc): Promise<SavedWork>;
  /** Whether a transaction with this origin is the copy loading itself (not a local edit). */
  isOwnOrigin(origin: unknown): boolean;
  /** Records the current unsaved work (called whenever it changes; the latest call wins). */
  saveWork(work: SavedWork): void;
  /**
   * Forgets the stored document and stores `doc` instead, with `work` — after a refusal the server's
   * state replaces ours, so the refused change must not come back on the next load.
   */
  restart(doc: Y.Doc, work: SavedWork): void;
  /** Stops storing (the page is leaving this board); what is stored stays. */
  destroy(): void;
}
