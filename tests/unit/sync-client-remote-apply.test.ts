/**
 * The client applies the server's updates without Yjs encoding them again for its "update" listener
 * (board-client.ts, applyRemote): the listener is off during the apply. What must still hold: nothing
 * of the server's goes back out, a local change made during the apply (an observer reacting to it) is
 * sent and tracked like any other, and local edits after it are sent as before.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { EVENTS } from "@/lib/protocol/protocol";
import { syncUpdate } from "@/lib/protocol/sync-messages";
import { readArgument } from "@/lib/board/doc";
import { addPoint, goLive, makeHarness } from "./support/client-harness";

describe("board client: applying the server's updates", () => {
  it("sends nothing back for the server's Step 2 and updates, and still sends its own edits", () => {
    const h = makeHarness();
    goLive(h);
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(h.server.doc));
    const before = Y.encodeStateVector(h.server.doc);
    const theirs = addPoint(elsewhere, "Someone else's point.");
    const update = Y.encodeStateAsUpdate(elsewhere, before);
    Y.applyUpdate(h.server.doc, update);
    h.socket.deliver(EVENTS.sync, syncUpdate(update));
    expect(readArgument(h.client.doc, theirs.id)).toEqual(theirs);
    expect(h.socket.outbox).toEqual([]);
    expect(h.client.pending).toBe(0);

    const mine = addPoint(h.client.doc, "My own point, after theirs.");
    expect(h.client.pending).toBe(1);
    h.server.settle();
    expect(h.client.pending).toBe(0);
    expect(readArgument(h.server.doc, mine.id)).toEqual(mine);
  });

  it("sends a local change made while the server's update is being applied (by an observer reacting to it)", () => {
    const h = makeHarness();
    goLive(h);
    let reacted: ReturnType<typeof addPoint> | null = null;
    h.client.doc.getMap("arguments").observe((event) => {
      if (event.transaction.local || reacted) return;
      reacted = addPoint(h.client.doc, "Written in reaction to the server's update.");
    });
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(h.server.doc));
    const before = Y.encodeStateVector(h.server.doc);
    addPoint(elsewhere, "A point from the server.");
    const update = Y.encodeStateAsUpdate(elsewhere, before);
    Y.applyUpdate(h.server.doc, update);
    h.socket.deliver(EVENTS.sync, syncUpdate(update));

    expect(reacted).not.toBeNull();
    expect(h.client.pending).toBe(1);
    h.server.settle();
    expect(h.client.pending).toBe(0);
    expect(readArgument(h.server.doc, reacted!.id)).toEqual(reacted);
    // And the listener stays on afterwards: a later edit goes out once, not twice or never.
    addPoint(h.client.doc, "A later point.");
    expect(h.socket.take(EVENTS.sync)).toHaveLength(1);
  });
});
