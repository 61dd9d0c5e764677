/**
 * "Never acknowledge what is not stored", at the room: a store that fails leaves the live document and
 * its trial copy identical and untouched, the sender gets ok:false (retry), nobody else hears of the
 * change, and the acknowledgement never comes before the store's append has resolved.
 */
import { describe, expect, it } from "vitest";
import { readArgument, readBoard } from "@/lib/board/doc";
import { addAs, deleteAs, editAs, expectConverged, expectEverywhere, syncAll } from "./support/room-assertions";
import { openRoom, trialAgreesWithLive } from "./support/room-fixture";

describe("room: the store fails or is slow", () => {
  it("a failed append is acknowledged ok:false, changes nothing, and the client's resync saves it", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const before = readBoard(fixture.room.doc);

    fixture.faults.failNext("appendUpdates");
    const added = addAs(alice, "Said while the database is down.");
    alice.toServer.deliver();
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([expect.objectContaining({ ok: false, code: "storage-unavailable", retry: true })]);
    expect(readBoard(fixture.room.doc)).toEqual(before);
    expect(trialAgreesWithLive(fixture.room)).toBe(true);
    expect(await fixture.stored()).toEqual(before);
    expect(bob.toClient.size).toBe(0);

    // The client resyncs (as BoardClient does after a retryable refusal) and the change is saved.
    expect(alice.toServer.waiting.map((f) => f.kind)).toEqual(["step1"]);
    await syncAll([alice, bob]);
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], added.id);
  });

  it("several failures in a row, on edits and deletes too, lose nothing once the store is back", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const kept = addAs(alice, "Will be edited.");
    const gone = addAs(alice, "Will be deleted.");
    await syncAll([alice, bob]);

    fixture.faults.failNext("appendUpdates", 3);
    editAs(bob, kept.id, "Edited while the database is down.");
    deleteAs(alice, gone.id);
    const added = addAs(bob, "Added while the database is down.");
    await syncAll([alice, bob]);
    expect([...alice.acks, ...bob.acks].filter((a) => !a.result.ok).length).toBeGreaterThanOrEqual(3);

    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], added.id);
    expect(readArgument(fixture.room.doc, kept.id)?.text).toBe("Edited while the database is down.");
    expect(readArgument(fixture.room.doc, gone.id)).toBeNull();
  });

  it("acknowledges, applies and broadcasts only after the append has resolved", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const gate = fixture.faults.holdNext("appendUpdates");
    const added = addAs(alice, "Waiting on a slow disk.");
    alice.toServer.deliver();
    await gate.reached;

    expect(alice.acksOf("update")).toEqual([]);
    expect(readArgument(fixture.room.doc, added.id)).toBeNull();
    expect(bob.toClient.size).toBe(0);
    expect((await fixture.stored()).arguments).toEqual([]);

    gate.release();
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    expect((await fixture.stored()).arguments.map((a) => a.id)).toEqual([added.id]);
    expect(readArgument(fixture.room.doc, added.id)).not.toBeNull();
    expect(bob.toClient.size).toBe(1);
    await expectConverged(fixture, [alice, bob]);
  });

  it("a message that arrives while an append is held waits its turn, and both are stored in order", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const gate = fixture.faults.holdNext("appendUpdates");
    const first = addAs(alice, "Alice, held up.");
    const second = addAs(bob, "Bob, right behind.");
    alice.toServer.deliver();
    await gate.reached;
    bob.toServer.deliver();
    expect(fixture.faults.calls.get("appendUpdates")).toBe(1); // Bob's waits: one message at a time
    gate.release();
    await Promise.all([alice.settled(), bob.settled()]);
    const history = await fixture.store.loadHistory(fixture.boardId);
    expect(history.slice(-2).map((e) => e.memberId)).toEqual(["mem-alice", "mem-bob"]);
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], first.id);
    await expectEverywhere(fixture, [alice, bob], second.id);
  });

  it("a failed compaction loses nothing and editing carries on", async () => {
    const fixture = await openRoom({ compactEvery: 2 });
    const alice = fixture.client("Alice");
    await alice.sync();
    fixture.faults.failNext("compact");
    const ids = [addAs(alice, "One."), addAs(alice, "Two."), addAs(alice, "Three.")].map((a) => a.id);
    await alice.sync();
    await fixture.room.compact();
    expect(fixture.faults.calls.get("compact")).toBeGreaterThanOrEqual(2);
    await expectConverged(fixture, [alice]);
    for (const id of ids) await expectEverywhere(fixture, [alice], id);
  });
});
