/** A LocalCopy held in memory: what IndexedDB keeps for the browser, kept for a test's "reload". */
import * as Y from "yjs";
import type { LocalCopy } from "@/components/sync/local-copy";
import { NO_SAVED_WORK, parseSavedWork, storedWork, type SavedWork } from "@/components/sync/saved-work";

export class MemoryCopy implements LocalCopy {
  /** The stored document, as one update. */
  state: Uint8Array | null = null;
  /** The stored unsaved-work record, exactly as written. */
  record: unknown = null;
  restarts = 0;
  private doc: Y.Doc | null = null;
  private readonly origin = { copy: "memory" };

  async open(doc: Y.Doc): Promise<SavedWork> {
    if (this.state) Y.applyUpdate(doc, this.state, this.origin);
    this.attach(doc);
    return this.record === null ? NO_SAVED_WORK : parseSavedWork(this.record);
  }

  isOwnOrigin(origin: unknown): boolean {
    return origin === this.origin;
  }

  saveWork(work: SavedWork): void {
    this.record = structuredClone(storedWork(work));
  }

  restart(doc: Y.Doc, work: SavedWork): void {
    this.restarts++;
    this.state = null;
    this.saveWork(work);
    this.attach(doc);
  }

  destroy(): void {
    this.doc = null;
  }

  /** The unsaved work as the next page load would read it. */
  get work(): SavedWork {
    return parseSavedWork(this.record);
  }

  private attach(doc: Y.Doc): void {
    this.doc = doc;
    this.state = this.state ? Y.mergeUpdates([this.state, Y.encodeStateAsUpdate(doc)]) : Y.encodeStateAsUpdate(doc);
    doc.on("update", (update: Uint8Array) => {
      if (this.doc === doc) this.state = this.state ? Y.mergeUpdates([this.state, update]) : update;
    });
  }
}
