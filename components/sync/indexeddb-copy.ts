"use client";
import * as idb from "lib0/indexeddb";
import { IndexeddbPersistence, clearDocument } from "y-indexeddb";
import type * as Y from "yjs";
import type { LocalCopy } from "./local-copy";
import { NO_SAVED_WORK, isQuotaError, parseSavedWork, staleCopyNames, storedWork, type SavedWork } from "./saved-work";

/** y-indexeddb's store for key/value records, where the unsaved-work record lives. */
const CUSTOM_STORE = "custom";
const UPDATES_STORE = "updates";
const WORK_KEY = "work";
/** A browser whose IndexedDB does not answer in this long is treated as having none (memory only). */
const OPEN_TIMEOUT_MS = 15_000;

/** Name of the performance measure for loading the copy (the e2e load-time figure reads it). */
export const LOCAL_COPY_MEASURE = "parley:local-copy-open";

/**
 * The board document (y-indexeddb) and its unsaved-work record (`saved-work.ts`) in one IndexedDB
 * database per board incarnation and person. Any failure to open or write — most often the browser
 * out of room — turns the copy off and deletes it (a partial copy must not come back on the next
 * load); `onFailure` is told once, and the client goes on in memory.
 */
export class IndexedDbCopy implements LocalCopy {
  private persistence: IndexeddbPersistence | null = null;
  /** Writes, one after another: a restart must finish before the next record is written. */
  private queue: Promise<unknown> = Promise.resolve();
  private failed = false;

  constructor(
    readonly name: string,
    private readonly stale: { boardId: string; epochMs: number },
    private readonly onFailure: (error: unknown) => void,
  ) {}

  async open(doc: Y.Doc): Promise<SavedWork> {
    if (typeof indexedDB === "undefined") return NO_SAVED_WORK;
    void this.deleteStaleCopies();
    performance.mark(`${LOCAL_COPY_MEASURE}:start`);
    try {
      const persistence = this.attach(doc);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SlowStorage()), OPEN_TIMEOUT_MS);
      });
      // whenSynced never settles when the database cannot be opened: that rejection comes through _db.
      const openFailed = persistence._db.then(() => new Promise<never>(() => undefined));
      // Measured when the document is in (before the page renders it), and read alongside the work record.
      const loaded = persistence.whenSynced.then(() => performance.measure(LOCAL_COPY_MEASURE, `${LOCAL_COPY_MEASURE}:start`));
      const read = Promise.all([loaded, persistence.get(WORK_KEY)]).then(([, stored]) => stored as unknown);
      const stored = await Promise.race([read, openFailed, timeout]).finally(() => clearTimeout(timer));
      return parseSavedWork(stored);
    } catch (error) {
      // Slow is not broken: what is stored stays for the next load; this page goes on in memory.
      this.fail(error, !(error instanceof SlowStorage));
      return NO_SAVED_WORK;
    }
  }

  isOwnOrigin(origin: unknown): boolean {
    return origin !== null && origin === this.persistence;
  }

  saveWork(work: SavedWork): void {
    const record = storedWork(work);
    this.enqueue(async () => {
      await this.persistence?.set(WORK_KEY, record as never);
    });
  }

  restart(doc: Y.Doc, work: SavedWork): void {
    const previous = this.persistence;
    this.persistence = null;
    const record = storedWork(work);
    this.enqueue(async () => {
      await previous?.destroy();
      // The old document and the new work in one transaction: a reload sees one or the other, never a mix.
      const db = await idb.openDB(this.name, (created) => idb.createStores(created, [[UPDATES_STORE, { autoIncrement: true }], [CUSTOM_STORE]]));
      try {
        const [updates, custom] = idb.transact(db, [UPDATES_STORE, CUSTOM_STORE]);
        await Promise.all([idb.rtop(updates.clear()), idb.put(custom, record as never, WORK_KEY)]);
      } finally {
        db.close();
      }
      if (!this.failed && !doc.isDestroyed) this.attach(doc);
    });
  }

  destroy(): void {
    void this.persistence?.destroy();
    this.persistence = null;
  }

  private attach(doc: Y.Doc): IndexeddbPersistence {
    const persistence = new IndexeddbPersistence(this.name, doc);
    this.persistence = persistence;
    // A failed write (quota) aborts its transaction; both events bubble up to the database.
    void persistence._db.then((db) => {
      const onFault = (event: Event) => {
        const target = event.target as IDBRequest | IDBTransaction | null;
        this.fail(target?.error ?? event);
      };
      db.addEventListener("error", onFault);
      db.addEventListener("abort", onFault);
    }, (error: unknown) => this.fail(error));
    return persistence;
  }

  private enqueue(write: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.failed ? undefined : write())).catch((error: unknown) => this.fail(error));
  }

  /** Stops storing for this page; `forget` also deletes the copy (after a failed write it is partial). */
  private fail(error: unknown, forget = true): void {
    if (this.failed) return;
    this.failed = true;
    const persistence = this.persistence;
    this.persistence = null;
    console.warn(isQuotaError(error) ? "This browser is out of room for the board's offline copy." : "The board's offline copy failed.", error);
    void (persistence ? persistence.destroy() : Promise.resolve()).then(() => (forget ? clearDocument(this.name) : undefined)).catch(() => undefined);
    this.onFailure(error);
  }

  private async deleteStaleCopies(): Promise<void> {
    try {
      const names = (await indexedDB.databases?.())?.flatMap((info) => (info.name ? [info.name] : [])) ?? [];
      await Promise.all(staleCopyNames(names, this.stale.boardId, this.stale.epochMs).map((name) => clearDocument(name)));
    } catch {
      // Listing databases is a courtesy clean-up; a browser without it keeps the old copies.
    }
  }
}

/** IndexedDB did not answer in time (a very slow device, or a browser that never answers). */
class SlowStorage extends Error {
  constructor() {
    super("IndexedDB did not answer in time.");
  }
}
