/**
 * Group commit at the room: updates that arrive together are validated one by one in arrival order,
 * stored with one appendUpdates, acknowledged only once it has resolved, and passed on as one frame
 * per connection (a lone sender gets nothing back; with several senders everyone gets the same frame,
 * their own updates included, which Yjs skips). A failed commit refuses every update in
 * the batch and none of it reaches the live document or anyone else; a refused update never enters a
 * batch, so it cannot spoil the others.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { argumentsMap, readArgument, readBoard } from "@/lib/board/doc";
import { decodeSyncMessage, syncUpdate } from "@/lib/protocol/sync-messages";
import { addAs, expectConverged, expectEverywhere, syncAll } from "./support/room-assertions";
import type { RoomClient } from "./support/room-client";
import { openRoom, trialAgreesWithLive, type RoomFixture } from "./support/room-fixture";

/** Room clients, all synced, with nothing waiting either way. */
async function synced(fixture: RoomFixture, names: string[]): Promise<RoomClient[]> {
  const clients = names.map((name) => fixture.client(name));
  await syncAll(clients);
  return clients;
}

/** Delivers the waiting frame of each client in the order given, all before the room answers any. */
async function deliverTogether(clients: RoomClient[]): Promise<void> {
  for (const client of clients) client.toServer.deliver();
  await Promise.all(clients.map((client) => client.settled()));
}

/** For each Yjs client id, how many of the waiting sync frames to `client` carry updates of it. */
function carried(client: RoomClient): Map<number, number> {
  const counts = new Map<number, number>();
  for (const message of client.toClient.waiting) {
    if (message.kind !== "sync") continue;
    const decoded = decodeSyncMessage(message.frame);
    if (!decoded || decoded.type === 0) continue;
    const { from, to } = Y.parseUpdateMeta(decoded.update);
    for (const [id, clock] of to) if (clock > (from.get(id) ?? 0)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const appends = (fixture: RoomFixture) => fixture.faults.calls.get("appendUpdates") ?? 0;

describe("room: group commit", () => {
  it.each([
    ["in one order", [0, 1, 2]],
    ["in the other", [2, 1, 0]],
  ])("stores updates that arrive together with one insert, %s, and passes each on exactly once", async (_order, order) => {
    const fixture = await openRoom();
    const [alice, bob, carol, dave] = await synced(fixture, ["Alice", "Bob", "Carol", "Dave"]);
    const senders = [alice, bob, carol];
    const added = senders.map((client) => addAs(client, `${client.name} says so.`));
    const before = appends(fixture);

    await deliverTogether(order.map((i) => senders[i]));
    expect(appends(fixture) - before).toBe(1);
    for (const sender of senders) expect(sender.acksOf("update")).toEqual([{ ok: true }]);
    // Stored in arrival order, each with its sender.
    const history = await fixture.store.loadHistory(fixture.boardId);
    expect(history.slice(-3).map((entry) => entry.memberId)).toEqual(order.map((i) => senders[i].actor.memberId));

    // One frame each, the same for all: it holds all three updates (a sender's own is a no-op to it).
    for (const client of [dave, ...senders]) {
      expect(client.toClient.size).toBe(1);
      expect(carried(client)).toEqual(new Map(senders.map((s) => [s.doc.clientID, 1])));
    }
    await expectConverged(fixture, [alice, bob, carol, dave]);
    for (const argument of added) await expectEverywhere(fixture, [alice, bob, carol, dave], argument.id);
  });

  /** A room whose transport records each frame it is handed and who it is for. */
  async function recordingRoom() {
    const sends: { to: string[]; frame: Uint8Array }[] = [];
    const fixture = await openRoom({
      sendSyncToMany: (recipients, frame) => {
        sends.push({ to: recipients.map((c) => c.id), frame });
        for (const connection of recipients) connection.sendSync(frame);
      },
    });
    return { fixture, sends };
  }
  const id = (client: RoomClient) => client.connection!.id;

  it("hands the transport one frame for everyone when several connections sent in the batch", async () => {
    const { fixture, sends } = await recordingRoom();
    const [alice, bob, carol, dave] = await synced(fixture, ["Alice", "Bob", "Carol", "Dave"]);
    addAs(alice, "Alice's.");
    addAs(bob, "Bob's.");
    sends.length = 0;
    await deliverTogether([alice, bob]);
    expect(sends.map((s) => [...s.to].sort())).toEqual([[id(alice), id(bob), id(carol), id(dave)].sort()]);
    // Applying its own update again changes nothing on a sender, and emits nothing to send back.
    const echoes: Uint8Array[] = [];
    alice.doc.on("update", (update: Uint8Array) => echoes.push(update));
    alice.toClient.flush();
    expect(echoes).toHaveLength(1); // Bob's update only
    await expectConverged(fixture, [alice, bob, carol, dave]);
  });

  it("passes a batch from one connection to everyone else, and nothing back to its sender", async () => {
    const { fixture, sends } = await recordingRoom();
    const [alice, bob, carol] = await synced(fixture, ["Alice", "Bob", "Carol"]);
    const first = addAs(alice, "Alice's first.");
    const second = addAs(alice, "Alice's second.");
    sends.length = 0;
    const before = appends(fixture);
    alice.toServer.flush();
    await alice.settled();
    expect(appends(fixture) - before).toBe(1);
    expect(alice.acksOf("update")).toEqual([{ ok: true }, { ok: true }]);
    expect(sends.map((s) => [...s.to].sort())).toEqual([[id(bob), id(carol)].sort()]);
    expect(alice.toClient.size).toBe(0);
    expect(carried(bob)).toEqual(new Map([[alice.doc.clientID, 1]]));
    await expectConverged(fixture, [alice, bob, carol]);
    for (const argument of [first, second]) await expectEverywhere(fixture, [alice, bob, carol], argument.id);
  });

  it("acknowledges, applies and passes on the batch only once its insert has resolved", async () => {
    const fixture = await openRoom();
    const [alice, bob, carol] = await synced(fixture, ["Alice", "Bob", "Carol"]);
    const gate = fixture.faults.holdNext("appendUpdates");
    const first = addAs(alice, "Alice, waiting on the disk.");
    const second = addAs(bob, "Bob, in the same batch.");
    alice.toServer.deliver();
    bob.toServer.deliver();
    await gate.reached;

    expect([...alice.acksOf("update"), ...bob.acksOf("update")]).toEqual([]);
    expect(readArgument(fixture.room.doc, first.id)).toBeNull();
    expect(readArgument(fixture.room.doc, second.id)).toBeNull();
    expect(carol.toClient.size).toBe(0);
    expect((await fixture.stored()).arguments).toEqual([]);

    gate.release();
    await Promise.all([alice.settled(), bob.settled()]);
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    expect(bob.acksOf("update")).toEqual([{ ok: true }]);
    expect(carol.toClient.size).toBe(1);
    await expectConverged(fixture, [alice, bob, carol]);
  });

  it("a failed commit refuses every update in the batch, and none of it reaches the room or anyone else", async () => {
    const fixture = await openRoom();
    const [alice, bob, carol] = await synced(fixture, ["Alice", "Bob", "Carol"]);
    const before = readBoard(fixture.room.doc);
    const kept = [addAs(alice, "Alice, lost with the batch."), addAs(bob, "Bob, lost with the batch.")];

    fixture.faults.failNext("appendUpdates");
    await deliverTogether([alice, bob]);
    for (const client of [alice, bob]) expect(client.acksOf("update")).toEqual([expect.objectContaining({ ok: false, code: "storage-unavailable", retry: true })]);
    expect(readBoard(fixture.room.doc)).toEqual(before);
    expect(trialAgreesWithLive(fixture.room)).toBe(true);
    expect(await fixture.stored()).toEqual(before);
    for (const client of [alice, bob, carol]) expect(client.toClient.size).toBe(0);

    // Each client resyncs after the retryable refusal, and nothing is lost.
    await expectConverged(fixture, [alice, bob, carol]);
    for (const argument of kept) await expectEverywhere(fixture, [alice, bob, carol], argument.id);
  });

  it("a refused update stays out of the batch: the updates around it are stored together", async () => {
    const fixture = await openRoom();
    const [alice, carol] = await synced(fixture, ["Alice", "Carol"]);
    const olive = fixture.client("Olive", "observer");
    await olive.sync();
    const before = appends(fixture);
    const mine = addAs(alice, "Alice, accepted.");
    addAs(olive, "An observer may not write this.");
    const theirs = addAs(carol, "Carol, accepted.");

    await deliverTogether([alice, olive, carol]);
    expect(olive.acksOf("update")).toEqual([expect.objectContaining({ ok: false, code: "forbidden" })]);
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    expect(carol.acksOf("update")).toEqual([{ ok: true }]);
    expect(appends(fixture) - before).toBe(1);
    expect((await fixture.store.loadHistory(fixture.boardId)).slice(-2).map((e) => e.memberId)).toEqual(["mem-alice", "mem-carol"]);
    await syncAll([alice, carol]);
    await expectEverywhere(fixture, [alice, carol], mine.id);
    await expectEverywhere(fixture, [alice, carol], theirs.id);
  });

  it("checks each update against the updates accepted before it in the same batch", async () => {
    const fixture = await openRoom();
    const [alice, bob] = await synced(fixture, ["Alice", "Bob"]);
    const target = addAs(alice, "Alice's, not yet stored.");
    const [aliceFrame] = alice.toServer.waiting;
    // Bob somehow holds Alice's pending argument and puts his name on it. Against the live document
    // alone (which lacks it) that would pass for a new argument of his own.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(bob.doc));
    Y.applyUpdate(copy, decodeUpdate(aliceFrame.frame));
    const takeover: Uint8Array[] = [];
    copy.on("update", (update: Uint8Array) => takeover.push(update));
    const record = argumentsMap(copy).get(target.id) as unknown as Y.Map<unknown>;
    copy.transact(() => {
      record.set("authorId", "mem-bob");
      record.set("authorName", "Bob");
    });

    alice.toServer.deliver();
    const refused = fixture.room.handleSync(bob.connection!, syncUpdate(takeover[0]));
    await alice.settled();
    expect(await refused).toMatchObject({ ok: false, code: "update-rejected", details: { code: "immutable-field" } });
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    await expectConverged(fixture, [alice, bob]);
    expect(readArgument(fixture.room.doc, target.id)?.authorId).toBe("mem-alice");
  });

  it("a server change waits for the pending batch and is stored after it", async () => {
    const fixture = await openRoom();
    const [alice, bob] = await synced(fixture, ["Alice", "Bob"]);
    const added = addAs(alice, "Before the server's change.");
    alice.toServer.deliver();
    const change = fixture.room.runServerChange(null, (doc) => {
      // The change sees the batch that came before it.
      expect(readArgument(doc, added.id)).not.toBeNull();
      return { ok: true, value: null };
    });
    await Promise.all([alice.settled(), change]);
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    await expectConverged(fixture, [alice, bob]);
  });

  it("answers a joining client's empty Step 2 without building a trial copy", async () => {
    const fixture = await openRoom();
    const [alice] = await synced(fixture, ["Alice"]);
    expect(alice.acksOf("update").every((ack) => ack.ok)).toBe(true);
    expect(fixture.room.holdsTrialCopy).toBe(false);
  });

  it("holds no trial copy until an update needs one, and drops it once the board is quiet", async () => {
    const fixture = await openRoom({ trialIdleMs: 20 });
    expect(fixture.room.holdsTrialCopy).toBe(false);
    const [alice] = await synced(fixture, ["Alice"]);
    addAs(alice, "Builds the copy.");
    await alice.sync();
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    await expect.poll(() => fixture.room.holdsTrialCopy).toBe(false);
    const later = addAs(alice, "Rebuilds it.");
    await alice.sync();
    await expectConverged(fixture, [alice]);
    await expectEverywhere(fixture, [alice], later.id);
  });
});

function decodeUpdate(frame: Uint8Array): Uint8Array {
  const decoded = decodeSyncMessage(frame);
  if (!decoded || decoded.type === 0) throw new Error("not an update frame");
  return decoded.update;
}
