/**
 * A transport for room tests whose messages move only when the test says so (after tldraw's
 * TestSocketPair): each direction is a FrameQueue the test delivers from in any order, or drops,
 * reorders and duplicates frames of. Nothing is delivered by a timer, so an ordering race that
 * failed once fails the same way every time.
 */
import type { Actor } from "@/lib/board/roles";
import type { ErrorPayload } from "@/lib/errors/errors";
import type { Connection } from "@/server/sync/connection";

/** Messages waiting to be delivered, oldest first. */
export class FrameQueue<T> {
  readonly waiting: T[] = [];
  /** Everything ever delivered from this queue, in delivery order. */
  readonly delivered: T[] = [];

  constructor(private readonly deliverTo: (message: T) => void) {}

  get size(): number {
    return this.waiting.length;
  }

  push(message: T): void {
    this.waiting.push(message);
  }

  /** Delivers the message at `index` (default: the oldest) and removes it from the queue. */
  deliver(index = 0): T {
    const [message] = this.take(index);
    this.delivered.push(message);
    this.deliverTo(message);
    return message;
  }

  /** Delivers everything waiting, oldest first, including what delivering adds to this queue. */
  flush(): number {
    let count = 0;
    while (this.waiting.length) {
      this.deliver(0);
      count++;
    }
    return count;
  }

  /** Loses the message at `index` on the way. */
  drop(index = 0): T {
    return this.take(index)[0];
  }

  /** Drops everything waiting (a connection that died with frames in flight). */
  dropAll(): T[] {
    return this.waiting.splice(0);
  }

  /** Queues a second copy of the message at `index`, right after it. */
  duplicate(index = 0): void {
    this.check(index);
    this.waiting.splice(index + 1, 0, this.waiting[index]);
  }

  /** Puts the waiting messages in the order given by `order` (a permutation of their indexes). */
  reorder(order: number[]): void {
    if ([...order].sort((a, b) => a - b).join() !== this.waiting.map((_, i) => i).join()) throw new Error(`Not a permutation of ${this.size} frames: ${order.join()}`);
    const before = [...this.waiting];
    this.waiting.splice(0, this.waiting.length, ...order.map((i) => before[i]));
  }

  private take(index: number): T[] {
    this.check(index);
    return this.waiting.splice(index, 1);
  }

  private check(index: number): void {
    if (index < 0 || index >= this.waiting.length) throw new Error(`No frame ${index}: ${this.waiting.length} waiting.`);
  }
}

/** What the room sends a client, as the client would receive it. */
export type ServerMessage =
  | { kind: "sync"; frame: Uint8Array }
  | { kind: "awareness"; frame: Uint8Array }
  | { kind: "error"; error: ErrorPayload }
  | { kind: "event"; name: string; payload: unknown };

/**
 * The room's end of a test connection: everything the room sends waits in `toClient` until the test
 * delivers it to `receive`. `closed` records that the room hung up.
 */
export class TestConnection implements Connection {
  readonly toClient: FrameQueue<ServerMessage>;
  closed = false;

  constructor(
    readonly id: string,
    public actor: Actor,
    receive: (message: ServerMessage) => void,
  ) {
    this.toClient = new FrameQueue(receive);
  }

  sendSync(frame: Uint8Array): void {
    this.queue({ kind: "sync", frame: new Uint8Array(frame) });
  }

  sendAwareness(frame: Uint8Array): void {
    this.queue({ kind: "awareness", frame: new Uint8Array(frame) });
  }

  sendError(error: ErrorPayload): void {
    this.queue({ kind: "error", error });
  }

  sendEvent(name: string, payload: unknown): void {
    this.queue({ kind: "event", name, payload });
  }

  close(): void {
    this.closed = true;
  }

  /** A closed connection carries nothing more, as a socket that was disconnected. */
  private queue(message: ServerMessage): void {
    if (!this.closed) this.toClient.push(message);
  }
}
