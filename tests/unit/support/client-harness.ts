/** A BoardClient on a fake socket with a hand-played server, and the steps most tests start with. */
import { BoardClient } from "@/components/sync/board-client";
import type { LocalCopy } from "@/components/sync/local-copy";
import { describeSyncStatus } from "@/components/sync/sync-status";
import { addArgument, type NewArgument } from "@/lib/board/operations";
import type { Argument } from "@/lib/board/argument";
import type { ErrorPayload } from "@/lib/errors/errors";
import * as Y from "yjs";
import { ALICE, ARTICLE, US, anchorFor } from "./board-fixture";
import { FakeSyncSocket, HandServer } from "./fake-sync-socket";

export interface Harness {
  socket: FakeSyncSocket;
  server: HandServer;
  client: BoardClient;
  errors: ErrorPayload[];
  /** Every status line the person was shown, in order. */
  shown: string[];
  resets: number;
}

/**
 * `random` fixes the backoff jitter: 0 gives the shortest delays (500 ms, 1 s, 2 s … for reconnects).
 * `localCopy` and `serverDoc` play a page reload: a new client on the same browser copy and board.
 */
export function makeHarness(random: () => number = () => 0, options: { localCopy?: LocalCopy; serverDoc?: Y.Doc; handshakeAuth?: boolean } = {}): Harness {
  const socket = new FakeSyncSocket({ handshakeAuth: options.handshakeAuth });
  const client = new BoardClient("demo", { socket, random, localCopy: options.localCopy });
  const harness: Harness = { socket, server: new HandServer(socket, options.serverDoc), client, errors: [], shown: [], resets: 0 };
  const record = () => {
    const { text } = describeSyncStatus({ status: client.status, pending: client.pending, retrying: client.retrying });
    if (harness.shown.at(-1) !== text) harness.shown.push(text);
  };
  client.on("status", record);
  client.on("pending", record);
  client.on("retrying", record);
  client.on("error", (error) => harness.errors.push(error));
  client.on("reset", () => harness.resets++);
  return harness;
}

/** Connects, joins and completes the handshake: the client is live with the server's board, nothing pending. */
export function goLive({ socket, server, client }: Harness): void {
  if (!socket.connected) socket.open();
  server.answerJoin();
  server.handshake();
  server.settle();
  if (client.status !== "live" || client.pending !== 0) throw new Error(`not live: ${client.status}, ${client.pending} pending`);
}

/** Adds an argument through the model, as the editor does. */
export function addPoint(doc: Y.Doc, text: string, input: Partial<NewArgument> = {}): Argument {
  const result = addArgument(doc, ARTICLE, {
    parentId: US,
    stance: "for",
    text,
    author: ALICE,
    quotes: [anchorFor(ARTICLE, "why should the US continue to provide the military funding?")],
    ...input,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
