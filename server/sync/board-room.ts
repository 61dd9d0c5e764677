import * as Y from "yjs";
import { checkBoardUpdate } from "../../lib/board/check-update";
import { docFromParts, foldUpdates } from "../../lib/board/snapshot";
import { ParleyError, toErrorPayload, type ErrorCode, type ErrorPayload } from "../../lib/errors/errors";
import { SYNC_LIMITS } from "../../lib/protocol/protocol";
import { SYNC_STEP_1, decodeSyncMessage, syncStep1, syncStep2, syncUpdate } from "../../lib/protocol/sync-messages";
import type { ModelResult } from "../../lib/board/validate";
import { readSession } from "../../lib/session/session";
import type { BoardStore } from "../persistence/board-store";
import type { Connection, SyncResult } from "./connection";
import { Presence, parseAwarenessUpdate } from "./presence";

export interface RoomOptions {
  /** Fold the update log into a snapshot after this many appends. */
  compactEvery: number;
  /** Tells other server processes about an accepted update or awareness frame (scale-out). */
  publish?: (kind: "update" | "awareness", boardId: string, frame: Uint8Array) => void;
  log?: (message: string) => void;
  /** Awareness client ids one connection may introduce (PARLEY_PRESENCE_IDS_PER_CONNECTION; default 4). */
  presenceIdsPerConnection?: number;
}

/**
 * One board while anyone is connected to it: the authoritative Y.Doc, a trial copy that every client
 * update is checked against first, presence, and the connections. Transport-agnostic: Socket.io is
 * an adapter around it (socket-adapter.ts). Sync messages are handled strictly one at a time, so
 * "validate → append to the log → apply → broadcast → acknowledge" never interleaves.
 */
export class BoardRoom {
  readonly connections = new Map<string, Connection>();
  private trial: Y.Doc;
  private readonly presence: Presence;
  private queue: Promise<unknown> = Promise.resolve();
  private appendsSinceCompaction: number;

  private constructor(
    readonly boardId: string,
    readonly doc: Y.Doc,
    readonly sourceText: string,
    private readonly store: BoardStore,
    private readonly options: RoomOptions,
    logLength: number,
  ) {
    this.trial = cloneDoc(doc);
    this.presence = new Presence(doc);
    this.appendsSinceCompaction = logLength;
  }

  /** Loads a board's document and source text from the store. Throws board-not-found. */
  static async load(boardId: string, store: BoardStore, options: RoomOptions): Promise<BoardRoom> {
    const board = await store.getBoard(boardId);
    if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const source = await store.getSourceDocument(board.sourceId);
    if (!source) throw new ParleyError("internal", `Board "${boardId}" has lost its source document.`);
    const state = await store.loadBoardState(boardId);
    return new BoardRoom(boardId, docFromParts(state.parts), source.text, store, options, state.logLength);
  }

  join(connection: Connection): void {
    this.connections.set(connection.id, connection);
    const present = this.presence.snapshotFrame();
    if (present) connection.sendAwareness(present);
  }

  leave(connectionId: string): void {
    if (!this.connections.delete(connectionId)) return;
    const departure = this.presence.removeConnection(connectionId);
    if (!departure) return;
    this.broadcastAwareness(departure, connectionId);
    // Other server processes hold this person's presence too; a client that drops never says goodbye itself.
    this.options.publish?.("awareness", this.boardId, departure);
  }

  /** Handles one sync frame from a client; resolves with the acknowledgement to send back. */
  handleSync(connection: Connection, frame: Uint8Array): Promise<SyncResult> {
    const run = this.queue.then(() => this.processSync(connection, frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  handleAwareness(connection: Connection, frame: Uint8Array): SyncResult {
    if (frame.byteLength > SYNC_LIMITS.maxAwarenessMessageBytes) return this.violation(connection, "payload-too-large", "Presence message too large.");
    const entries = parseAwarenessUpdate(frame);
    if (!entries) return this.violation(connection, "malformed-message", "That presence message could not be decoded.");
    const publisher = {
      connectionId: connection.id,
      actor: connection.actor,
      anonymousBoard: readSession(this.doc).settings.anonymous,
      maxIds: this.options.presenceIdsPerConnection ?? 4,
    };
    const verdict = this.presence.admit(publisher, entries);
    if (!verdict.ok) {
      const payload = toErrorPayload(new ParleyError("forbidden", verdict.message));
      connection.sendError(payload);
      return { ok: false, ...payload };
    }
    const accepted = this.presence.apply(publisher, verdict.entries);
    if (!accepted) return { ok: true };
    this.broadcastAwareness(accepted, connection.id);
    this.options.publish?.("awareness", this.boardId, accepted);
    return { ok: true };
  }

  /** An update another server process accepted and saved: apply and pass on to our own connections. */
  applyRemoteUpdate(update: Uint8Array): void {
    this.queue = this.queue.then(() => {
      Y.applyUpdate(this.doc, update, "remote");
      Y.applyUpdate(this.trial, update, "remote");
      for (const connection of this.connections.values()) connection.sendSync(syncUpdate(update));
    });
  }

  applyRemoteAwareness(frame: Uint8Array): void {
    const entries = parseAwarenessUpdate(frame);
    if (entries) this.presence.applyRemote(frame, entries);
    this.broadcastAwareness(frame, null);
  }

  /** Folds the log into a snapshot if anything was appended since the last time. */
  compact(): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.appendsSinceCompaction === 0) return;
      const result = await this.store.compact(this.boardId, foldUpdates);
      this.appendsSinceCompaction = 0;
      if (result) this.options.log?.(`compacted ${this.boardId}: ${result.foldedUpdates} updates → ${result.snapshotBytes} bytes`);
    });
    this.queue = run.catch((error) => this.options.log?.(`compaction of ${this.boardId} failed: ${(error as Error).message}`));
    return this.queue as Promise<void>;
  }

  /** Waits for queued work, then releases the documents. */
  async destroy(): Promise<void> {
    await this.queue;
    this.presence.destroy();
    this.trial.destroy();
    this.doc.destroy();
  }

  private async processSync(connection: Connection, frame: Uint8Array): Promise<SyncResult> {
    if (!this.connections.has(connection.id)) return { ok: false, ...toErrorPayload(new ParleyError("not-joined", "Join the board first.")) };
    if (frame.byteLength > SYNC_LIMITS.maxSyncMessageBytes) {
      return this.violation(connection, "payload-too-large", `Sync messages are limited to ${SYNC_LIMITS.maxSyncMessageBytes} bytes.`);
    }
    const message = decodeSyncMessage(frame);
    if (!message) return this.violation(connection, "malformed-message", "That sync message could not be decoded.");
    if (message.type === SYNC_STEP_1) {
      connection.sendSync(syncStep2(this.doc, message.stateVector));
      connection.sendSync(syncStep1(this.doc)); // ask for whatever the client has that we lack
      return { ok: true };
    }
    return this.acceptUpdate(connection, message.update);
  }

  private async acceptUpdate(connection: Connection, update: Uint8Array): Promise<SyncResult> {
    const verdict = checkBoardUpdate(this.doc, this.trial, update, this.sourceText, connection.actor);
    if (!verdict.ok) {
      this.trial = cloneDoc(this.doc);
      const { rejection } = verdict;
      if (rejection.code === "undecodable") return this.violation(connection, "malformed-message", rejection.message);
      if (rejection.code === "incomplete-update") return refuse("resync-required", rejection.message);
      if (rejection.code === "forbidden") return refuse("forbidden", rejection.message);
      return refuse("update-rejected", rejection.message, rejection.code === "invalid-content" ? { argumentId: rejection.argumentId, ...rejection.detail } : undefined);
    }
    if (verdict.noop) return { ok: true };
    try {
      await this.store.appendUpdate(this.boardId, update, connection.actor.memberId);
    } catch (error) {
      this.trial = cloneDoc(this.doc); // not saved, so not applied: the client will resend
      return { ok: false, ...toErrorPayload(error) };
    }
    this.commit(update, connection.id);
    return { ok: true };
  }

  /**
   * A change the server makes itself (a facilitator's command, revealed drafts): `change` runs on the
   * trial copy; its update is saved, then applied and sent to everyone, like a client's update.
   * Queued with the sync messages, so it never interleaves with them.
   */
  runServerChange<T>(memberId: string | null, change: (doc: Y.Doc) => ModelResult<T>): Promise<ModelResult<T>> {
    const run = this.queue.then(async (): Promise<ModelResult<T>> => {
      const updates: Uint8Array[] = [];
      const capture = (update: Uint8Array) => updates.push(update);
      this.trial.on("update", capture);
      let result: ModelResult<T>;
      try {
        result = change(this.trial);
      } finally {
        this.trial.off("update", capture);
      }
      if (!result.ok || updates.length === 0) {
        if (updates.length) this.trial = cloneDoc(this.doc);
        return result;
      }
      const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
      try {
        await this.store.appendUpdate(this.boardId, update, memberId);
      } catch (error) {
        this.trial = cloneDoc(this.doc);
        throw error;
      }
      this.commit(update, null);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Applies a saved update to the live document and sends it to every connection but its sender. */
  private commit(update: Uint8Array, senderId: string | null): void {
    Y.applyUpdate(this.doc, update, senderId ?? "server");
    for (const other of this.connections.values()) if (other.id !== senderId) other.sendSync(syncUpdate(update));
    this.options.publish?.("update", this.boardId, update);
    if (++this.appendsSinceCompaction >= this.options.compactEvery) void this.compact();
  }

  /** Reports a protocol violation, then disconnects the sender. The documents are untouched. */
  private violation(connection: Connection, code: ErrorCode, message: string): SyncResult {
    const payload = toErrorPayload(new ParleyError(code, message));
    connection.sendError(payload);
    connection.close();
    this.leave(connection.id);
    return { ok: false, ...payload };
  }

  private broadcastAwareness(frame: Uint8Array, exceptId: string | null): void {
    for (const connection of this.connections.values()) if (connection.id !== exceptId) connection.sendAwareness(frame);
  }
}

function refuse(code: ErrorCode, message: string, details?: unknown): SyncResult {
  const payload: ErrorPayload = toErrorPayload(new ParleyError(code, message, details));
  return { ok: false, ...payload };
}

function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
