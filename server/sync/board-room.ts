import * as Y from "yjs";
import { checkBoardUpdate } from "../../lib/board/check-update";
import { carriesNothingNew } from "../../lib/board/update-news";
import { foldUpdates } from "../../lib/board/snapshot";
import { ParleyError, toErrorPayload, type ErrorCode, type ErrorPayload } from "../../lib/errors/errors";
import { SYNC_LIMITS } from "../../lib/protocol/protocol";
import { SYNC_STEP_1, SYNC_STEP_2, decodeSyncMessage, encodeSyncMessage, isFreshStep1, syncUpdate } from "../../lib/protocol/sync-messages";
import { readMeta } from "../../lib/board/doc";
import type { ModelResult } from "../../lib/board/validate";
import { readProtectedParts } from "../../lib/board/protected-reads";
import type { BoardStore } from "../persistence/board-store";
import { closesConnection, refuseConnection, type Connection, type SyncResult } from "./connection";
import { RoomPresence } from "./room-presence";
import { RoomCompactor, type Backlog, type Fold } from "./room-compactor";
import { SerialQueue, describeFailure } from "./room-queue";
import { RelayCatchUp, applyCapturingNews, type RelayPosition } from "./relay-catch-up";
import { TrialCopy } from "./trial-copy";
import { HandshakeCache } from "./handshake-cache";
import { CommitBatch, type BatchEntry } from "./commit-batch";
import { broadcastBatch, sendToEach, type SendAwarenessToMany, type SendSyncToMany } from "./fan-out";

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
  /** Sends one sync frame to many connections at once (Socket.io: one broadcast); default: to each in turn. */
  sendSyncToMany?: SendSyncToMany;
  /** Sends one awareness frame to many connections at once (Socket.io: one broadcast); default: to each in turn. */
  sendAwarenessToMany?: SendAwarenessToMany;
  /** How long the trial copy outlives the last change tried on it (default 10 s). */
  trialIdleMs?: number;
  /**
   * How long building a cold board's document waits for the Step 2 frames already answered from its
   * stored bytes to leave the process (default 500 ms: a 6 MB frame leaves in tens of ms on a fast
   * link; everyone else's messages wait for the build meanwhile, so the wait is bounded).
   */
  earlyFlushMs?: number;
  /**
   * The least time between the starts of two group commits (ms; default 0: a commit goes as soon as the
   * messages already queued are in). An update arriving sooner after the last commit waits out the rest
   * of the window with whatever else arrives, and they go as one insert and one broadcast: into a busy
   * big room that spares every connection a frame per update that joins. An update into a quiet room
   * never waits.
   */
  coalesceMs?: number;
}

/** What a sync step hands back: the acknowledgement, which for an accepted update waits for its group commit. */
interface SyncAnswer {
  ack: SyncResult | Promise<SyncResult>;
}

/** Stores a server change's update (and whatever must commit with it); resolves with its log seq. */
export type SaveUpdate = (update: Uint8Array) => Promise<number>;

/** What a step running in the room's queue may do without queuing again (which would wait for itself). */
export interface RoomStep {
  /**
   * {@link BoardRoom.runServerChange}, inside the current step. `save` stores the change's update in place
   * of a plain append (resolving with its seq), to commit it with other rows in one transaction.
   */
  change<T>(memberId: string | null, change: (doc: Y.Doc) => ModelResult<T>, save?: SaveUpdate): Promise<ModelResult<T>>;
}

/**
 * One board while anyone is connected to it: the authoritative Y.Doc, a trial copy that every client
 * update is checked against first (built on demand), presence, and the connections. Transport-agnostic:
 * Socket.io is an adapter around it (socket-adapter.ts). Everything that reads or changes the board
 * (sync messages, server changes, relayed updates, votes, drafts, commands) runs as one step of a
 * SerialQueue, so no two of them interleave.
 *
 * Client updates are committed in groups: each is validated in arrival order against the live document
 * plus the updates accepted before it, and joins the pending batch; one "commit" step then stores the
 * whole batch in one insert, applies it, broadcasts it as one frame and acknowledges every update in
 * it. Updates arriving while a commit waits on the database queue up behind it and form the next
 * batch. A failed commit refuses every update in its batch, and none of it reaches the live document
 * or anyone else. Every other step commits the pending batch first, so it sees the board as stored.
 *
 * Invariant: between steps the trial copy (when built) equals the live document plus the pending
 * batch (trial-copy.ts): every step ends by settling it, whether it succeeded, was refused or threw.
 */
export class BoardRoom {
  readonly connections = new Map<string, Connection>();
  /**
   * Resolves once the document is built from the stored bytes: the room's first step, so every other
   * step (sync messages, commands, relayed updates) runs on the whole board. Rejects if the stored
   * bytes do not apply; the room then refuses everything and closes its connections.
   */
  readonly built: Promise<void>;
  private readonly liveDoc = new Y.Doc();
  private builtYet = false;
  private buildFailure: ParleyError | null = null;
  /**
   * Until the document is built: the stored board when it is one part (a snapshot, or a new board's
   * first entry), which is the whole board as a fresh joiner's Step 2 (answerFromStoredBytes).
   */
  private storedWhole: Uint8Array | null;
  /** Connections answered from the stored bytes before the build, whose frames the build lets leave first. */
  private readonly answeredEarly: Connection[] = [];
  /** How many fresh joiners were answered from the stored bytes before the document was built (diagnostics). */
  earlyAnswers = 0;
  private readonly trial: TrialCopy;
  /** The answers to a joining client's Step 1, encoded once per change of the board rather than per join. */
  private readonly handshake: HandshakeCache;
  private readonly batch = new CommitBatch();
  /** A commit step is queued (or waiting out the coalescing window) and has not started yet. */
  private commitQueued = false;
  /** The coalescing window under way, if any: when it ends, the commit step is queued. */
  private coalescing: ReturnType<typeof setTimeout> | null = null;
  /** When the last group commit started (performance.now()), for the coalescing window. */
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private readonly sendSyncToMany: SendSyncToMany;
  private readonly presence: RoomPresence;
  private readonly queue: SerialQueue;
  private readonly compactor: RoomCompactor;
  /** Which log entries the document holds, so a missed relay is noticed and repaired (scale-out). */
  private readonly relay: RelayCatchUp;

  private constructor(
    readonly boardId: string,
    parts: Uint8Array[],
    private source: { text: string; sha256: string },
    private readonly store: BoardStore,
    private readonly options: RoomOptions,
    backlog: Backlog,
    latestSeq: number,
  ) {
    const doc = this.liveDoc;
    this.trial = new TrialCopy(doc, () => this.batch.updates(), options.trialIdleMs ?? 10_000);
    this.handshake = new HandshakeCache(doc);
    this.sendSyncToMany = options.sendSyncToMany ?? sendToEach;
    this.presence = new RoomPresence(doc, this.connections, {
      boardId,
      publish: options.publish,
      maxIdsPerConnection: options.presenceIdsPerConnection ?? 4,
      sendToMany: options.sendAwarenessToMany,
    });
    const log = options.log ?? (() => {});
    // Refusals (a closed vote, a storage failure the store already logged) are answers, not faults.
    const unexpected = (error: unknown) => !ParleyError.is(error) || error.code === "internal";
    this.queue = new SerialQueue((label, error) => unexpected(error) && log(`${boardId}: ${label} failed: ${describeFailure(error)}`));
    const policy = { afterUpdates: options.compactEvery, afterBytes: options.compactAfterBytes ?? Number.POSITIVE_INFINITY };
    this.compactor = new RoomCompactor(boardId, store, policy, options.fold ?? foldUpdates, log, backlog);
    this.relay = new RelayCatchUp(boardId, store, latestSeq, (updates) => this.applySavedElsewhere(updates), options.log);
    this.storedWhole = parts.length === 1 ? parts[0] : null;
    this.built = this.queue.run("build", () => this.build(parts));
    this.built.catch(() => undefined); // answered by every step (settled) and by whoever awaits it
  }

  /** Loads a board's document and source text from the store, and builds its document. Throws board-not-found. */
  static async load(boardId: string, store: BoardStore, options: RoomOptions): Promise<BoardRoom> {
    const room = await BoardRoom.open(boardId, store, options);
    await room.built;
    return room;
  }

  /**
   * Reads a board from the store and returns its room at once, its document still to be built (see
   * `built`): a fresh joiner is answered from the stored bytes meanwhile. Throws board-not-found.
   * Only for the sync adapter: everything else wants a built room (`load`, RoomManager.acquire).
   */
  static async open(boardId: string, store: BoardStore, options: RoomOptions): Promise<BoardRoom> {
    // The document is read while the board's row and its source are (one wait for the largest read, not three in a row).
    const loading = store.loadBoardState(boardId);
    loading.catch(() => undefined); // answered below, unless the board turns out not to exist
    const board = await store.getBoard(boardId);
    if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const [source, state] = await Promise.all([store.getSourceDocument(board.sourceId), loading]);
    if (!source) throw new ParleyError("internal", `Board "${boardId}" has lost its source document.`);
    // The log entries are the last `logLength` parts (after the snapshot, if any).
    const logBytes = state.parts.slice(state.parts.length - state.logLength).reduce((sum, part) => sum + part.byteLength, 0);
    const backlog = { updates: state.logLength, bytes: logBytes, snapshot: state.parts.length > state.logLength };
    return new BoardRoom(boardId, state.parts, { text: source.text, sha256: source.sha256 }, store, options, backlog, state.latestSeq);
  }

  /** Whether the document is built (see `built`). */
  get isBuilt(): boolean {
    return this.builtYet;
  }

  /** The board's live document. Only once built (every step, and every room RoomManager.acquire hands out, is). */
  get doc(): Y.Doc {
    if (!this.builtYet) throw new ParleyError("internal", `Board "${this.boardId}" is still being loaded.`);
    return this.liveDoc;
  }

  /**
   * The room's first step. It first lets the loop turn, so a join decided while the bytes were read
   * answers its fresh joiner from them, and lets those Step 2 frames leave the process: the apply
   * holds the event loop (~300 ms for 10,000 arguments), and a frame still being written would wait
   * for it. The joiner applies its copy while the server builds its own.
   */
  private async build(parts: Uint8Array[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    // Joiners answered while waiting are waited for too, within one bound for them all.
    const deadline = Date.now() + (this.options.earlyFlushMs ?? 500);
    while (this.answeredEarly.length > 0 && Date.now() < deadline) await flushedWithin(this.answeredEarly.splice(0), deadline - Date.now());
    this.answeredEarly.length = 0;
    try {
      this.liveDoc.transact(() => {
        for (const part of parts) Y.applyUpdate(this.liveDoc, part);
      });
    } catch (error) {
      this.refuseAll(error);
      throw this.buildFailure;
    }
    this.builtYet = true;
    // The stored board as one part is the whole document: the first fresh joiner from now on gets it
    // as is rather than an encoding of the document just built from it (handshake-cache.ts).
    if (this.storedWhole) this.handshake.seedWholeUpdate(this.storedWhole);
    this.storedWhole = null;
  }

  /** The stored bytes did not build a document: nothing can be served, so every connection is told and closed. */
  private refuseAll(cause: unknown): void {
    this.buildFailure = new ParleyError("internal", `Board "${this.boardId}" could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.storedWhole = null;
    const payload = toErrorPayload(this.buildFailure);
    for (const connection of this.connections.values()) {
      connection.sendError(payload);
      connection.close();
    }
    this.connections.clear();
  }

  /** The text every quote on the board is anchored to (it changes only with a source revision). */
  get sourceText(): string {
    return this.source.text;
  }

  /**
   * Anchors quotes to a new source from now on (a source revision, server/boards/apply-source-revision.ts).
   * Call inside the step that writes the revision's update, so no update is checked against the old text after it.
   */
  replaceSource(source: { text: string; sha256: string }): void {
    this.source = { ...source };
  }

  /** Set when a relayed update named a new source and it has not been read yet (applySavedElsewhere). */
  private sourceOutdated = false;

  /** Lets a connection in. Throws (internal) if the board's stored bytes did not build: nothing could be served. */
  join(connection: Connection): void {
    if (this.buildFailure) throw this.buildFailure;
    this.connections.set(connection.id, connection);
    this.presence.greet(connection);
  }

  leave(connectionId: string): void {
    if (!this.connections.delete(connectionId)) return;
    this.presence.depart(connectionId);
  }

  /** Handles one sync frame from a client; resolves with the acknowledgement to send back. */
  async handleSync(connection: Connection, frame: Uint8Array): Promise<SyncResult> {
    // Never rejects: an unexpected fault is answered (internal, retry) like any other refusal. The
    // step itself only validates; an accepted update's ack waits (outside the queue) for its commit.
    try {
      const early = this.storedWhole ? this.answerFromStoredBytes(connection, frame) : null;
      if (early) return early;
      const answer = await this.queue.run("sync", () => this.settled(() => this.processSync(connection, frame)));
      return await answer.ack;
    } catch (error) {
      return { ok: false, ...toErrorPayload(error) };
    }
  }

  /**
   * Runs `work` as one step of the room's queue, ordered with every sync message and server change
   * (votes, drafts and commands use this to re-check the session inside the step). Inside, make
   * changes through `step.change`: calling runServerChange there would wait for the step itself.
   */
  exclusive<T>(label: string, work: (step: RoomStep) => Promise<T>): Promise<T> {
    return this.inQueue(label, () => work({ change: (memberId, change, save) => this.serverChange(memberId, change, save) }));
  }

  /**
   * A fresh joiner's Step 1 while the document is still being built: answered at once, outside the
   * queue, with the stored board (the same bytes the document is being built from, so exactly what it
   * will hold before any later step changes it). Anything committed or relayed after the build reaches
   * the joiner like everyone else, behind this frame on its connection. The server's own Step 1 needs
   * the document, so it follows once built. Null when the frame is anything else: it waits for the build.
   */
  private answerFromStoredBytes(connection: Connection, frame: Uint8Array): SyncResult | null {
    if (!this.storedWhole || !this.connections.has(connection.id) || !isFreshStep1(frame)) return null;
    connection.sendSync(encodeSyncMessage({ type: SYNC_STEP_2, update: this.storedWhole }));
    this.earlyAnswers++;
    this.answeredEarly.push(connection);
    this.queue.post("step 1 after an early answer", () =>
      this.settled(async () => {
        if (this.connections.get(connection.id) === connection) connection.sendSync(this.handshake.step1());
      }),
    );
    return { ok: true };
  }

  /** Handles one awareness frame from a client (room-presence.ts); a frame that cannot be read disconnects it. */
  handleAwareness(connection: Connection, frame: Uint8Array): SyncResult {
    // A connection that has left (one whose frame waited for the build, say) already had its presence
    // cleared: applying its frame now would show a ghost nobody clears.
    if (!this.connections.has(connection.id)) return refuse("not-joined", "Join the board first.");
    // The anonymity rule is read from the board: until it is built, frames wait (in order) for it.
    if (!this.builtYet) {
      void this.built.then(() => this.handleAwareness(connection, frame), () => undefined);
      return { ok: true };
    }
    // Parsed once per change of the session (protected-reads.ts), not once per presence frame.
    const outcome = this.presence.receive(connection, frame, () => readProtectedParts(this.doc).session.settings.anonymous);
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
    this.endCoalescing(); // a batch waiting out its window commits now, not after the room is gone
    while (this.queue.pending > 0) await this.queue.idle(); // a step may queue a commit behind it
    await this.compactor.idle();
    this.presence.destroy();
    this.trial.destroy();
    this.handshake.destroy();
    this.liveDoc.destroy();
  }

  /** Steps waiting or running in the room's queue (for tests and diagnostics). */
  get pendingSteps(): number {
    return this.queue.pending;
  }

  /** Logs a failure that is not the caller's to answer for (a broadcast after a stored change). */
  logFailure(what: string, error: unknown): void {
    this.options.log?.(`${this.boardId}: ${what} failed: ${describeFailure(error)}`);
  }

  /**
   * True when the trial copy is not the live document plus the pending batch between steps (never, if
   * the room is right; a copy not built right now agrees). For tests.
   */
  trialDiffersFromLive(): boolean {
    return this.trial.differsFromExpected();
  }

  /** Whether the room holds a trial copy right now (it is built on demand and dropped when idle). For tests. */
  get holdsTrialCopy(): boolean {
    return this.trial.built;
  }

  private async processSync(connection: Connection, frame: Uint8Array): Promise<SyncAnswer> {
    if (!this.connections.has(connection.id)) return { ack: { ok: false, ...toErrorPayload(new ParleyError("not-joined", "Join the board first.")) } };
    if (frame.byteLength > SYNC_LIMITS.maxSyncMessageBytes) {
      return { ack: this.violation(connection, "payload-too-large", `Sync messages are limited to ${SYNC_LIMITS.maxSyncMessageBytes} bytes.`) };
    }
    const message = decodeSyncMessage(frame);
    if (!message) return { ack: this.violation(connection, "malformed-message", "That sync message could not be decoded.") };
    if (message.type === SYNC_STEP_1) {
      // The stored board: updates still pending reach this connection with their commit's broadcast.
      connection.sendSync(this.handshake.step2(message.stateVector));
      connection.sendSync(this.handshake.step1()); // ask for whatever the client has that we lack
      return { ack: { ok: true } };
    }
    return this.acceptUpdate(connection, message.update);
  }

  /** Validates a client's update against the live document plus the pending batch; if it passes, it joins the batch. */
  private async acceptUpdate(connection: Connection, update: Uint8Array): Promise<SyncAnswer> {
    // Most often a joining client's Step 2: nothing the live document lacks, so no trial copy is built.
    if (carriesNothingNew(this.doc, update)) return { ack: this.noopAck() };
    // A relayed source revision was applied ahead of this update: anchor nothing to the old text meanwhile.
    if (this.sourceOutdated) await this.reloadSource();
    const trial = this.trial.take();
    const verdict = checkBoardUpdate(this.doc, trial, update, this.sourceText, connection.actor, this.batch.accepted);
    if (!verdict.ok) {
      const { rejection } = verdict;
      if (rejection.code === "undecodable") return { ack: this.violation(connection, "malformed-message", rejection.message) };
      if (rejection.code === "incomplete-update") return { ack: refuse("resync-required", rejection.message) };
      if (rejection.code === "forbidden") return { ack: refuse("forbidden", rejection.message, rejection.argumentId ? { argumentId: rejection.argumentId } : undefined) };
      const details = rejection.code === "invalid-content" ? { argumentId: rejection.argumentId, ...rejection.detail } : undefined;
      return { ack: refuse("update-rejected", rejection.message, details) };
    }
    // Nothing new against the live document plus the batch (check-update.ts): the trial copy is unchanged.
    if (verdict.noop) {
      this.trial.agree();
      return { ack: this.noopAck() };
    }
    const entry: BatchEntry = { update, memberId: connection.actor.memberId, senderId: connection.id };
    const committed = this.batch.add(entry, verdict.changedRecords);
    this.trial.agree();
    // A full batch goes now; otherwise the commit step runs once the messages already queued are in.
    if (this.batch.full) await this.commitPending();
    else this.queueCommit();
    return { ack: acknowledge(committed) };
  }

  /** An update that changes nothing may repeat a pending one: then it is stored only once that batch is. */
  private noopAck(): SyncResult | Promise<SyncResult> {
    return this.batch.size > 0 ? acknowledge(this.batch.settled()) : { ok: true };
  }

  private queueCommit(): void {
    if (this.commitQueued) return;
    this.commitQueued = true;
    const wait = this.lastCommitAt + (this.options.coalesceMs ?? 0) - performance.now();
    // Meanwhile the queue stays free, so updates arriving within the window are validated into the batch.
    if (wait > 0) this.coalescing = setTimeout(() => this.endCoalescing(), wait);
    else this.postCommit();
  }

  /** Ends the coalescing window, if one is under way, by queuing the commit step now. */
  private endCoalescing(): void {
    if (!this.coalescing) return;
    clearTimeout(this.coalescing);
    this.coalescing = null;
    this.postCommit();
  }

  private postCommit(): void {
    this.queue.post("commit", () =>
      this.settled(() => {
        this.commitQueued = false;
        return this.commitPending();
      }),
    );
  }

  /**
   * Stores the pending batch in one insert, then applies it, passes it on and lets every update in it
   * be acknowledged. If the store fails, every update in the batch is refused with its error and the
   * live document stays as it was. Only ever called from inside a step; rejects only on a bug.
   */
  private async commitPending(): Promise<void> {
    const taken = this.batch.take();
    if (!taken) return;
    this.lastCommitAt = performance.now();
    const { entries } = taken;
    let seqs: number[];
    try {
      seqs = await this.store.appendUpdates(this.boardId, entries);
    } catch (error) {
      // Not saved, so not applied: the copy holding the batch goes; each sender's client will resend.
      this.trial.discard();
      taken.failed(error);
      return;
    }
    try {
      for (const entry of entries) Y.applyUpdate(this.doc, entry.update, entry.senderId ?? "server");
      for (const [index, entry] of entries.entries()) {
        this.relay.noteSaved(seqs[index]);
        this.compactor.noteSaved(entry.update.byteLength);
      }
    } catch (error) {
      // A bug, not a refusal: every sender still hears (internal, retry) rather than waiting forever.
      this.trial.discard();
      taken.failed(error);
      throw error;
    }
    // The trial copy held the batch already: it is the live document again.
    this.passOn(entries, seqs);
    taken.committed();
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
  private async serverChange<T>(memberId: string | null, change: (doc: Y.Doc) => ModelResult<T>, save?: SaveUpdate): Promise<ModelResult<T>> {
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
    // On failure the trial copy is dropped (settled) and the live document never sees the change.
    const seq = await (save ? save(update) : this.store.appendUpdate(this.boardId, update, memberId));
    Y.applyUpdate(this.doc, update, "server");
    this.trial.agree(); // the copy already held it
    this.relay.noteSaved(seq);
    this.compactor.noteSaved(update.byteLength);
    this.passOn([{ update, senderId: null }], [seq]);
    return result;
  }

  /** Sends saved and applied updates to every connection but their senders, and to the other server processes. */
  private passOn(entries: readonly { update: Uint8Array; senderId: string | null }[], seqs: readonly number[]): void {
    // Saved and applied: a failing send must not turn this into a refusal the client would resend.
    try {
      broadcastBatch(this.connections.values(), entries, this.sendSyncToMany);
      if (this.options.publishUpdate) for (const [index, entry] of entries.entries()) this.options.publishUpdate(this.boardId, seqs[index], entry.update);
    } catch (error) {
      this.options.log?.(`${this.boardId}: passing on a saved update failed: ${describeFailure(error)}`);
    }
  }

  /** Applies updates saved by another process to both documents; our connections get only what was new. */
  private applySavedElsewhere(updates: Uint8Array[]): void {
    const trial = this.trial.take();
    const shaBefore = readMeta(this.doc).sourceSha256;
    const { news, failure } = applyCapturingNews(this.doc, updates, "remote");
    if (news) this.sendSyncToMany([...this.connections.values()], syncUpdate(news));
    if (failure) throw failure; // the step's wrapper rebuilds the trial copy from what did apply
    for (const update of updates) Y.applyUpdate(trial, update, "remote");
    this.trial.agree();
    // Another process applied a source revision: follow it before the next update is checked.
    if (readMeta(this.doc).sourceSha256 !== shaBefore) {
      this.sourceOutdated = true;
      void this.inQueue("source revision", () => this.reloadSource()).catch(() => undefined);
    }
  }

  /** Follows the source the document names; the flag stays up (the next update retries) only if reading it fails. */
  private async reloadSource(): Promise<void> {
    if (!this.sourceOutdated) return;
    const board = await this.store.getBoard(this.boardId);
    const source = board && (await this.store.getSourceDocument(board.sourceId));
    if (source && source.sha256 === readMeta(this.doc).sourceSha256) this.replaceSource(source);
    this.sourceOutdated = false;
  }

  /**
   * One step of the room's queue other than a sync message: it first commits the pending batch, so it
   * sees (and orders itself after) every update accepted before it. Leaves the trial copy right whatever happens.
   */
  private inQueue<T>(label: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(label, () =>
      this.settled(async () => {
        await this.commitPending();
        return work();
      }),
    );
  }

  private async settled<T>(work: () => Promise<T>): Promise<T> {
    // A room whose document could not be built serves nothing: an update checked against it would be checked against nothing.
    if (this.buildFailure) throw this.buildFailure;
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

/** Resolves once every connection's frames so far have left the process, or after `withinMs`, whichever comes first. */
function flushedWithin(connections: readonly Connection[], withinMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
  const flushed = Promise.all(connections.map((connection) => connection.flushed?.().catch(() => undefined)));
  return Promise.race([flushed.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** The ack of an update waiting for its batch: ok once stored, the store's error if the commit failed. */
function acknowledge(commit: Promise<void>): Promise<SyncResult> {
  return commit.then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, ...toErrorPayload(error) }),
  );
}

function refuse(code: ErrorCode, message: string, details?: unknown): SyncResult {
  const payload: ErrorPayload = toErrorPayload(new ParleyError(code, message, details));
  return { ok: false, ...payload };
}
