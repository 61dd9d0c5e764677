"use client";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Command } from "@/lib/session/commands";
import type { ErrorPayload } from "@/lib/errors/errors";
import { Backoff, RECONNECT_BACKOFF, RESEND_BACKOFF } from "@/lib/protocol/backoff";
import { toBase64 } from "lib0/buffer";
import { EVENTS, PROTOCOL_VERSION, type AwarenessState, type CommandAck, type HandshakeJoin, type JoinAck, type JoinRequest, type PersonalDraftsView, type UpdateAck } from "@/lib/protocol/protocol";
import { SYNC_STEP_1, SYNC_STEP_2, asBytes, decodeSyncMessage, encodeSyncMessage, isEmptyStateVector, isEmptyUpdate, syncUpdate } from "@/lib/protocol/sync-messages";
import { captureArgumentEdits, replayArgumentEdits, type ArgumentEdit } from "./argument-edits";
import { PendingChanges, isRetryable, type PendingChange } from "./pending-changes";
import { undoDirectionOf } from "./undo-origin";
import { lostEditNotice, refusalNotice, watchOnlyNotice } from "./refusal-notice";
import type { SavedWork } from "./saved-work";
import type { BoardClientEvents, BoardClientOptions, DraftsView, RosterView, VotesView } from "./client-types";
import { Emitter } from "./emitter";
import { openSyncSocket, type SyncSocket } from "./sync-socket";
import type { ConnectionStatus } from "./sync-status";

export type { ConnectionStatus } from "./sync-status";

export type { BoardClientEvents, BoardClientOptions, DraftsView, RosterView, VotesView } from "./client-types";
export type { SyncSocket } from "./sync-socket";

/** Marks changes that came from the server, so they are not echoed back. */
const REMOTE = Symbol("remote");
/** Marks unsaved changes put back from the local copy: already tracked, not new edits. */
const RESTORED = Symbol("restored");

/**
 * The browser end of Parley's sync protocol (docs/protocol.md, "Client behaviour"): one Socket.io
 * connection to one board. It sends nothing but `join` until a join succeeds; every local change is
 * tracked until an ack `{ ok: true }` says it is stored, resent with backoff after a retryable failure,
 * and replayed on the server's state after a refusal of another change; and it reconnects with
 * backoff and jitter after any disconnect, including one the server started. With a local copy
 * (`options.localCopy`) the document and the unsaved changes survive a reload: it joins only once the
 * copy is loaded, and the restored changes count as pending until the server acknowledges them.
 */
export class BoardClient {
  doc = new Y.Doc();
  awareness = new awarenessProtocol.Awareness(this.doc);
  status: ConnectionStatus = "connecting";
  /** Server time minus local time, from the join: the phase clock runs on the server's time. */
  clockOffsetMs = 0;
  private readonly socket: SyncSocket;
  private readonly changes = new PendingChanges();
  private readonly events = new Emitter<BoardClientEvents>();
  /** The server accepted our join on the current connection: only then may sync and awareness go out. */
  private joined = false;
  private readonly reconnect: Backoff;
  private readonly resend: Backoff;
  /** Intents to replay once a fresh document has the server's state (after a refusal). */
  private replay: ArgumentEdit[][] | null = null;
  private readonly captured = new WeakMap<Y.Transaction, ArgumentEdit[]>();
  private joinRefusalShown = false;
  private reported = { pending: 0, retrying: false };
  /** The server closes this connection to tell us to join again at once (a new role or name). */
  private rejoinOnClose = false;
  private localState: AwarenessState | null = null;
  /** The local copy is still loading: no join until its unsaved changes are back in the list. */
  private restoring: boolean;
  private destroyed = false;
  /** Which unsaved work the local copy holds (change seqs and replay size), to write only on change. */
  private savedKey = "";
  /** Settles once the local copy (if any) has been loaded. */
  readonly ready: Promise<void>;
  /** The "update" listener of the current document (see applyRemote). */
  private sendLocalUpdate: (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void = () => {};
  /** The document whose "update" listener is off while a server update is applied into it. */
  private quietDoc: Y.Doc | null = null;
  /** The handshake now being made carries our join: on connect the answer comes as a `joined` event. */
  private joinInHandshake = false;
  /**
   * Our last join told the server we held nothing (an empty state vector): everything the document has
   * since came from the server or is in `changes`, which go out on their own. The server's Step 1 that
   * follows the join then asks for nothing we could send, so it is not answered (no encoding of the whole board per join, and
   * on a board with deletions no Step 2 of its whole delete set sent back to the server to check).
   */
  private joinedHoldingNothing = false;

  constructor(
    readonly boardId: string,
    private readonly options: BoardClientOptions = {},
  ) {
    this.reconnect = new Backoff(RECONNECT_BACKOFF, options.random);
    this.resend = new Backoff(RESEND_BACKOFF, options.random);
    this.socket = options.socket ?? openSyncSocket(options.url);
    // Asked at every connect: the join rides in the handshake, saving a round trip (docs/protocol.md).
    this.socket.auth = (reply) => reply(this.handshakeJoin());
    this.socket.on("connect", () => this.onConnect());
    this.socket.on(EVENTS.joined, (ack: JoinAck) => this.onJoinAck(ack));
    this.socket.on("disconnect", (reason: string) => this.onDisconnect(reason));
    this.socket.on("connect_error", (error: Error & { data?: ErrorPayload }) => this.onConnectError(error));
    this.socket.on(EVENTS.sync, (payload: unknown) => this.onSyncFrame(payload));
    this.socket.on(EVENTS.awareness, (payload: unknown) => {
      const bytes = asBytes(payload);
      // The server sends who is here just before it answers the join: take it whenever it comes.
      if (bytes) awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, REMOTE);
    });
    this.socket.on(EVENTS.error, (error: ErrorPayload) => {
      // A facilitator changed this member (role, name) or the board: the server is about to close the
      // connection, and the next join learns where this person stands now.
      if ((error.details as { rejoin?: unknown } | undefined)?.rejoin === true) this.rejoinOnClose = true;
      this.emit("error", error);
    });
    this.socket.on(EVENTS.votes, (view: VotesView) => this.emit("votes", view));
    this.socket.on(EVENTS.drafts, (view: DraftsView) => this.emit("drafts", view));
    this.socket.on(EVENTS.roster, (view: RosterView) => this.emit("roster", view));
    this.socket.on(EVENTS.personalDrafts, (view: PersonalDraftsView) => this.emit("personalDrafts", view));
    this.bindDoc();
    const copy = options.localCopy;
    this.restoring = Boolean(copy);
    this.ready = copy ? copy.open(this.doc).then((work) => this.restore(work)) : Promise.resolve();
    if (this.socket.connected) this.join();
  }

  /** Local changes not yet confirmed as stored. */
  get pending(): number {
    return this.changes.count;
  }

  /** Whether some unsaved changes came back with a retryable failure and are being resent. */
  get retrying(): boolean {
    return this.changes.retrying;
  }

  on<K extends keyof BoardClientEvents>(event: K, listener: BoardClientEvents[K]): () => void {
    return this.events.on(event, listener);
  }

  /** Publishes who this person is and what they are editing to everyone on the board (once joined). */
  setPresence(state: AwarenessState): void {
    this.localState = state;
    this.awareness.setLocalState(state);
  }

  /** Sends a command (a facilitator's control, a vote, a draft) and resolves with the server's answer. */
  command(command: Command): Promise<CommandAck> {
    if (!this.joined) {
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
    this.destroyed = true; // a copy that finishes loading after this must not join
    this.options.localCopy?.destroy();
    this.reconnect.cancel();
    this.resend.cancel();
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], "destroy");
    this.socket.disconnect();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private bindDoc(): void {
    const doc = this.doc;
    const awareness = this.awareness;
    // Edits are read after the transaction but before garbage collection, while deleted records still hold their text.
    const sendLocalUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (!this.isLocal(origin) || doc !== this.doc) return;
      this.send(this.changes.add(syncUpdate(update), this.captured.get(transaction) ?? [], "change", undoDirectionOf(origin)));
    };
    doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (!this.isLocal(transaction.origin)) return;
      if (transaction.changed.size > 0) this.captured.set(transaction, captureArgumentEdits(doc, transaction));
      // A change made here while the server's update is applied (an observer reacting to it) is sent like
      // any other: Yjs emits "update" after "afterTransaction", so the listener is back in time for it.
      if (this.quietDoc === doc) {
        this.quietDoc = null;
        doc.on("update", sendLocalUpdate);
      }
    });
    doc.on("update", sendLocalUpdate);
    this.sendLocalUpdate = sendLocalUpdate;
    awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      // Also the periodic renewal: before a join it would be refused with not-joined and a disconnect.
      if (origin === REMOTE || !this.joined || awareness !== this.awareness) return;
      const changed = [...added, ...updated, ...removed];
      this.socket.emit(EVENTS.awareness, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
    });
  }

  /** A change this person made here: not the server's, and not the local copy loading itself. */
  private isLocal(origin: unknown): boolean {
    return origin !== REMOTE && origin !== RESTORED && !this.options.localCopy?.isOwnOrigin(origin);
  }

  /**
   * The local copy is loaded (its document is already in `this.doc`): put its unsaved changes back in
   * the pending list, in order, so they count and go out after the join — then join.
   */
  private restore(work: SavedWork): void {
    if (this.destroyed) return;
    for (const { frame, edits } of work.changes) {
      const message = decodeSyncMessage(frame);
      if (!message || message.type === SYNC_STEP_1) continue;
      // Normally already in the stored document; applied again in case its last write did not land.
      Y.applyUpdate(this.doc, message.update, RESTORED);
      this.changes.add(frame, edits);
    }
    const replay = work.replay.filter((edits) => edits.length > 0);
    if (replay.length > 0) this.replay = [...replay, ...(this.replay ?? [])];
    this.restoring = false;
    this.reportSaveState();
    this.join();
  }

  /**
   * What the next handshake carries: our join and, standing for the Step 1 behind it, our state vector.
   * Nothing while the local copy is loading (its changes must be in first): we then join once it is in.
   */
  private handshakeJoin(): HandshakeJoin | Record<string, never> {
    this.joinInHandshake = !this.restoring && !this.destroyed;
    if (!this.joinInHandshake) return {};
    const stateVector = Y.encodeStateVector(this.doc);
    this.joinedHoldingNothing = isEmptyStateVector(stateVector);
    return { ...this.joinRequest(), stateVector: toBase64(stateVector) };
  }

  private onConnect(): void {
    const carried = this.joinInHandshake;
    this.joinInHandshake = false;
    if (!carried) return this.join();
    // The server is deciding the join from the handshake; its answer arrives as a `joined` event.
    if (!this.joinRefusalShown) this.setStatus("syncing");
  }

  private joinRequest(): JoinRequest {
    return { protocol: PROTOCOL_VERSION, boardId: this.boardId, ...(this.options.memberToken ? { memberToken: this.options.memberToken } : {}) };
  }

  private join(): void {
    if (!this.socket.connected || this.restoring) return;
    // While joins are being refused (the server waits for its database) the line keeps saying offline.
    if (!this.joinRefusalShown) this.setStatus("syncing");
    this.socket.emit(EVENTS.join, this.joinRequest(), (ack: JoinAck) => this.onJoinAck(ack));
    // Step 1 goes right behind the join: the server holds it until the join is decided and answers it
    // after the join's ack, so the board arrives one round trip sooner (refused with the join, it is answered not-joined).
    const stateVector = Y.encodeStateVector(this.doc);
    this.joinedHoldingNothing = isEmptyStateVector(stateVector);
    this.socket.emit(EVENTS.sync, encodeSyncMessage({ type: SYNC_STEP_1, stateVector }));
  }

  private onJoinAck(ack: JoinAck): void {
    if (!this.socket.connected) return;
    if (!ack.ok) {
      if (isRetryable(ack)) {
        // e.g. the server is still waiting for its database: keep trying, and say so once, not every time.
        if (!this.joinRefusalShown) this.emit("error", ack);
        this.joinRefusalShown = true;
        this.setStatus("offline");
        this.reconnect.schedule(() => this.join());
        return;
      }
      // No such board, or an outdated page: final. Do not promise a reconnect.
      this.emit("error", ack);
      this.setStatus("failed");
      this.socket.disconnect();
      return;
    }
    const held = this.changes.count + (this.replay?.length ?? 0);
    if (ack.role === "observer" && held > 0) {
      // Work from before (another role, restored from the local copy) that an observer may not send:
      // drop it all at once and say so, rather than have the server refuse it change by change.
      this.changes.takeAll();
      this.replay = null;
      this.emit("error", watchOnlyNotice(held));
      this.startOver();
      return;
    }
    this.joined = true;
    this.joinRefusalShown = false;
    this.reconnect.succeeded();
    this.clockOffsetMs = ack.serverTime - Date.now();
    this.emit("joined", { role: ack.role, memberId: ack.memberId });
    // What was made offline (or lost in flight with the last connection), in the order it was made.
    for (const change of this.changes.unsent()) this.send(change);
    if (this.localState) this.awareness.setLocalState(this.localState);
  }

  private onSyncFrame(payload: unknown): void {
    const bytes = asBytes(payload);
    const message = bytes && decodeSyncMessage(bytes);
    if (!message) return;
    if (message.type === SYNC_STEP_1) {
      if (!this.joined) return; // nothing goes out before a join; the next handshake covers it
      if (this.joinedHoldingNothing) {
        // Only the join's own Step 1: one that answers a later resync must be answered, as what the
        // server asks for then may be changes of ours it never stored.
        this.joinedHoldingNothing = false;
        return;
      }
      // The server asks for what it lacks: answer with our diff, tracked like any change until stored.
      // A diff carrying nothing (a fresh document) would only be stored as nothing: it does not go out.
      const answer = Y.encodeStateAsUpdate(this.doc, message.stateVector);
      if (!isEmptyUpdate(answer)) this.send(this.changes.add(encodeSyncMessage({ type: SYNC_STEP_2, update: answer }), [], "handshake"));
      return;
    }
    // The server answers a Step 1 only after the join's ack: a Step 2 before it answers a Step 1 of a
    // document since replaced (startOver), and would fill the new one with part of the board.
    if (message.type === SYNC_STEP_2 && !this.joined) return;
    this.applyRemote(message.update);
    if (message.type !== SYNC_STEP_2) return;
    this.setStatus("live");
    if (this.replay) this.replayEdits(this.replay);
  }

  /**
   * Applies an update from the server. With an "update" listener on the document, Yjs encodes every
   * transaction again to emit it, and ours ignores the server's own: it is off meanwhile, which saves
   * about a third of applying the first Step 2 (a whole board). See bindDoc for a change made during it.
   */
  private applyRemote(update: Uint8Array): void {
    const doc = this.doc;
    doc.off("update", this.sendLocalUpdate);
    this.quietDoc = doc;
    try {
      Y.applyUpdate(doc, update, REMOTE);
    } finally {
      if (this.quietDoc === doc) doc.on("update", this.sendLocalUpdate);
      this.quietDoc = null;
    }
  }

  private send(change: PendingChange): void {
    if (this.joined) {
      const token = this.changes.markSent(change);
      this.socket.emit(EVENTS.sync, change.frame, (ack: UpdateAck) => this.onAck(change.seq, token, ack));
    }
    this.reportSaveState();
  }

  private onAck(seq: number, token: number, ack: UpdateAck): void {
    const outcome = this.changes.acknowledge(seq, token, ack);
    if (outcome.kind === "saved" && !this.changes.retrying) this.resend.succeeded();
    if (outcome.kind === "retry") {
      if (outcome.firstFailure) this.emit("error", outcome.error);
      this.resend.schedule(() => this.resendAll());
    }
    if (outcome.kind === "refused") this.onRefused(outcome.change, outcome.error);
    this.reportSaveState();
  }

  /** After a retryable failure: everything unsaved, in order (a later change may build on a failed one). */
  private resendAll(): void {
    for (const change of this.changes.list()) this.send(change);
  }

  /**
   * One change was refused for good. Its Yjs update is in our document and every later local update
   * builds on it, so: keep the other unsaved changes as intents, reload the board as the server has it
   * in a fresh document, and replay those intents there once it has arrived.
   */
  private onRefused(change: PendingChange, error: ErrorPayload): void {
    const kept = this.changes
      .takeAll()
      .map((other) => other.edits)
      .filter((edits) => edits.length > 0);
    this.emit("error", refusalNotice(change, error, kept.length));
    this.resend.cancel();
    this.replay = [...(this.replay ?? []), ...kept];
    this.startOver();
  }

  /**
   * Replaces the document with a fresh one (a new Yjs client id) and joins again on the same
   * connection; the server's Step 2 then fills it. The local copy forgets the old document too, so a
   * refused change never comes back from it on a reload; it keeps only the intents still to replay.
   */
  private startOver(): void {
    const previous = this.doc;
    // The old document's presence leaves with it; the same person comes back under the new client id.
    awarenessProtocol.removeAwarenessStates(this.awareness, [previous.clientID], "reset");
    this.awareness.destroy();
    this.doc = new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.bindDoc();
    previous.destroy();
    const work: SavedWork = { changes: [], replay: this.replay ?? [] };
    this.options.localCopy?.restart(this.doc, work);
    this.savedKey = this.workKey(work.replay);
    if (this.localState) this.awareness.setLocalState(this.localState);
    this.emit("reset", this.doc);
    this.join(); // the same connection: the server answers a repeated join like the first
  }

  private replayEdits(batches: ArgumentEdit[][]): void {
    this.replay = null;
    // One transaction per original change, so a later refusal again names just one change.
    const lost = batches.flatMap((edits) => replayArgumentEdits(this.doc, edits));
    for (const edit of lost) this.emit("error", lostEditNotice(edit));
    this.reportSaveState(); // the local copy no longer holds the intents, only the changes they made
  }

  private onDisconnect(reason: string): void {
    this.joined = false;
    this.resend.cancel();
    this.reconnect.cancel();
    this.changes.connectionLost();
    // A refused join is final (no such board, or an outdated page): do not promise a reconnect.
    if (this.status !== "failed") this.setStatus("offline");
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE);
    // Socket.io reconnects by itself after a lost network, but never after the server hung up.
    if (reason === "io server disconnect") {
      if (this.rejoinOnClose) {
        this.rejoinOnClose = false;
        this.socket.connect(); // a facilitator changed this member: learn the new role or name now
      } else this.reconnect.schedule(() => this.socket.connect());
    }
    this.reportSaveState();
  }

  private onConnectError(error: Error & { data?: ErrorPayload }): void {
    if (this.status !== "failed") this.setStatus("offline");
    // Refused by the server itself (too many connections from this network): say why; the backoff
    // below tries again, since Socket.io does not reconnect by itself after a refusal.
    if (!this.socket.active && error.data) this.emit("error", error.data);
    if (!this.socket.active) this.reconnect.schedule(() => this.socket.connect());
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", status);
  }

  /** Tells listeners about the unsaved count and the retrying flag, when either changed. */
  private reportSaveState(): void {
    this.saveWork();
    const { count, retrying } = this.changes;
    if (count !== this.reported.pending) this.emit("pending", count);
    if (retrying !== this.reported.retrying) this.emit("retrying", retrying);
    this.reported = { pending: count, retrying };
  }

  /** Writes the unsaved changes (not handshake replies: each join makes a fresh one) to the local copy. */
  private saveWork(): void {
    const copy = this.options.localCopy;
    if (!copy || this.restoring || this.destroyed) return;
    const changes = this.changes.list().filter((change) => change.kind === "change");
    const replay = this.replay ?? [];
    const key = this.workKey(replay, changes);
    if (key === this.savedKey) return;
    this.savedKey = key;
    copy.saveWork({ changes: changes.map(({ frame, edits }) => ({ frame, edits })), replay });
  }

  private workKey(replay: readonly unknown[], changes: readonly PendingChange[] = []): string {
    return `${changes.map((change) => change.seq).join(",")}|${replay.length}`;
  }

  private emit<K extends keyof BoardClientEvents>(event: K, ...args: Parameters<BoardClientEvents[K]>): void {
    this.events.emit(event, ...args);
  }
}
