"use client";
import { io, type Socket } from "socket.io-client";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Argument } from "@/lib/board/argument";
import type { Role } from "@/lib/board/roles";
import type { Command } from "@/lib/session/commands";
import type { Ballot, Results } from "@/lib/session/votes";
import type { ErrorPayload } from "@/lib/errors/errors";
import {
  EVENTS,
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type AwarenessState,
  type CommandAck,
  type JoinAck,
  type UpdateAck,
} from "@/lib/protocol/protocol";
import { SYNC_STEP_1, asBytes, decodeSyncMessage, syncStep1, syncStep2, syncUpdate } from "@/lib/protocol/sync-messages";

export type ConnectionStatus = "connecting" | "syncing" | "live" | "offline" | "failed";

export interface BoardClientEvents {
  status: (status: ConnectionStatus) => void;
  /** Number of local updates not yet confirmed as saved by the server. */
  pending: (count: number) => void;
  error: (error: ErrorPayload) => void;
  /** The document was replaced by the server's state after a refused update; re-read everything. */
  reset: (doc: Y.Doc) => void;
  /** The server accepted the join: who it takes this connection to be. */
  joined: (who: { role: Role; memberId: string | null }) => void;
  /** This person's ballots, and the results when they may see them. */
  votes: (view: VotesView) => void;
  /** The private drafts this person may see. */
  drafts: (view: DraftsView) => void;
  /** Members with real names (facilitators only). */
  roster: (view: RosterView) => void;
}

export interface VotesView {
  revealed: boolean;
  mine: Ballot[];
  results: Results | null;
  /** Facilitators: how many ballots are in. */
  ballots?: number;
}
export interface DraftsView {
  drafts: { id: string; teamId: string; memberId: string; argument: Argument }[];
}
export interface RosterView {
  members: { id: string; displayName: string; role: Role }[];
}

/** Marks changes that came from the server, so they are not echoed back. */
const REMOTE = Symbol("remote");
const RETRY_DELAY_MS = 2_000;

/**
 * The browser end of Parley's sync protocol (docs/protocol.md): one Socket.io connection to one board,
 * carrying y-protocols sync and awareness frames. Local edits are sent as they happen and counted as
 * pending until the server acknowledges that they are in the database.
 */
export class BoardClient {
  doc = new Y.Doc();
  awareness = new awarenessProtocol.Awareness(this.doc);
  status: ConnectionStatus = "connecting";
  pending = 0;
  private readonly socket: Socket;
  private readonly listeners: { [K in keyof BoardClientEvents]: Set<BoardClientEvents[K]> } = {
    status: new Set(),
    pending: new Set(),
    error: new Set(),
    reset: new Set(),
    joined: new Set(),
    votes: new Set(),
    drafts: new Set(),
    roster: new Set(),
  };
  /** Server time minus local time, from the join: the phase clock runs on the server's time. */
  clockOffsetMs = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private localState: AwarenessState | null = null;

  constructor(
    readonly boardId: string,
    private readonly options: { url?: string; memberToken?: string } = {},
  ) {
    this.socket = io(`${options.url ?? ""}${SYNC_NAMESPACE}`, { transports: ["websocket", "polling"] });
    this.socket.on("connect", () => this.join());
    this.socket.on("disconnect", () => this.onDisconnect());
    this.socket.on("connect_error", (error: Error & { data?: ErrorPayload }) => {
      this.setStatus("offline");
      // Refused by the server itself (too many connections from this network): say why, and try again
      // later, since Socket.io does not reconnect by itself after a refusal.
      if (this.socket.active || !error.data?.retry) return;
      this.emit("error", error.data);
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        this.socket.connect();
      }, RETRY_DELAY_MS);
    });
    this.socket.on(EVENTS.sync, (payload: unknown) => this.onSyncFrame(payload));
    this.socket.on(EVENTS.awareness, (payload: unknown) => {
      const bytes = asBytes(payload);
      if (bytes) awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, REMOTE);
    });
    this.socket.on(EVENTS.error, (error: ErrorPayload) => this.emit("error", error));
    this.socket.on(EVENTS.votes, (view: VotesView) => this.emit("votes", view));
    this.socket.on(EVENTS.drafts, (view: DraftsView) => this.emit("drafts", view));
    this.socket.on(EVENTS.roster, (view: RosterView) => this.emit("roster", view));
    this.bindDoc();
  }

  on<K extends keyof BoardClientEvents>(event: K, listener: BoardClientEvents[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** Publishes who this person is and what they are editing to everyone on the board. */
  setPresence(state: AwarenessState): void {
    this.localState = state;
    this.awareness.setLocalState(state);
  }

  /** Sends a command (a facilitator's control, a vote, a draft) and resolves with the server's answer. */
  command(command: Command): Promise<CommandAck> {
    if (!this.socket.connected) {
      return Promise.resolve({ ok: false, code: "storage-unavailable", message: "You are offline; try again when the connection is back.", retry: true });
    }
    return new Promise((resolve) => {
      this.socket.timeout(15_000).emit(EVENTS.command, command, (timeout: Error | null, ack: CommandAck) => {
        resolve(timeout ? { ok: false, code: "internal", message: "The server did not answer in time.", retry: true } : ack);
      });
    });
  }

  /** The server's clock now, as best this browser knows it. */
  serverNow(): number {
    return Date.now() + this.clockOffsetMs;
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], "destroy");
    this.socket.disconnect();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private bindDoc(): void {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.sendUpdate(syncUpdate(update));
    });
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === REMOTE || !this.socket.connected) return;
      const changed = [...added, ...updated, ...removed];
      this.socket.emit(EVENTS.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    });
  }

  private join(): void {
    this.setStatus("syncing");
    const request = { protocol: PROTOCOL_VERSION, boardId: this.boardId, ...(this.options.memberToken ? { memberToken: this.options.memberToken } : {}) };
    this.socket.emit(EVENTS.join, request, (ack: JoinAck) => {
      if (!ack.ok) {
        this.emit("error", ack);
        if (ack.retry) {
          // e.g. the database is briefly down: try the join again rather than give up on the board.
          this.setStatus("offline");
          this.retryTimer ??= setTimeout(() => {
            this.retryTimer = null;
            if (this.socket.connected) this.join();
          }, RETRY_DELAY_MS);
          return;
        }
        this.setStatus("failed");
        this.socket.disconnect();
        return;
      }
      this.clockOffsetMs = ack.serverTime - Date.now();
      this.emit("joined", { role: ack.role, memberId: ack.memberId });
      this.socket.emit(EVENTS.sync, syncStep1(this.doc));
      if (this.localState) this.awareness.setLocalState(this.localState);
    });
  }

  private onSyncFrame(payload: unknown): void {
    const bytes = asBytes(payload);
    const message = bytes && decodeSyncMessage(bytes);
    if (!message) return;
    if (message.type === SYNC_STEP_1) {
      // The server asks for what it lacks: answer with our diff, acknowledged once saved.
      this.sendUpdate(syncStep2(this.doc, message.stateVector));
      return;
    }
    Y.applyUpdate(this.doc, message.update, REMOTE);
    if (this.status !== "live") this.setStatus("live");
  }

  private sendUpdate(frame: Uint8Array): void {
    if (!this.socket.connected) return; // the next join resyncs by state vector
    this.setPending(this.pending + 1);
    this.socket.emit(EVENTS.sync, frame, (ack: UpdateAck) => {
      this.setPending(Math.max(0, this.pending - 1));
      if (ack.ok) return;
      this.emit("error", ack);
      if (ack.retry) this.scheduleResync();
      // A refused edit (a rule, or the role) is already in our copy: drop it by reloading the server's state.
      else if (ack.code === "update-rejected" || ack.code === "forbidden") this.resetToServer();
    });
  }

  /** After a transient failure (the database was down) run the handshake again: it resends what the server lacks. */
  private scheduleResync(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.socket.connected) this.socket.emit(EVENTS.sync, syncStep1(this.doc));
    }, RETRY_DELAY_MS);
  }

  /** Drops local state the server refused and reloads the board as the server has it. */
  private resetToServer(): void {
    const previous = this.doc;
    this.awareness.destroy();
    this.doc = new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.bindDoc();
    previous.destroy();
    if (this.localState) this.awareness.setLocalState(this.localState);
    this.setPending(0);
    this.emit("reset", this.doc);
    if (this.socket.connected) this.join();
  }

  private onDisconnect(): void {
    // A refused join is final (no such board, or an outdated page): do not promise a reconnect.
    if (this.status !== "failed") this.setStatus("offline");
    this.setPending(0); // unsaved edits stay in the doc and go out in the next handshake
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE);
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", status);
  }

  private setPending(count: number): void {
    this.pending = count;
    this.emit("pending", count);
  }

  private emit<K extends keyof BoardClientEvents>(event: K, ...args: Parameters<BoardClientEvents[K]>): void {
    for (const listener of this.listeners[event]) (listener as (...a: unknown[]) => void)(...args);
  }
}
