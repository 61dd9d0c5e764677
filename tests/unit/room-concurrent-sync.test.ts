/**
 * One connection's frames arriving together, out of order, twice or not at all: the room handles
 * sync messages one at a time, stores each change once, refuses what it cannot place yet (the client
 * resyncs) and in the end everyone holds the same board as the store.
 */
import { describe, expect, it } from "vitest";
import { readArgument } from "@/lib/board/doc";
import { addAs, expectConverged, expectEverywhere, syncAll } from "./support/room-assertions";
import { openRoom } from "./support/room-fixture";

async function historyLength(fixture: Awaited<ReturnType<typeof openRoom>>): Promise<number> {
  return (await fixture.store.loadHistory(fixture.boardId)).length;
}

describe("room: concurrent sync messages from one connection", () => {
  it("two updates delivered at once are both stored, in the order they were sent", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const rows = await historyLength(fixture);
    const first = addAs(alice, "First of two at once.");
    const second = addAs(alice, "Second of two at once.");
    alice.toServer.deliver();
    alice.toServer.deliver(); // before the first is answered
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([{ ok: true }, { ok: true }]);
    const history = await fixture.store.loadHistory(fixture.boardId);
    expect(history).toHaveLength(rows + 2);
    expect(history.slice(-2).map((e) => e.memberId)).toEqual(["mem-alice", "mem-alice"]);
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], first.id);
    await expectEverywhere(fixture, [alice, bob], second.id);
  });

  it("a Step 1 and an update delivered at once: the handshake and the update both complete", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    await alice.sync();
    alice.resync();
    const added = addAs(alice, "Written while the handshake runs again.");
    expect(alice.toServer.waiting.map((f) => f.kind)).toEqual(["step1", "update"]);
    alice.toServer.deliver();
    alice.toServer.deliver();
    await alice.settled();
    expect(alice.acks.filter((a) => !a.result.ok)).toEqual([]);
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    await expectConverged(fixture, [alice]);
    await expectEverywhere(fixture, [alice], added.id);
  });

  it("a reply that overtakes its parent is refused with resync-required, and the resync saves both", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const parent = addAs(alice, "The parent point.");
    const reply = addAs(alice, "A reply to it.", parent.id);
    alice.toServer.reorder([1, 0]);
    alice.toServer.deliver();
    await alice.settled();
    expect(alice.acksOf("update")[0]).toMatchObject({ ok: false, code: "resync-required", retry: true });
    expect(readArgument(fixture.room.doc, reply.id)).toBeNull();
    await syncAll([alice, bob]); // the parent arrives, then the client's resync sends the reply again
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], parent.id);
    await expectEverywhere(fixture, [alice, bob], reply.id);
  });

  it("a duplicated update is stored once and acknowledged twice", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    await alice.sync();
    const rows = await historyLength(fixture);
    const added = addAs(alice, "Said twice by the network.");
    alice.toServer.duplicate(0);
    alice.toServer.deliver();
    alice.toServer.deliver();
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([{ ok: true }, { ok: true }]);
    expect(await historyLength(fixture)).toBe(rows + 1);
    await expectConverged(fixture, [alice]);
    await expectEverywhere(fixture, [alice], added.id);
  });

  it("a dropped update is never acknowledged, and the next handshake saves it", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const lost = addAs(alice, "Lost on the way, then resent.");
    alice.toServer.drop(0);
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([]);
    expect(readArgument(fixture.room.doc, lost.id)).toBeNull();
    alice.disconnect();
    alice.connect();
    await syncAll([alice, bob]);
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], lost.id);
  });

  it("frames of a connection that has left are refused with not-joined and change nothing", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    await alice.sync();
    const stale = alice.connection!;
    addAs(alice, "Sent on a connection that then closed.");
    const [frame] = alice.toServer.waiting;
    alice.disconnect();
    expect(await fixture.room.handleSync(stale, frame.frame)).toMatchObject({ ok: false, code: "not-joined" });
    expect((await fixture.stored()).arguments).toEqual([]);
  });

  it("broadcasts that reach a client in reverse order still leave it with the room's board", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const parent = addAs(alice, "Broadcast first.");
    const reply = addAs(alice, "Broadcast second, a reply.", parent.id);
    // One at a time, so each is committed and broadcast on its own (together they would share one frame).
    alice.toServer.deliver();
    await alice.settled();
    alice.toServer.deliver();
    await alice.settled();
    expect(bob.toClient.size).toBe(2);
    bob.toClient.reorder([1, 0]);
    bob.toClient.deliver();
    expect(readArgument(bob.doc, reply.id)).toBeNull(); // held back by Yjs until its parent's update arrives
    bob.toClient.deliver();
    expect(readArgument(bob.doc, reply.id)).not.toBeNull();
    await expectConverged(fixture, [alice, bob]);
  });

  it("a broadcast lost on the way to a client is recovered by its next handshake", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    const missed = addAs(alice, "Bob never hears of this one.");
    await alice.sync();
    bob.toClient.drop(0);
    const own = addAs(bob, "Bob carries on regardless.");
    await syncAll([alice, bob]);
    expect(readArgument(bob.doc, missed.id)).toBeNull();
    bob.resync();
    await syncAll([alice, bob]);
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], missed.id);
    await expectEverywhere(fixture, [alice, bob], own.id);
  });
});
