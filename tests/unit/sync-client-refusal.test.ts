/**
 * Issue 7, item 8: a refused update used to throw away the person's other unsent work. Now only the
 * refused change is dropped: the client reloads the server's state in a fresh document, replays the
 * other pending changes (as argument edits, since their Yjs updates build on the refused one), and
 * says exactly which change was refused and why.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Awareness, applyAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { argumentsMap, readArgument, readBoard } from "@/lib/board/doc";
import { deleteArgument, updateArgument } from "@/lib/board/operations";
import { EVENTS } from "@/lib/protocol/protocol";
import { ARTICLE, BOB, PAK_MILITARY } from "./support/board-fixture";
import { addPoint, goLive, makeHarness } from "./support/client-harness";
import { errorAck } from "./support/fake-sync-socket";

const PRESENCE = { user: { id: "user-alice", name: "Alice", color: "#4f46e5" }, editing: null };

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("board client: a refused change loses nothing else", () => {
  it("keeps the other pending changes, replays them on the server's state, and names the refused one", () => {
    const h = makeHarness();
    goLive(h);
    const kept = addPoint(h.client.doc, "Already saved before the refusal.");
    h.server.settle();

    const refused = addPoint(h.client.doc, "Quoting the wrong paragraph, which the server refuses.");
    expect(updateArgument(h.client.doc, ARTICLE, kept.id, { text: "Already saved, then sharpened." }).ok).toBe(true);
    const later = addPoint(h.client.doc, "A new point made after the refused one.", { parentId: PAK_MILITARY, stance: "against" });
    const [frameRefused, frameEdit, frameLater] = h.server.takeSync();
    frameRefused.ack(errorAck("update-rejected", "Quote 1 does not match the article.", { argumentId: refused.id, code: "quote-mismatch" }));
    // Both build on the refused update's Yjs clock, so the real server could not apply them either.
    frameEdit.ack(errorAck("resync-required"));
    frameLater.ack(errorAck("resync-required"));

    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ code: "update-rejected", details: { argumentId: refused.id, kept: 2 } });
    expect(h.errors[0].message).toBe(
      "Your new argument “Quoting the wrong paragraph, which the server refuses.” was not saved: " +
        "Quote 1 does not match the article. Your other 2 changes are kept.",
    );
    expect(h.resets).toBe(1);
    expect(h.client.pending).toBe(0); // nothing of the old document is waiting any more…

    h.server.answerJoin(); // …it joins again with a fresh document
    h.server.handshake();
    // …and the two kept changes are pending again (the fresh document does not answer the server's
    // Step 1: all it could send are those replayed changes, which go out on their own)
    expect(h.client.pending).toBe(2);
    h.server.settle();
    expect(h.client.pending).toBe(0);

    const board = readBoard(h.server.doc);
    expect(board.arguments.map((arg) => arg.id).sort()).toEqual([kept.id, later.id].sort());
    expect(readArgument(h.server.doc, kept.id)?.text).toBe("Already saved, then sharpened.");
    expect(readArgument(h.server.doc, later.id)).toEqual(later);
    expect(readBoard(h.client.doc)).toEqual(board);
    expect(h.shown.at(-1)).toBe("All changes saved");
  });

  it("tells the person when a kept change was about the refused argument and cannot be replayed", () => {
    const h = makeHarness();
    goLive(h);
    const refused = addPoint(h.client.doc, "Refused at once.");
    expect(updateArgument(h.client.doc, ARTICLE, refused.id, { text: "Refused at once, then edited." }).ok).toBe(true);
    const [frameRefused, frameEdit] = h.server.takeSync();
    frameRefused.ack(errorAck("forbidden", "The board is locked."));
    frameEdit.ack(errorAck("resync-required"));
    expect(h.errors[0].message).toBe("Your new argument “Refused at once.” was not saved: The board is locked. Your other change is kept.");

    h.server.answerJoin();
    h.server.handshake();
    expect(h.errors[1]).toMatchObject({ code: "update-rejected", details: { argumentId: refused.id } });
    expect(h.errors[1].message).toBe("Your change to “Refused at once, then edited.” could not be kept: that argument is no longer on the board.");
    h.server.settle();
    expect(argumentsMap(h.server.doc).has(refused.id)).toBe(false);
    expect(readBoard(h.client.doc)).toEqual(readBoard(h.server.doc));
  });

  it("names a refused delete by the text of the argument it tried to delete", () => {
    const h = makeHarness();
    const bobs = addPoint(h.server.doc, "Bob's point, which Alice may not delete.", { author: BOB });
    goLive(h);
    expect(deleteArgument(h.client.doc, bobs.id).ok).toBe(true);
    const [frame] = h.server.takeSync();
    frame.ack(errorAck("forbidden", "Only Bob may delete this argument."));
    expect(h.errors[0].message).toBe("Deleting “Bob's point, which Alice may not delete.” was not saved: Only Bob may delete this argument.");
    h.server.answerJoin();
    h.server.handshake();
    h.server.settle();
    expect(readArgument(h.client.doc, bobs.id)).toEqual(bobs); // back, as the server has it
  });

  it("a late failure of a change from the discarded document changes nothing", () => {
    const h = makeHarness();
    goLive(h);
    addPoint(h.client.doc, "Refused.");
    addPoint(h.client.doc, "Kept.");
    const [refusedFrame, keptFrame] = h.server.takeSync();
    refusedFrame.ack(errorAck("update-rejected", "No."));
    h.server.answerJoin();
    const afterJoin = h.socket.outbox.length;
    keptFrame.ack(errorAck("resync-required")); // arrives after the reset
    expect(h.socket.outbox.length).toBe(afterJoin);
    vi.advanceTimersByTime(60_000);
    expect(h.socket.outbox.filter((sent) => sent.event === EVENTS.sync)).toHaveLength(1); // only the new Step 1
    expect(h.client.pending).toBe(0);
    expect(h.errors).toHaveLength(1);
  });

  it("withdraws the discarded document's presence and publishes the person again under the new one", () => {
    const h = makeHarness();
    h.client.setPresence(PRESENCE);
    goLive(h);
    const oldId = h.client.doc.clientID;
    addPoint(h.client.doc, "Refused.");
    h.server.takeSync()[0].ack(errorAck("update-rejected", "No."));
    h.server.answerJoin();
    const seen = new Awareness(new Y.Doc());
    for (const sent of h.socket.take(EVENTS.awareness)) applyAwarenessUpdate(seen, sent.payload as Uint8Array, "server");
    expect(seen.getStates().has(oldId)).toBe(false);
    expect(seen.getStates().get(h.client.doc.clientID)).toEqual(PRESENCE);
  });
});

