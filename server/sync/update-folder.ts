import { Worker } from "node:worker_threads";
import { workerScript } from "../compiled-workers";

interface FoldReply {
  id: number;
  ok: boolean;
  folded?: Uint8Array;
  message?: string;
  threadId: number;
}

interface Waiting {
  resolve: (folded: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * A worker with nothing to fold for this long stops, so an idle server gives its memory back (~19 MB
 * of RSS for the compiled worker). Starting one again costs 70–150 ms on its own thread, off the event
 * loop, and only a compaction waits for it; a board edited steadily enough to compact within this
 * delay keeps its worker.
 */
export const FOLD_WORKER_IDLE_MS = 10_000;

/**
 * Folds update logs into snapshots in a worker thread, so compaction never runs on the event loop
 * that serves live boards. The worker starts on the first fold, stops after `idleMs` without one,
 * does not keep the process alive, and is replaced if it ever crashes (whatever it was folding
 * fails; the log is untouched).
 */
export class UpdateFolder {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private folds = 0;
  private lastThreadId: number | null = null;

  constructor(private readonly idleMs = FOLD_WORKER_IDLE_MS) {}

  /**
   * Folds a snapshot and the log entries after it (as lib/board/snapshot.ts foldUpdates does), off the
   * main thread. A single part stands for itself: it is handed back as it is (copied, as the driver may
   * reuse its buffer), with no thread. Folding it would only encode the same board again, which for a
   * large board unloaded with its one stored update cost ~0.8 s of a core just when others needed it.
   */
  fold(parts: Uint8Array[]): Promise<Uint8Array> {
    if (parts.length === 1) return Promise.resolve(parts[0].slice());
    this.stopIdleTimer();
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Packed into one new buffer and transferred: cloning thousands of small arrays one by one
      // costs the main thread more than the copy (and the parts may be views the driver still uses).
      const { packed, lengths } = pack(parts);
      worker.postMessage({ id, packed, lengths }, [packed.buffer]);
      worker.ref(); // a fold under way keeps the process up until it is answered
    });
  }

  /** How many folds finished, and on which thread the last one ran (for tests and diagnostics). */
  stats(): { folds: number; threadId: number | null; running: boolean } {
    return { folds: this.folds, threadId: this.lastThreadId, running: this.worker !== null };
  }

  /** Stops the worker; folds still under way fail. */
  async close(): Promise<void> {
    this.stopIdleTimer();
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error("The compaction worker was stopped."));
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript("fold", new URL("./fold-worker.mjs", import.meta.url)));
    worker.unref();
    worker.on("message", (reply: FoldReply) => this.settle(reply));
    worker.on("error", (error) => this.crashed(worker, error));
    worker.on("exit", (code) => this.crashed(worker, new Error(`The compaction worker exited (code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: FoldReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) {
      this.worker?.unref();
      this.startIdleTimer();
    }
    this.lastThreadId = reply.threadId;
    if (reply.ok && reply.folded) {
      this.folds++;
      waiting.resolve(reply.folded);
    } else {
      waiting.reject(new Error(`Folding the update log failed: ${reply.message ?? "no result"}`));
    }
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const worker = this.worker;
      if (!worker || this.waiting.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private crashed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

/** Copies `parts` end to end into one buffer, remembering each length. */
function pack(parts: Uint8Array[]): { packed: Uint8Array<ArrayBuffer>; lengths: number[] } {
  const lengths = parts.map((part) => part.byteLength);
  const packed = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  for (const part of parts) {
    packed.set(part, offset);
    offset += part.byteLength;
  }
  return { packed, lengths };
}
