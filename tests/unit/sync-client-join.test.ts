/**
 * Issue 7, item 2: a client that opens a board while the database is down must not be stranded.
 * It sends nothing but `join` (and the Step 1 right behind it) until a join succeeds (the periodic presence renewal used to reach the
 * server first and get the connection closed for good), and after any server-side disconnect it
 * reconnects by itself with growing, jittered delays.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { EVENTS } from "@/lib/protocol/protocol";
import { syncStep2 } from "@/lib/protocol/sync-messages";
import { readArgument } from "@/lib/board/doc";
import { addPoint, goLive, makeHarness } from "./support/client-harness";
import { errorAck } from "./support/fake-sync-socket";

const PRESENCE = { user: { id: "user-alice", name: "Alice", color: "#4f46e5" }, editing: null };

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("board client: join first", () => {
  it("sends nothing but its join and Step 1 while the join is refused, not even the periodic presence renewal", () => {
    const h = makeHarness();
    h.client.setPresence(PRESENCE);
    h.socket.open();
    vi.advanceTimersByTime(40_000); // y-protocols renews presence every 15 s
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]); // Step 1 goes right behind the join

    h.server.answerJoin(errorAck("storage-unavailable", "The database could not be reached."));
    expect(h.client.status).toBe("offline");
    vi.advanceTimersByTime(499);
    expect(h.socket.outbox).toEqual([]);
    vi.advanceTimersByTime(1); // first retry after 500 ms (jitter fixed at its lowest)
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]);

    h.server.answerJoin(errorAck("storage-unavailable", "The database could not be reached."));
    vi.advanceTimersByTime(999);
    expect(h.socket.outbox).toEqual([]); // the second wait is longer
    vi.advanceTimersByTime(1);
    expect(h.errors).toHaveLength(1); // told once, not at every retry

    expect(h.shown).toEqual(["Syncing…", "Offline"]); // no flicker back to syncing at each retry
    h.server.answerJoin();
    const sent = h.socket.outbox.map((s) => s.event);
    expect(sent).toEqual([EVENTS.sync, EVENTS.awareness]); // the Step 1 sent with the join, then the presence, only now
    h.server.handshake();
    expect(h.client.status).toBe("live");
  });

  it("after a reconnect, holds back an edit made offline until the new join succeeds", () => {
    const h = makeHarness();
    goLive(h);
    h.socket.drop("io server disconnect");
    const offline = addPoint(h.client.doc, "Written while the server was away.");
    expect(h.client.pending).toBe(1);
    vi.advanceTimersByTime(500);
    h.socket.open();
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]); // the join, its Step 1, not the edit

    h.server.answerJoin();
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.sync, EVENTS.sync]); // Step 1, then the edit
    h.server.settle();
    expect(h.client.pending).toBe(0);
    expect(readArgument(h.server.doc, offline.id)).toEqual(offline);
  });

  it("gives up only on a final refusal (no such board), without promising a reconnect", () => {
    const h = makeHarness();
    h.socket.open();
    h.server.answerJoin(errorAck("board-not-found", 'There is no board "demo".'));
    expect(h.client.status).toBe("failed");
    vi.advanceTimersByTime(120_000);
    expect(h.socket.outbox).toEqual([]);
    expect(h.socket.connectCalls).toBe(0);
  });
});

describe("board client: Step 1 right behind the join", () => {
  it("sends its Step 1 with the join, and ignores a Step 2 arriving before the join's ack (it answers an earlier document's Step 1)", () => {
    const h = makeHarness();
    h.socket.open();
    expect(h.socket.outbox.map((sent) => sent.event)).toEqual([EVENTS.join, EVENTS.sync]);
    h.socket.deliver(EVENTS.sync, syncStep2(h.server.doc, Y.encodeStateVector(addedDoc())));
    expect(h.client.status).toBe("syncing");
    expect(Y.encodeStateVector(h.client.doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
    h.server.answerJoin();
    h.server.handshake();
    expect(h.client.status).toBe("live");
    expect(Y.encodeStateVector(h.client.doc)).toEqual(Y.encodeStateVector(h.server.doc));
  });

  it("answers the server's Step 1 with nothing when it holds nothing the server lacks: synced without a further round trip", () => {
    const h = makeHarness();
    h.socket.open();
    h.server.answerJoin();
    h.server.handshake();
    expect(h.client.status).toBe("live");
    expect(h.client.pending).toBe(0);
    expect(h.socket.take(EVENTS.sync)).toEqual([]);
  });
});

/** A document holding one update the client never had (a stand-in for a replaced document's state). */
function addedDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap("elsewhere").set("k", 1);
  return doc;
}

describe("board client: reconnect after the server hangs up", () => {
  it("reconnects by itself with growing delays, back to the shortest after a successful join", () => {
    const h = makeHarness();
    goLive(h);
    h.socket.drop("io server disconnect");
    expect(h.client.status).toBe("offline");
    vi.advanceTimersByTime(499);
    expect(h.socket.connectCalls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(h.socket.connectCalls).toBe(1);

    h.socket.open(); // the server hangs up again before the join is answered
    h.socket.drop("io server disconnect");
    vi.advanceTimersByTime(999);
    expect(h.socket.connectCalls).toBe(1);
    vi.advanceTimersByTime(1);
    expect(h.socket.connectCalls).toBe(2);

    goLive(h);
    h.socket.drop("io server disconnect");
    vi.advanceTimersByTime(500);
    expect(h.socket.connectCalls).toBe(3);
  });

  it("leaves a lost network to Socket.io's own reconnection", () => {
    const h = makeHarness();
    goLive(h);
    h.socket.drop("transport close");
    vi.advanceTimersByTime(60_000);
    expect(h.socket.connectCalls).toBe(0);
  });

  it("spreads clients out: different jitter draws, different reconnect times", () => {
    const [early, late] = [makeHarness(() => 0), makeHarness(() => 0.9)];
    for (const h of [early, late]) {
      goLive(h);
      h.socket.drop("io server disconnect");
    }
    vi.advanceTimersByTime(500);
    expect([early.socket.connectCalls, late.socket.connectCalls]).toEqual([1, 0]);
    vi.advanceTimersByTime(500);
    expect(late.socket.connectCalls).toBe(1);
  });
});

