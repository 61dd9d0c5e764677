/** A person on a Parley board: the app's own BoardClient (Socket.io + y-protocols, docs/protocol.md). */
import type * as Y from "yjs";
import { BoardClient } from "../../components/sync/board-client";
import { addBenchArgument } from "../board-content";
import { AckCounter } from "./ack-counter";
import type { BenchClient } from "./bench-client";

export class ParleyBenchClient implements BenchClient {
  readonly synced: Promise<void>;
  private readonly client: BoardClient;
  private readonly acks = new AckCounter();

  constructor(url: string, boardId: string) {
    const client = new BoardClient(boardId, { url });
    this.client = client;
    // Synced = the server's Step 2 applied ("live") with nothing of ours waiting for an ack. Our own Step 2,
    // sent after the server's Step 1, is counted like any change: acks stay in order, so AckCounter skips it.
    this.synced = new Promise((resolve, reject) => {
      const check = () => {
        if (client.status === "live" && client.pending === 0) resolve();
        if (client.status === "failed") reject(new Error(`Parley refused the join to ${boardId}.`));
      };
      client.on("status", check);
      client.on("pending", check);
    });
    client.on("pending", (count) => this.acks.unconfirmed(count));
    client.on("error", (error) => console.error(`[bench] parley client: ${error.code}: ${error.message}`));
  }

  get doc(): Y.Doc {
    return this.client.doc;
  }

  edit(id: string, text: string): void {
    addBenchArgument(this.client.doc, id, text);
    this.acks.edited();
  }

  onAck(listener: () => void): void {
    this.acks.onAck(listener);
  }

  close(): void {
    this.client.destroy();
  }
}
