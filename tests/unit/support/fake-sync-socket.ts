/**
 * A stand-in for the Socket.io client and a sync server played by hand, so the board client's
 * behaviour can be tested message by message: nothing is delivered until the test delivers it.
 */
import * as Y from "yjs";
import type { SyncSocket } from "@/components/sync/board-client";
import type { ErrorCode, ErrorPayload } from "@/lib/errors/errors";
import { ERROR_TABLE } from "@/lib/errors/errors";
import { EVENTS, PROTOCOL_VERSION, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { decodeSyncMessage, syncStep1, syncStep2, type SyncMessage } from "@/lib/protocol/sync-messages";
import { makeBoardDoc } from "./board-fixture";

type Listener = (...args: unknown[]) => void;

export interface Sent {
  event: string;
  payload: unknown;
  ack?: (answer: unknown) => void;
}

export class FakeSyncSocket implements SyncSocket {
  connected = false;
  active = true;
  /** How often the client asked to connect again by itself. */
  connectCalls = 0;
  /** Everything the client sent and nobody has taken yet, oldest first. */
  readonly outbox: Sent[] = [];
  auth?: SyncSocket["auth"];
  /** What each handshake carried (`auth`), oldest first; only with `{ handshakeAuth: true }`. */
  readonly handshakes: object[] = [];
  private readonly handlers = new Map<string, Listener[]>();

  /** `handshakeAuth`: each open() asks `auth` for what the handshake carries, as Socket.io does. */
  constructor(private readonly options: { handshakeAuth?: boolean } = {}) {}

  on(event: string, listener: (...args: never[]) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener as Listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    const ack = typeof args.at(-1) === "function" ? (args.pop() as Sent["ack"]) : undefined;
    this.outbox.push({ event, payload: args[0], ack });
    return this;
  }

  timeout(): { emit(event: string, ...args: unknown[]): unknown } {
    return {
      emit: (event, payload, callback) => this.emit(event, payload, (answer: unknown) => (callback as Listener)(null, answer)),
    };
  }

  connect(): this {
    this.connectCalls++;
    return this;
  }

  disconnect(): this {
    if (this.connected || this.active) {
      this.connected = false;
      this.active = false;
      this.fire("disconnect", "io client disconnect");
    }
    return this;
  }

  // ---- the test's side ----

  /** The connection opens. */
  open(): void {
    if (this.options.handshakeAuth && this.auth) {
      const auth = this.auth;
      if (typeof auth === "function") auth((data) => this.handshakes.push(data));
      else this.handshakes.push(auth);
    }
    this.connected = true;
    this.active = true;
    this.fire("connect");
  }

  /** The connection ends: by default the server hung up (Socket.io will not come back by itself). */
  drop(reason: "io server disconnect" | "transport close" = "io server disconnect"): void {
    this.connected = false;
    this.active = reason !== "io server disconnect";
    this.outbox.length = 0; // whatever was in flight is lost with the connection
    this.fire("disconnect", reason);
  }

  deliver(event: string, payload: unknown): void {
    this.fire(event, payload);
  }

  /** Removes and returns what the client sent on `event`, oldest first. */
  take(event: string): Sent[] {
    const taken = this.outbox.filter((sent) => sent.event === event);
    const rest = this.outbox.filter((sent) => sent.event !== event);
    this.outbox.splice(0, this.outbox.length, ...rest);
    return taken;
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.handlers.get(event) ?? []) listener(...args);
  }
}

export function errorAck(code: ErrorCode, message = `refused: ${code}`, details?: unknown): { ok: false } & ErrorPayload {
  return { ok: false, code, message, retry: ERROR_TABLE[code].retry, ...(details === undefined ? {} : { details }) };
}

/** The server's half, played by the test: a board document and answers given one at a time. */
export class HandServer {
  /** `doc`: the board as stored; pass another server's to play the same board after a reload. */
  constructor(
    readonly socket: FakeSyncSocket,
    readonly doc: Y.Doc = makeBoardDoc(),
  ) {}

  /** Answers the client's pending join. */
  answerJoin(answer: JoinAck = { ok: true, boardId: "demo", protocol: PROTOCOL_VERSION, role: "participant", memberId: null, serverTime: Date.now() }): void {
    const [join, ...more] = this.socket.take(EVENTS.join);
    if (!join || more.length) throw new Error(`expected one join, got ${more.length + (join ? 1 : 0)}`);
    join.ack?.(answer);
    // The Step 1 sent behind a refused join is answered not-joined, as the server does (nothing else of it happens).
    if (!answer.ok) for (const held of this.socket.take(EVENTS.sync)) held.ack?.(errorAck("not-joined", "The join this message waited for was refused."));
  }

  /** Takes the client's sync frames, decoded, with their ack callbacks. */
  takeSync(): { message: SyncMessage; ack: (answer: UpdateAck) => void }[] {
    return this.socket.take(EVENTS.sync).map((sent) => {
      const message = decodeSyncMessage(sent.payload as Uint8Array);
      if (!message) throw new Error("the client sent an undecodable sync frame");
      return { message, ack: (answer: UpdateAck) => sent.ack?.(answer) };
    });
  }

  /**
   * Runs the server's side of the handshake for the client's Step 1 among `frames`: Step 2 with the
   * board, then the server's own Step 1. Returns the other frames.
   */
  handshake(frames = this.takeSync()): ReturnType<HandServer["takeSync"]> {
    const step1 = frames.find((frame) => frame.message.type === 0);
    if (!step1 || step1.message.type !== 0) throw new Error("the client sent no SyncStep1");
    this.socket.deliver(EVENTS.sync, syncStep2(this.doc, step1.message.stateVector));
    this.socket.deliver(EVENTS.sync, syncStep1(this.doc));
    return frames.filter((frame) => frame !== step1);
  }

  /** Stores an update (applies it here) and acknowledges it. */
  store(frame: ReturnType<HandServer["takeSync"]>[number]): void {
    if (frame.message.type === 0) throw new Error("a Step 1 is not an update");
    Y.applyUpdate(this.doc, frame.message.update);
    frame.ack({ ok: true });
  }

  /** Stores every update among the client's frames and answers any Step 1, until nothing is left. */
  settle(): void {
    for (let frames = this.takeSync(); frames.length; frames = this.takeSync()) {
      for (const frame of frames) {
        if (frame.message.type === 0) this.handshake([frame]);
        else this.store(frame);
      }
    }
  }
}
