/** A person on a Hocuspocus document: @hocuspocus/provider 3.4.4 over `ws`, one socket per person. */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { addBenchArgument } from "../board-content";
import { AckCounter } from "./ack-counter";
import type { BenchClient } from "./bench-client";

/**
 * `ws` emits "error" when a socket still connecting is closed (a run ending while thousands of clients
 * are still connecting); with no listener of its own that error would kill the load generator. The
 * provider still hears every error through its onerror handler.
 */
class ToleratedCloseWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => undefined);
  }
}

export class HocuspocusBenchClient implements BenchClient {
  readonly synced: Promise<void>;
  readonly doc = new Y.Doc();
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly provider: HocuspocusProvider;
  private readonly acks = new AckCounter();

  constructor(url: string, boardId: string) {
    this.socket = new HocuspocusProviderWebsocket({ url: url.replace(/^http/, "ws"), WebSocketPolyfill: ToleratedCloseWebSocket });
    this.provider = new HocuspocusProvider({ websocketProvider: this.socket, name: boardId, document: this.doc });
    // A provider handed its socket does not attach by itself (one socket may carry several documents).
    this.provider.attach();
    this.synced = new Promise((resolve) => this.provider.on("synced", () => resolve()));
    // Hocuspocus counts every update until its sync-status reply: in memory, not stored (see ACK_MEANING).
    this.provider.on("unsyncedChanges", ({ number }: { number: number }) => this.acks.unconfirmed(number));
  }

  edit(id: string, text: string): void {
    addBenchArgument(this.doc, id, text);
    this.acks.edited();
  }

  onAck(listener: () => void): void {
    this.acks.onAck(listener);
  }

  close(): void {
    this.provider.destroy();
    this.socket.destroy();
  }
}
