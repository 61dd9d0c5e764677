/**
 * The join in the handshake (docs/protocol.md, "Joining in the handshake"): the board client puts its
 * join and its state vector in Socket.io's `auth`, asked anew at every connect; it then sends nothing
 * on connect and waits for the `joined` answer. Whatever goes wrong falls back to the `join` event.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fromBase64 } from "lib0/buffer";
import * as Y from "yjs";
import { EVENTS, PROTOCOL_VERSION, type HandshakeJoin, type JoinAck } from "@/lib/protocol/protocol";
import { syncStep1, syncStep2 } from "@/lib/protocol/sync-messages";
import { readArgument } from "@/lib/board/doc";
import { addPoint, makeHarness, type Harness } from "./support/client-harness";
import { errorAck } from "./support/fake-sync-socket";
import { MemoryCopy } from "./support/memory-copy";

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

const welcome = (role: "participant" | "observer" = "participant"): JoinAck => ({ ok: true, boardId: "demo", protocol: PROTOCOL_VERSION, role, memberId: null, serverTime: Date.now() });

/** The server's side of a join carried in the handshake: the answer, then (joined) Step 2 for its state vector and Step 1. */
function answerHandshake(h: Harness, answer: JoinAck = welcome()): HandshakeJoin {
  const handshake = h.socket.handshakes.at(-1) as HandshakeJoin;
  h.socket.deliver(EVENTS.joined, answer);
  if (answer.ok) {
    h.socket.deliver(EVENTS.sync, syncStep2(h.server.doc, fromBase64(handshake.stateVector!)));
    h.socket.deliver(EVENTS.sync, syncStep1(h.server.doc));
  }
  return handshake;
}

describe("board client: the join in the handshake", () => {
  it("carries the join and its state vector, sends nothing on connect, and goes live on the answer", () => {
    const h = makeHarness(() => 0, { handshakeAuth: true });
    h.socket.open();
    expect(h.socket.handshakes).toEqual([{ protocol: PROTOCOL_VERSION, boardId: "demo", stateVector: expect.any(String) }]);
    expect(h.socket.outbox).toEqual([]);
    expect(h.client.status).toBe("syncing");
    answerHandshake(h);
    expect(h.client.status).toBe("live");
    expect(Y.encodeStateVector(h.client.doc)).toEqual(Y.encodeStateVector(h.server.doc));
    h.server.settle();
    expect(h.client.pending).toBe(0);
  });

  it("asks again at a reconnect, with the state it holds by then, and sends what was written offline after the answer", () => {
    const h = makeHarness(() => 0, { handshakeAuth: true });
    h.socket.open();
    answerHandshake(h);
    h.socket.drop("transport close");
    const offline = addPoint(h.client.doc, "Written while the network was down.");
    h.socket.open();
    const second = h.socket.handshakes.at(-1) as HandshakeJoin;
    expect(fromBase64(second.stateVector!)).toEqual(Y.encodeStateVector(h.client.doc));
    expect(h.socket.outbox).toEqual([]); // the edit waits for the join's answer
    answerHandshake(h);
    h.server.settle();
    expect(h.client.pending).toBe(0);
    expect(readArgument(h.server.doc, offline.id)).toEqual(offline);
  });

  it("after a retryable refusal joins again with the join event, on the same connection", () => {
    const h = makeHarness(() => 0, { handshakeAuth: true });
    h.socket.open();
    answerHandshake(h, errorAck("storage-unavailable", "The database could not be reached."));
    expect(h.client.status).toBe("offline");
    vi.advanceTimersByTime(500);
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]);
    h.server.answerJoin();
    h.server.handshake();
    expect(h.client.status).toBe("live");
  });

  it("gives up on a final refusal, as for a refused join event", () => {
    const h = makeHarness(() => 0, { handshakeAuth: true });
    h.socket.open();
    answerHandshake(h, errorAck("board-not-found", 'There is no board "demo".'));
    expect(h.client.status).toBe("failed");
    vi.advanceTimersByTime(120_000);
    expect(h.socket.outbox).toEqual([]);
  });

  it("while the local copy loads, the handshake carries no join; the client joins with the event once the copy is in", async () => {
    const copy = new MemoryCopy();
    const h = makeHarness(() => 0, { handshakeAuth: true, localCopy: copy });
    h.socket.open(); // before the copy has loaded
    expect(h.socket.handshakes).toEqual([{}]);
    expect(h.socket.outbox).toEqual([]);
    await h.client.ready;
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]);
    h.server.answerJoin();
    h.server.handshake();
    expect(h.client.status).toBe("live");
  });

  it("answered as an observer while holding changes, starts over, and ignores the Step 2 meant for the old document", () => {
    const h = makeHarness(() => 0, { handshakeAuth: true });
    h.socket.open();
    answerHandshake(h);
    h.socket.drop("transport close");
    addPoint(h.client.doc, "Written offline, as a participant.");
    h.socket.open();
    answerHandshake(h, welcome("observer")); // a facilitator made this person an observer meanwhile
    expect(h.resets).toBe(1);
    expect(h.errors.at(-1)?.message).toMatch(/1 change/);
    expect(h.client.status).not.toBe("live"); // the old document's Step 2 was ignored
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]);
    h.server.answerJoin(welcome("observer"));
    h.server.handshake();
    expect(h.client.status).toBe("live");
    expect(h.client.pending).toBe(0);
  });

  describe("the server's Step 1 (issue 11: client work per join)", () => {
    /** A stored board with a deletion: its Step 2 carries a delete set, which a naive reply would echo back. */
    function boardWithDeletion(h: Harness) {
      const gone = addPoint(h.server.doc, "Posted, then deleted.");
      h.server.doc.transact(() => h.server.doc.getMap("arguments").delete(gone.id));
      expect(Y.decodeUpdate(Y.encodeStateAsUpdate(h.server.doc)).ds.clients.size).toBeGreaterThan(0);
    }

    it("is not answered by a client that joined holding nothing: it is live at once, with the whole board", () => {
      const h = makeHarness(() => 0, { handshakeAuth: true });
      boardWithDeletion(h);
      h.socket.open();
      answerHandshake(h);
      expect(h.socket.outbox).toEqual([]);
      expect(h.client.status).toBe("live");
      expect(h.client.pending).toBe(0);
      expect(Y.encodeStateAsUpdate(h.client.doc)).toEqual(Y.encodeStateAsUpdate(h.server.doc));
    });

    it("nor after a join event from a fresh document (a refused handshake join, retried)", () => {
      const h = makeHarness(() => 0, { handshakeAuth: true });
      boardWithDeletion(h);
      h.socket.open();
      answerHandshake(h, errorAck("storage-unavailable", "The database could not be reached."));
      vi.advanceTimersByTime(500);
      h.server.answerJoin();
      h.server.handshake();
      expect(h.socket.outbox).toEqual([]);
      expect(h.client.status).toBe("live");
      expect(Y.encodeStateAsUpdate(h.client.doc)).toEqual(Y.encodeStateAsUpdate(h.server.doc));
    });

    it("only the join's own: a later Step 1 (a resync) is answered with what the server lacks", () => {
      const h = makeHarness(() => 0, { handshakeAuth: true });
      h.socket.open();
      answerHandshake(h);
      expect(h.socket.outbox).toEqual([]);
      // An edit the server never stored (say its frame was refused as out of order), then the server asks again.
      const mine = addPoint(h.client.doc, "Mine, not on the server.");
      h.socket.take(EVENTS.sync);
      h.socket.deliver(EVENTS.sync, syncStep1(h.server.doc));
      const reply = h.server.takeSync();
      expect(reply.map((frame) => frame.message.type)).toEqual([1]);
      for (const frame of reply) h.server.store(frame);
      expect(h.server.doc.getMap("arguments").has(mine.id)).toBe(true);
    });

    it("is still answered by a client that held something when it joined", () => {
      const h = makeHarness(() => 0, { handshakeAuth: true });
      boardWithDeletion(h);
      h.socket.open();
      answerHandshake(h);
      h.socket.drop("transport close");
      h.socket.open();
      answerHandshake(h);
      // What it holds may include what the server lacks: its reply (here the delete set) goes out and is tracked.
      expect(h.server.takeSync().map((frame) => frame.message.type)).toEqual([1]);
      expect(h.client.pending).toBe(1);
    });
  });
});
