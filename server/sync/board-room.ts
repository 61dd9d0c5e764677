import * as Y from "yjs";
import { checkBoardUpdate } from "../../lib/board/check-update";
import { docFromParts, foldUpdates } from "../../lib/board/snapshot";
import { ParleyError, toErrorPayload, type ErrorCode, type ErrorPayload } from "../../lib/errors/errors";
import { SYNC_LIMITS } from "../../lib/protocol/protocol";
import { SYNC_STEP_1, decodeSyncMessage, syncStep1, syncStep2, syncUpdate } from "../../lib/protocol/sync-messages";
import type { ModelResult } from "../../lib/board/validate";
import { readSession } from "../../lib/session/session";
import type { BoardStore } from "../persistence/board-store";
import { closesConnection, refuseConnection, type Connection, type SyncResult } from "./connection";
import { RoomPresence } from "./room-presence";
import { RoomCompactor, type Fold } from "./room-compactor";
import { SerialQueue, describeFailure } from "./room-queue";
import { RelayCatchUp, applyCapturingNews, type RelayPosition } from "./relay-catch-up";
import { TrialCopy } from "./trial-copy";

export interface RoomOptions {
  /** Fold the update log into a snapshot after this many appends… */
  compactEvery: number;
  /** …or once the appends since the last compaction add up to this many bytes (default: no byte limit). */
  compactAfterBytes?: number;
  /** Where folding happens (a worker thread in the server); defaults to this thread. */
  fold?: Fold;
  /** Tells other server processes about an awareness frame (scale-out). */
  publish?: (kind: "awareness", boardId: string, frame: Uint8Array) => void;
  /** Tells other server processes about an update saved as log entry `seq` (scale-out). */
  publishUpdate?: (boardId: string, seq: number, update: Uint8Array) => void;
  log?: (message: string) => void;
  /** Awareness client ids one connection may introduce (PARLEY_PRESENCE_IDS_PER_CONNECTION; default 4). */
  presenceIdsPerConnection?: number;
}

/** What a step running in the room's queue may do without queuing again (which would wait for itself). */
export interface RoomStep {
  /** {@link BoardRoom.runServerChange}, inside the current step. */
  change<T>(memberId: string | null, change: (doc: Y.Doc) => ModelResult<T>): Promise<ModelResult<T>>;
}

/**
 * One board while anyone is connected to it: the authoritative Y.Doc, a trial copy that every client
 * update is checked against first, presence, and the connections. Transport-agnostic: Socket.io is
 * an adapter around it (socket-adapter.ts). Everything that reads or changes the board (sync
 * messages, server changes, relayed updates, votes, drafts, commands) runs as one step of a
 * SerialQueue, so "validate → append to the log → apply → broadcast → acknowledge" never interleaves.
 *
 * Invariant: between steps the trial copy equals the live document (trial-copy.ts): every step ends
 * by settling it, whether it succeeded, was refused or threw.
 */
export class BoardRoom {
  readonly connections = new Map<string, Connection>();
  private readonly trial: TrialCopy;
  private readonly presence: RoomPresence;
  private readonly queue: SerialQueue;
  private readonly compactor: RoomCompactor;
  /** Which log entries the document holds, so a missed relay is noticed and repaired (scale-out). */
  private readonly relay: RelayCatchUp;

  private constructor(
    readonly boardId: string,
    readonly doc: Y.Doc,
    readonly sourceText: string,
    private readonly store: BoardStore,
    private readonly options: RoomOptions,
    backlog: { updates: number; bytes: number },
    latestSeq: number,
  ) {
    this.trial = new TrialCopy(doc);
    this.presence = new RoomPresence(doc, this.connections, { boardId, publish: options.publish, maxIdsPerConnection: options.presenceIdsPerConnection ?? 4 });
    const log = options.log ?? (() => {});
    // Refusals (a closed vote, a storage failure the store already logged) are answers, not faults.
    const unexpected = (error: unknown) => !ParleyError.is(error) || error.code === "internal";
    this.queue = new SerialQueue((label, error) => unexpected(error) && log(`${boardId}: ${label} failed: ${describeFailure(error)}`));
    const policy = { afterUpdates: options.compactEvery, afterBytes: options.compactAfterBytes ?? Number.POSITIVE_INFINITY };
    this.compactor = new RoomCompactor(boardId, store, policy, options.fold ?? foldUpdates, log, backlog);
    this.relay = new RelayCatchUp(boardId, store, latestSeq, (updates) => this.applySavedElsewhere(updates), options.log);
  }

  /** Loads a board's document and source text from the store. Throws board-not-found. */
  static async load(boardId: string, store: BoardStore, options: RoomOptions): Promise<BoardRoom> {
    const board = await store.getBoard(boardId);
    if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const source = await store.getSourceDocument(board.sourceId);
    if (!source) throw new ParleyError("internal", `Board "${boardId}" has lost its source document.`);
    const state = await store.loadBoardState(boardId);
    // The log entries are the last `logLength` parts (after the snapshot, if any).
    const logBytes = state.parts.slice(state.parts.length - state.logLength).reduce((sum, part) => sum + part.byteLength, 0);
    return new BoardRoom(boardId, docFromParts(state.parts), source.text, store, options, { updates: state.logLength, bytes: logBytes }, state.latestSeq);
  }

  join(connection: Connection): void {
    this.connections.set(connection.id, connection);
    this.presence.greet(connection);
  }

  leave(connectionId: string): void {
    if (!this.connections.delete(connectionId)) return;
    this.presence.depart(connectionId);
  }

  /** Handles one sync frame from a client; resolves with the acknowledgement to send back. */
  handleSync(connection: Connection, frame: Uint8Array): Promise<SyncResult> {
    // Never rejects: an unexpected fault is answered (internal, retry) like any other refusal.
    return this.inQueue("sync", () => this.processSync(connection, frame)).catch((error: unknown) => ({ ok: false as const, ...toErrorPayload(error) }));
  }

  /**
   * Runs `work` as one step of the room's queue, ordered with every sync message and server change
   * (votes, drafts and commands use this to re-check the session inside the step). Inside, make
   * changes through `step.change`: calling runServerChange there would wait for the step itself.
   */
  exclusive<T>(label: string, work: (step: RoomStep) => Promise<T>): Promise<T> {
    return this.inQueue(label, () => work({ change: (memberId, change) => this.serverChange(memberId, change) }));
  }

  /** Handles one awareness frame from a client (room-presence.ts); a frame that cannot be read disconnects it. */
  handleAwareness(connection: Connection, frame: Uint8Array): SyncResult {
    const outcome = this.presence.receive(connection, frame, () => readSession(this.doc).settings.anonymous);
    return "violation" in outcome ? this.violation(connection, outcome.violation, outcome.message) : outcome;
  }

  /**
   * An update another server process saved as log entry `seq`: applied (after whatever the store says
   * is missing before it) and passed on to our own connections. Resolves once handled; never rejects
   * (a failure is logged by the queue and the step's wrapper rebuilds the trial copy).
   */
  applyRemoteUpdate(seq: number, update: Uint8Array): Promise<void> {
    return this.inQueue("remote update", () => this.relay.receive(seq, update)).catch(() => undefined);
  }

  /** Catches up with the store's latest seq if this copy is behind it (the periodic relay check). */
  catchUpTo(latestSeq: number): Promise<void> {
    return this.inQueue("relay catch-up", () => this.relay.catchUpTo(latestSeq)).catch(() => undefined);
  }

  /** Which log entries this room's document holds. */
  relayPosition(): RelayPosition {
    return this.relay.position();
  }

  applyRemoteAwareness(frame: Uint8Array): void {
    this.presence.applyRemote(frame);
  }

  /**
   * Folds the log into a snapshot if anything was saved since the last time, after any compaction
   * under way. Runs beside the queue (edits go on meanwhile) and never rejects: a failure is logged.
   */
  compact(): Promise<void> {
    return this.compactor.flush();
  }

  /** Waits for queued work and any compaction, then releases the documents. */
  async destroy(): Promise<void> {
    await this.queue.idle();
    await this.compactor.idle();
    this.presence.destroy();
    this.trial.destroy();
    this.doc.destroy();
  }

  /** Steps waiting or running in the room's queue (for tests and diagnostics). */
  get pendingSteps(): number {
    return this.queue.pending;
  }

  /** Logs a failure that is not the caller's to answer for (a broadcast after a stored change). */
  logFailure(what: string, error: unknown): void {
    this.options.log?.(`${this.boardId}: ${what} failed: ${describeFailure(error)}`);
  }

  /** True when the trial copy and the live document differ between steps (never, if the room is right). For tests. */
  trialDiffersFromLive(): boolean {
    return this.trial.differsFromLive();
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
    const verdict = checkBoardUpdate(this.doc, this.trial.take(), update, this.sourceText, connection.actor);
    if (!verdict.ok) {
      const { rejection } = verdict;
      if (rejection.code === "undecodable") return this.violation(connection, "malformed-message", rejection.message);
      if (rejection.code === "incomplete-update") return refuse("resync-required", rejection.message);
      if (rejection.code === "forbidden") return refuse("forbidden", rejection.message, rejection.argumentId ? { argumentId: rejection.argumentId } : undefined);
      return refuse("update-rejected", rejection.message, rejection.code === "invalid-content" ? { argumentId: rejection.argumentId, ...rejection.detail } : undefined);
    }
    if (verdict.noop) {
      // Nothing new (no unseen struct, no new deletion: check-update.ts), so the trial copy is unchanged.
      this.trial.agree();
      return { ok: true };
    }
    let seq: number;
    try {
      seq = await this.store.appendUpdate(this.boardId, update, connection.actor.memberId);
    } catch (error) {
      // Not saved, so not applied (the step's wrapper rebuilds the trial copy); the client will resend.
      return { ok: false, ...toErrorPayload(error) };
    }
    this.commit(update, connection.id, seq);
    return { ok: true };
  }

  /**
   * A change the server makes itself (a facilitator's command, revealed drafts): `change` runs on the
   * trial copy; its update is saved, then applied and sent to everyone, like a client's update.
   * Queued with the sync messages, so it never interleaves with them.
   */
  runServerChange<T>(memberId: string | null, change: (doc: Y.Doc) => ModelResult<T>): Promise<ModelResult<T>> {
    return this.inQueue("server change", () => this.serverChange(memberId, change));
  }

  /** The body of runServerChange; only ever called from inside a step. */
  private async serverChange<T>(memberId: string | null, change: (doc: Y.Doc) => ModelResult<T>): Promise<ModelResult<T>> {
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    const trial = this.trial.take();
    trial.on("update", capture);
    let result: ModelResult<T>;
    try {
      result = change(trial);
    } finally {
      trial.off("update", capture);
    }
    if (updates.length === 0) {
      this.trial.agree();
      return result;
    }
    if (!result.ok) {
      this.trial.settle(); // half a refused change must not linger for the next change in this step
      return result;
    }
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    const seq = await this.store.appendUpdate(this.boardId, update, memberId); // on failure the trial copy is rebuilt
    this.commit(update, null, seq);
    return result;
  }

  /**
   * Applies a saved update to the live document and sends it to every connection but its sender.
   * The trial copy already holds it, so the two agree again.
   */
  private commit(update: Uint8Array, senderId: string | null, seq: number): void {
    Y.applyUpdate(this.doc, update, senderId ?? "server");
    this.trial.agree();
    this.relay.noteSaved(seq);
    this.compactor.noteSaved(update.byteLength);
    // Saved and applied: a failing send must not turn this into a refusal the client would resend.
    try {
      for (const other of this.connections.values()) if (other.id !== senderId) other.sendSync(syncUpdate(update));
      this.options.publishUpdate?.(this.boardId, seq, update);
    } catch (error) {
      this.options.log?.(`${this.boardId}: passing on a saved update failed: ${describeFailure(error)}`);
    }
  }

  /** Applies updates saved by another process to both documents; our connections get only what was new. */
  private applySavedElsewhere(updates: Uint8Array[]): void {
    const trial = this.trial.take();
    const { news, failure } = applyCapturingNews(this.doc, updates, "remote");
    if (news) for (const connection of this.connections.values()) connection.sendSync(syncUpdate(news));
    if (failure) throw failure; // the step's wrapper rebuilds the trial copy from what did apply
    for (const update of updates) Y.applyUpdate(trial, update, "remote");
    this.trial.agree();
  }

  /** One step of the room's queue, leaving the trial copy equal to the live document whatever happens. */
  private inQueue<T>(label: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(label, () => this.settled(work));
  }

  private async settled<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.trial.settle();
    }
  }

  /** Reports a protocol violation and (as the error table says) disconnects the sender. The documents are untouched. */
  private violation(connection: Connection, code: ErrorCode, message: string): SyncResult {
    const refusal = refuseConnection(connection, new ParleyError(code, message));
    if (closesConnection(code)) this.leave(connection.id);
    return refusal;
  }
}

function refuse(code: ErrorCode, message: string, details?: unknown): SyncResult {
  const payload: ErrorPayload = toErrorPayload(new ParleyError(code, message, details));
  return { ok: false, ...payload };
}
