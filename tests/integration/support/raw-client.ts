/**
 * A bare Socket.io client on the sync namespace that sends whatever it is told to, for tests of how
 * the server treats clients that break the protocol. It records every frame and error it receives.
 */
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import type { ErrorPayload } from "@/lib/errors/errors";
import { EVENTS, PROTOCOL_VERSION, SYNC_NAMESPACE, type JoinAck, type UpdateAck } from "@/lib/protocol/protocol";
import { asBytes, decodeSyncMessage, syncStep1 } from "@/lib/protocol/sync-messages";
import { waitFor } from "./wait";

const ACK_TIMEOUT_MS = 10_000;

export class RawClient {
  readonly sync: Uint8Array[] = [];
  readonly awareness: Uint8Array[] = [];
  readonly errors: ErrorPayload[] = [];
  disconnectReason: string | null = null;

  private constructor(readonly socket: Socket) {
    socket.on(EVENTS.sync, (payload: unknown) => this.sync.push(asBytes(payload) ?? new Uint8Array()));
    socket.on(EVENTS.awareness, (payload: unknown) => this.awareness.push(asBytes(payload) ?? new Uint8Array()));
    socket.on(EVENTS.error, (error: ErrorPayload) => this.errors.push(error));
    socket.on("disconnect", (reason) => (this.disconnectReason = reason));
  }

  /** Connects (WebSocket only, no automatic reconnection) and resolves once the socket is open. */
  static async connect(url: string): Promise<RawClient> {
    const socket = io(`${url}${SYNC_NAMESPACE}`, { transports: ["websocket"], reconnection: false, forceNew: true });
    const client = new RawClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return client;
  }

  /** Sends a join request (any shape) and resolves with the ack. */
  join(boardId: string, protocol: number = PROTOCOL_VERSION): Promise<JoinAck> {
    return this.request<JoinAck>(EVENTS.join, { protocol, boardId });
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
  async joinAndLoad(boardId: string): Promise<Y.Doc> {
    const ack = await this.join(boardId);
    if (!ack.ok) throw new Error(`join failed: ${ack.code}`);
    const before = this.sync.length;
    this.send(EVENTS.sync, syncStep1(new Y.Doc()));
    const doc = new Y.Doc();
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
