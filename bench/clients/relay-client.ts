/** A person in a room of the bare Socket.io + Yjs relay (see relay-protocol.ts). */
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { addBenchArgument } from "../board-content";
import type { BenchClient } from "./bench-client";
import { RELAY_EVENTS } from "./relay-protocol";

const REMOTE = Symbol("relay");

export class RelayBenchClient implements BenchClient {
  readonly synced: Promise<void>;
  readonly doc = new Y.Doc();
  private readonly socket: Socket;
  private readonly ackListeners: (() => void)[] = [];

  constructor(url: string, room: string) {
    // A generous connect timeout: the other kinds' clients keep retrying, this one would give up after 20 s.
    this.socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 120_000 });
    this.socket.on(RELAY_EVENTS.update, (update: Uint8Array) => Y.applyUpdate(this.doc, new Uint8Array(update), REMOTE));
    this.synced = new Promise((resolve, reject) => {
      this.socket.once("connect_error", reject);
      this.socket.once("connect", async () => {
        await this.socket.emitWithAck(RELAY_EVENTS.join, room);
        const missing: Uint8Array = await this.socket.emitWithAck(RELAY_EVENTS.sync, Y.encodeStateVector(this.doc));
        Y.applyUpdate(this.doc, new Uint8Array(missing), REMOTE);
        resolve();
      });
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.socket.emit(RELAY_EVENTS.update, update, () => this.ackListeners.forEach((listener) => listener()));
    });
  }

  edit(id: string, text: string): void {
    addBenchArgument(this.doc, id, text);
  }

  onAck(listener: () => void): void {
    this.ackListeners.push(listener);
  }

  close(): void {
    this.socket.disconnect();
  }
}
