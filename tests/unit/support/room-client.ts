/**
 * A client of a BoardRoom over a TestConnection, keeping its own Y.Doc the way the browser's BoardClient
 * does (y-protocols sync): local changes go out as Update frames, the server's Step 1 is answered with
 * a Step 2, the server's Step 2 and Updates are applied. Frames wait in `toServer` / `toClient` until
 * the test delivers them; every acknowledgement is recorded with the frame it answers.
 */
import * as Y from "yjs";
import type { Actor } from "@/lib/board/roles";
import { SYNC_STEP_1, decodeSyncMessage, syncStep1, syncStep2, syncUpdate } from "@/lib/protocol/sync-messages";
import type { BoardRoom } from "@/server/sync/board-room";
import type { SyncResult } from "@/server/sync/connection";
import { FrameQueue, TestConnection, type ServerMessage } from "./test-connection";

/** Marks changes that came from the server, so they are not sent back. */
const REMOTE = Symbol("remote");

export interface OutgoingFrame {
  frame: Uint8Array;
  /** What the frame is: "step1", "step2" (answering the server) or "update" (a local change). */
  kind: "step1" | "step2" | "update";
  /** The connection it was sent on: frames of a dropped connection never arrive. */
  connection: TestConnection;
}

export interface Acknowledged {
  kind: OutgoingFrame["kind"];
  result: SyncResult;
}

export class RoomClient {
  doc = new Y.Doc();
  connection: TestConnection | null = null;
  readonly toServer: FrameQueue<OutgoingFrame>;
  readonly acks: Acknowledged[] = [];
  readonly received: ServerMessage[] = [];
  private connections = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private room: BoardRoom,
    readonly name: string,
    readonly actor: Actor,
    /** Whether the client reacts to refusals as BoardClient does (resync on retry, reload on rejection). */
    private readonly reacts = true,
  ) {
    this.toServer = new FrameQueue((out) => this.sendToRoom(out));
    this.bindDoc();
  }

  get online(): boolean {
    return this.connection !== null;
  }

  /** The frames the room has queued for this client. */
  get toClient(): FrameQueue<ServerMessage> {
    if (!this.connection) throw new Error(`${this.name} is offline.`);
    return this.connection.toClient;
  }

  /** Opens a new connection to `room` (default: the same room) and starts the handshake with Step 1. */
  connect(room: BoardRoom = this.room): void {
    if (this.connection) throw new Error(`${this.name} is already connected.`);
    this.room = room;
    this.connection = new TestConnection(`${this.name}#${++this.connections}`, this.actor, (message) => this.receive(message));
    room.join(this.connection);
    this.queue("step1", syncStep1(this.doc));
  }

  /** Runs the handshake again (what the client does after a transient failure): queues a Step 1. */
  resync(): void {
    this.queue("step1", syncStep1(this.doc));
  }

  /** The connection drops: frames in flight either way are lost, local edits stay in the doc. */
  disconnect(): void {
    if (!this.connection) return;
    this.room.leave(this.connection.id);
    this.connection.toClient.dropAll();
    this.connection = null;
    this.toServer.dropAll();
  }

  /** Makes a local change (mutates the doc); online, its update is queued for the server. */
  edit<T>(change: (doc: Y.Doc) => T): T {
    return change(this.doc);
  }

  /** Waits for the room to answer every frame delivered so far. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Delivers in both directions until nothing is waiting and every frame is answered. */
  async sync(): Promise<void> {
    for (;;) {
      await this.settled();
      if (!this.connection || (this.toServer.size === 0 && this.connection.toClient.size === 0)) return;
      this.toServer.flush();
      await this.settled();
      this.connection?.toClient.flush();
    }
  }

  /** Acknowledgements of a kind, oldest first. */
  acksOf(kind: OutgoingFrame["kind"]): SyncResult[] {
    return this.acks.filter((a) => a.kind === kind).map((a) => a.result);
  }

  private bindDoc(): void {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE && this.connection) this.queue("update", syncUpdate(update));
    });
  }

  private queue(kind: OutgoingFrame["kind"], frame: Uint8Array): void {
    if (this.connection) this.toServer.push({ kind, frame, connection: this.connection });
  }

  private sendToRoom(out: OutgoingFrame): void {
    if (out.connection !== this.connection) return; // sent on a connection that has since dropped
    const delivery = this.room.handleSync(out.connection, out.frame).then((result) => {
      this.acks.push({ kind: out.kind, result });
      if (!result.ok && this.reacts && out.connection === this.connection) this.react(result);
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private receive(message: ServerMessage): void {
    this.received.push(message);
    if (message.kind !== "sync") return;
    const decoded = decodeSyncMessage(message.frame);
    if (!decoded) throw new Error(`${this.name} received an undecodable sync frame.`);
    if (decoded.type === SYNC_STEP_1) this.queue("step2", syncStep2(this.doc, decoded.stateVector));
    else Y.applyUpdate(this.doc, decoded.update, REMOTE);
  }

  /** What BoardClient does with a refusal: resync after a transient failure, reload after a rejection. */
  private react(result: Extract<SyncResult, { ok: false }>): void {
    if (result.retry) return this.resync();
    if (result.code !== "update-rejected" && result.code !== "forbidden") return;
    this.disconnect();
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.bindDoc();
    this.connect();
  }
}
