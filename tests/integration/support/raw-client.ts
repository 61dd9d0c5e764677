/**
 * A bare Socket.io client on the sync namespace that sends whatever it is told to, for tests of how
 * the server treats clients that break the protocol. It records every frame, error and JSON event
 * (votes, drafts, roster) it receives.
 */
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import type { ErrorPayload } from "@/lib/errors/errors";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { asBytes, decodeSyncMessage, syncStep1 } from "@/lib/protocol/sync-messages";
import { waitFor } from "./wait";

const ACK_TIMEOUT_MS = 10_000;
const PRIVATE_EVENTS = [EVENTS.votes, EVENTS.drafts, EVENTS.roster, EVENTS.personalDrafts] as const;
export type PrivateEvent = (typeof PRIVATE_EVENTS)[number];

export class RawClient {
  readonly sync: Uint8Array[] = [];
  readonly awareness: Uint8Array[] = [];
  readonly errors: ErrorPayload[] = [];
  /** Answers to a join carried in the handshake (`joined` events), in order. */
  readonly joined: JoinAck[] = [];
  /** The JSON events meant for this person only, in the order they arrived. */
  readonly events: { name: PrivateEvent; payload: unknown }[] = [];
  disconnectReason: string | null = null;

  private constructor(readonly socket: Socket) {
    socket.on(EVENTS.sync, (payload: unknown) => this.sync.push(asBytes(payload) ?? new Uint8Array()));
    for (const name of PRIVATE_EVENTS) socket.on(name, (payload: unknown) => this.events.push({ name, payload }));
    socket.on(EVENTS.awareness, (payload: unknown) => this.awareness.push(asBytes(payload) ?? new Uint8Array()));
    socket.on(EVENTS.error, (error: ErrorPayload) => this.errors.push(error));
    socket.on(EVENTS.joined, (ack: JoinAck) => this.joined.push(ack));
    socket.on("disconnect", (reason) => (this.disconnectReason = reason));
  }

  /**
   * Connects (WebSocket only, no automatic reconnection) and resolves once the socket is open.
   * `headers` go with the handshake (an X-Forwarded-For, to stand for another address behind a proxy),
   * and so does `auth` (a join carried in the handshake).
   */
  static async connect(url: string, headers?: Record<string, string>, auth?: object): Promise<RawClient> {
    const socket = io(`${url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true, ...(headers ? { extraHeaders: headers } : {}), ...(auth ? { auth } : {}) });
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return client;
  }

  /** Sends a join request, with a member token when given, and resolves with the ack. */
  join(boardId: string, protocol: number = PROTOCOL_VERSION, memberToken?: string): Promise<JoinAck> {
    return this.request<JoinAck>(EVENTS.join, { protocol, boardId, ...(memberToken === undefined ? {} : { memberToken }) });
  }

  /** Emits `event` with `payload` and waits for the server's acknowledgement. */
  request<T = UpdateAck>(event: string, payload: unknown): Promise<T> {
    return this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<T>;
  }

  /** Emits without asking for an acknowledgement. */
  send(event: string, payload: unknown): void {
    this.socket.emit(event, payload);
  }

  /**
   * Joins and runs the handshake's first half, returning a document holding the server's state:
   * a base for crafting updates that build on what the server has.
   */
  async joinAndLoad(boardId: string, memberToken?: string): Promise<Y.Doc> {
    const ack = await this.join(boardId, PROTOCOL_VERSION, memberToken);
    if (!ack.ok) throw new Error(`join failed: ${ack.code}`);
    return this.load();
  }

  /**
   * Runs the handshake's first half from `doc`'s state vector (mutates `doc`): sends Step 1 and applies
   * the Step 2 the server answers with. From a new document, that is the board exactly as the server has it.
   */
  async load(doc: Y.Doc = new Y.Doc()): Promise<Y.Doc> {
    const before = this.sync.length;
    this.send(EVENTS.sync, syncStep1(doc));
    const frame = await waitFor(() => this.sync.slice(before).find((f) => decodeSyncMessage(f)?.type === 1), { message: "sync step 2" });
    const message = decodeSyncMessage(frame);
    if (message && message.type !== 0) Y.applyUpdate(doc, message.update);
    return doc;
  }

  /** Resolves with the first `parley-error` the server sent. */
  nextError(): Promise<ErrorPayload> {
    return waitFor(() => this.errors[0], { message: "a parley-error event" });
  }

  /** Resolves once the server has closed the connection; returns Socket.io's reason. */
  disconnected(): Promise<string> {
    return waitFor(() => this.disconnectReason, { message: "the server to disconnect the socket" });
  }

  close(): void {
    this.socket.disconnect();
  }
}
