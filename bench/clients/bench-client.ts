/**
 * One simulated person on a board, the same shape for every server kind, so scenarios never branch on
 * the kind. Each adapter speaks its server's real protocol with its real client library.
 */
import type * as Y from "yjs";
import { argumentsMap } from "../../lib/board/doc";

export type ServerKind = "parley" | "hocuspocus" | "relay";
export const SERVER_KINDS: readonly ServerKind[] = ["parley", "hocuspocus", "relay"];

/** What each kind's "ack" means, for the table's label: only Parley's says the edit is stored. */
export const ACK_MEANING: Record<ServerKind, string> = {
  parley: "durable: acked after the commit to PostgreSQL",
  hocuspocus: "not durable: the in-memory sync-status reply (persistence is debounced)",
  relay: "not durable: the Socket.io ack after relaying in memory",
};

export interface BenchClient {
  /** Resolves once the client holds the server's state of the board. */
  readonly synced: Promise<void>;
  /** The client's document (its arguments are the benchmark's edits). */
  readonly doc: Y.Doc;
  /** Adds one benchmark argument (id = marker, text = stamped text) and sends it. */
  edit(id: string, text: string): void;
  /** Calls `listener` once per local edit the server acknowledged, in the order they were made. */
  onAck(listener: () => void): void;
  close(): void;
}

/** Calls `listener(id, text)` for each argument that arrives from the server (never for local edits). */
export function onRemoteArgument(doc: Y.Doc, listener: (id: string, text: unknown) => void): void {
  argumentsMap(doc).observe((event) => {
    if (event.transaction.local) return;
    for (const [id, change] of event.changes.keys) {
      if (change.action !== "add") continue;
      const record = argumentsMap(doc).get(id);
      listener(id, record?.get("text"));
    }
  });
}
