/**
 * Issue 7, item 3: "All changes saved" while nothing is saved. The status is driven by acks that
 * succeeded: a failed ack keeps the change pending (and resent with backoff), changes made or lost
 * offline are counted, and "saved" appears only once the server has confirmed every one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readArgument, readBoard } from "@/lib/board/doc";
import { SYNC_UPDATE } from "@/lib/protocol/sync-messages";
import { addPoint, goLive, makeHarness } from "./support/client-harness";
import { errorAck } from "./support/fake-sync-socket";

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("board client: honest saving status", () => {
  it("keeps a change whose ack failed pending, says so, and resends it until it is stored", () => {
    const h = makeHarness();
    goLive(h);
    h.shown.length = 0;
    const point = addPoint(h.client.doc, "Made while the database is down.");
    const [first] = h.server.takeSync();
    first.ack(errorAck("storage-unavailable", "The database could not be reached."));
    expect(h.client.pending).toBe(1);
    expect(h.shown.at(-1)).toBe("Not saved yet — retrying (1 change)");
    expect(h.errors).toMatchObject([{ code: "storage-unavailable" }]);

    vi.advanceTimersByTime(500);
    const [again] = h.server.takeSync();
    expect(again.message).toEqual(first.message); // the same update, resent
    again.ack(errorAck("storage-unavailable")); // still down
    vi.advanceTimersByTime(999);
    expect(h.server.takeSync()).toEqual([]); // waits longer each time
    vi.advanceTimersByTime(1);
    h.server.settle(); // the database is back
    expect(h.client.pending).toBe(0);
    expect(h.errors).toHaveLength(1); // one notice for the whole outage
    expect(readArgument(h.server.doc, point.id)).toEqual(point);
    expect(h.shown).toEqual(["Saving…", "Not saved yet — retrying (1 change)", "All changes saved"]);
  });

  it("resends in order a change refused only because an earlier one failed (resync-required)", () => {
    const h = makeHarness();
    goLive(h);
    const a = addPoint(h.client.doc, "First point.");
    const b = addPoint(h.client.doc, "Second point.");
    const [ackA, ackB] = h.server.takeSync();
    ackA.ack(errorAck("storage-unavailable"));
    ackB.ack(errorAck("resync-required"));
    expect(h.client.pending).toBe(2);
    expect(h.shown.at(-1)).toBe("Not saved yet — retrying (2 changes)");

    vi.advanceTimersByTime(500);
    const resent = h.server.takeSync();
    expect(resent.map((frame) => frame.message)).toEqual([ackA.message, ackB.message]);
    resent.forEach((frame) => h.server.store(frame));
    expect(h.client.pending).toBe(0);
    expect(readBoard(h.server.doc).arguments.map((arg) => arg.id).sort()).toEqual([a.id, b.id].sort());
    expect(h.shown.at(-1)).toBe("All changes saved");
  });

  it("counts changes lost in flight and made offline, and saves them all after the reconnect", () => {
    const h = makeHarness();
    goLive(h);
    const inFlight = addPoint(h.client.doc, "Sent, never acknowledged.");
    h.socket.drop("transport close"); // the ack is lost with the connection
    expect(h.shown.at(-1)).toBe("Offline — 1 change will sync when you reconnect");
    const offline = addPoint(h.client.doc, "Written offline.");
    expect(h.shown.at(-1)).toBe("Offline — 2 changes will sync when you reconnect");
    expect(h.socket.outbox).toEqual([]);

    h.socket.open();
    h.server.answerJoin();
    const updates = h.server.handshake();
    expect(updates.map((frame) => frame.message.type)).toEqual([SYNC_UPDATE, SYNC_UPDATE]);
    expect(h.shown.at(-1)).not.toBe("All changes saved");
    h.server.settle();
    for (const updateFrame of updates) h.server.store(updateFrame);
    expect(h.client.pending).toBe(0);
    expect(h.shown.at(-1)).toBe("All changes saved");
    expect(readBoard(h.server.doc).arguments.map((arg) => arg.id).sort()).toEqual([inFlight.id, offline.id].sort());
    expect(readBoard(h.client.doc)).toEqual(readBoard(h.server.doc));
  });

  it("never shows saved between a failed ack and the successful one", () => {
    const h = makeHarness();
    goLive(h);
    h.shown.length = 0;
    addPoint(h.client.doc, "One.");
    addPoint(h.client.doc, "Two.");
    const [one, two] = h.server.takeSync();
    h.server.store(one); // the first is stored…
    two.ack(errorAck("storage-unavailable")); // …the second is not
    expect(h.shown).toEqual(["Saving…", "Not saved yet — retrying (1 change)"]);
    vi.advanceTimersByTime(500);
    h.server.settle();
    expect(h.shown).toEqual(["Saving…", "Not saved yet — retrying (1 change)", "All changes saved"]);
  });
});
