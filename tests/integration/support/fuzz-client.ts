/**
 * A sync client for the fuzz: speaks the protocol as the browser's BoardClient does (join, Step 1,
 * answer the server's Step 1 with a Step 2, send each local change as an Update, resync after a
 * retryable refusal, reload the server's state after a rejection), and records in a shared ledger
 * which argument additions and deletions the server acknowledged. Going offline keeps local edits,
 * which the next handshake's Step 2 carries.
 */
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { argumentsMap } from "@/lib/board/doc";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { SYNC_STEP_1, asBytes, decodeSyncMessage, syncStep1, syncStep2, syncUpdate } from "@/lib/protocol/sync-messages";
import type { Seat } from "./member-client";

const REMOTE = Symbol("remote");

/** What the server acknowledged, across all clients of one fuzz run. */
export class Ledger {
  /** Argument ids whose addition the server acknowledged { ok: true }, with who added them. */
  readonly ackedAdds = new Map<string, string>();
  /** Per deleted id: whether a frame carrying the delete was acknowledged, or reached the server with its answer lost. */
  readonly deletes = new Map<string, Set<"acked" | "unknown">>();
  readonly counts = new Map<string, number>();
  /** Every final refusal (not a retry), with its message, for the report. */
  readonly refusals: string[] = [];

  count(what: string, by = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + by);
  }

  noteDelete(id: string, fate: "acked" | "unknown"): void {
    this.deletes.set(id, (this.deletes.get(id) ?? new Set()).add(fate));
  }

  summary(): string {
    return [...this.counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(" ");
  }
}

interface Change {
  adds: Set<string>;
  deletes: Set<string>;
}

interface InFlight extends Change {
  socket: Socket;
  kind: "update" | "step2" | "step1";
  /** Which incarnation of the doc sent it: a reload starts a new one, and old answers no longer steer. */
  generation: number;
}

export class FuzzClient {
  doc = new Y.Doc();
  private socket: Socket | null = null;
  joined = false;
  /** Local additions and deletions the server has not acknowledged yet. */
  private unacked: Change = { adds: new Set(), deletes: new Set() };
  private readonly inFlight = new Set<InFlight>();
  private generation = 0;

  constructor(
    private readonly url: string,
    private readonly boardId: string,
    readonly seat: Seat,
    private readonly ledger: Ledger,
  ) {}

  get name(): string {
    return this.seat.displayName;
  }

  get online(): boolean {
    return this.socket !== null;
  }

  /** Connected, joined, and every frame answered. */
  get quiet(): boolean {
    return this.joined && this.inFlight.size === 0;
  }

  /** Opens a new connection and joins; the handshake follows on its own. */
  connect(): void {
    if (this.socket) return;
    const socket = io(`${this.url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true });
    this.socket = socket;
    socket.on("connect", () => this.join(socket));
    socket.on(EVENTS.sync, (payload: unknown) => this.onSyncFrame(socket, payload));
    socket.on("disconnect", () => this.dropped(socket));
    socket.on("connect_error", () => this.dropped(socket));
  }

  /** Goes offline now, whatever is in flight. */
  disconnect(): void {
    const socket = this.socket;
    if (!socket) return;
    socket.disconnect();
    this.dropped(socket);
  }

  /**
   * Makes a local change (mutates the doc) and, online, sends it as one Update. `change` must make at
   * most one transaction's worth of changes; what it added and deleted is worked out from the map.
   */
  edit(change: (doc: Y.Doc) => void): void {
    const before = new Set(argumentsMap(this.doc).keys());
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array, origin: unknown) => origin !== REMOTE && updates.push(update);
    this.doc.on("update", capture);
    try {
      change(this.doc);
    } finally {
      this.doc.off("update", capture);
    }
    const after = new Set(argumentsMap(this.doc).keys());
    const made: Change = { adds: new Set([...after].filter((id) => !before.has(id))), deletes: new Set([...before].filter((id) => !after.has(id))) };
    for (const id of made.adds) this.unacked.adds.add(id);
    for (const id of made.deletes) this.unacked.deletes.add(id);
    if (updates.length && this.socket && this.joined) this.send(this.socket, "update", syncUpdate(Y.mergeUpdates(updates)), made);
  }

  close(): void {
    this.disconnect();
    this.doc.destroy();
  }

  private join(socket: Socket): void {
    const request = { protocol: PROTOCOL_VERSION, boardId: this.boardId, memberToken: this.seat.memberToken };
    socket.timeout(60_000).emit(EVENTS.join, request, (error: Error | null, ack: JoinAck) => {
      if (socket !== this.socket) return;
      if (error || !ack.ok) {
        this.ledger.count(`join-refused:${error ? "timeout" : ack.ok ? "" : ack.code}`);
        return this.disconnect();
      }
      this.joined = true;
      this.send(socket, "step1", syncStep1(this.doc), { adds: new Set(), deletes: new Set() });
    });
  }

  private onSyncFrame(socket: Socket, payload: unknown): void {
    if (socket !== this.socket) return;
    const bytes = asBytes(payload);
    const message = bytes && decodeSyncMessage(bytes);
    if (!message) return this.ledger.count("undecodable-from-server");
    if (message.type === SYNC_STEP_1) {
      // Whatever the server lacks is everything not yet acknowledged: the Step 2 answers for all of it.
      const covers = { adds: new Set(this.unacked.adds), deletes: new Set(this.unacked.deletes) };
      this.send(socket, "step2", syncStep2(this.doc, message.stateVector), covers);
      return;
    }
    Y.applyUpdate(this.doc, message.update, REMOTE);
  }

  private send(socket: Socket, kind: InFlight["kind"], frame: Uint8Array, covers: Change): void {
    const flight: InFlight = { socket, kind, generation: this.generation, ...covers };
    this.inFlight.add(flight);
    this.ledger.count(`sent:${kind}`);
    socket.timeout(60_000).emit(EVENTS.sync, frame, (error: Error | null, ack: UpdateAck) => {
      if (!this.inFlight.delete(flight)) return; // the connection dropped first: its fate was recorded then
      if (error) return this.lost(flight);
      this.answered(socket, flight, ack);
    });
  }

  private answered(socket: Socket, flight: InFlight, ack: UpdateAck): void {
    this.ledger.count(ack.ok ? `ack-ok:${flight.kind}` : `ack-refused:${ack.code}`);
    if (!ack.ok && !ack.retry) this.ledger.refusals.push(`${this.name} ${flight.kind}: ${ack.code} ${ack.message}`);
    if (ack.ok) {
      for (const id of flight.adds) {
        this.ledger.ackedAdds.set(id, this.name);
        this.unacked.adds.delete(id);
      }
      for (const id of flight.deletes) {
        this.ledger.noteDelete(id, "acked");
        this.unacked.deletes.delete(id);
      }
      return;
    }
    if (socket !== this.socket || flight.generation !== this.generation) return;
    if (ack.retry) this.send(socket, "step1", syncStep1(this.doc), { adds: new Set(), deletes: new Set() });
    else if (ack.code === "update-rejected" || ack.code === "forbidden") this.resetToServer(socket);
  }

  /** A frame that reached the server (or not) without an answer: its deletes may have been stored. */
  private lost(flight: InFlight): void {
    this.ledger.count(`ack-lost:${flight.kind}`);
    for (const id of flight.deletes) this.ledger.noteDelete(id, "unknown");
  }

  /** BoardClient's answer to a rejection: drop local state and reload the board as the server has it. */
  private resetToServer(socket: Socket): void {
    this.ledger.count("reset");
    this.generation++;
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.unacked = { adds: new Set(), deletes: new Set() };
    this.joined = false;
    this.join(socket);
  }

  private dropped(socket: Socket): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.joined = false;
    for (const flight of [...this.inFlight]) {
      if (flight.socket !== socket) continue;
      this.inFlight.delete(flight);
      this.lost(flight);
    }
  }
}
