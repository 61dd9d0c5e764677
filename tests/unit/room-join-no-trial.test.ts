/**
 * A join costs the room no trial copy: a client's Sync Step 2 that carries nothing the live document
 * lacks is answered without building the second copy of the board (lib/board/update-news.ts). Anything
 * with news still goes through the full check: an observer's write is refused, an offline edit stored.
 */
import { describe, expect, it } from "vitest";
import { readArgument } from "@/lib/board/doc";
import { SYNC_STEP_1, SYNC_STEP_2, decodeSyncMessage, encodeSyncMessage } from "@/lib/protocol/sync-messages";
import { addAs, expectConverged, syncAll } from "./support/room-assertions";
import { openRoom } from "./support/room-fixture";

const appends = (calls: Map<string, number>) => (calls.get("appendUpdates") ?? 0) + (calls.get("appendUpdate") ?? 0);

describe("room: joining builds no trial copy", () => {
  it("a participant's Step 1 / Step 2 handshake is answered without one", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    await alice.sync();
    expect(alice.acksOf("step1")).toEqual([{ ok: true }]);
    expect(alice.acksOf("step2")).toEqual([{ ok: true }]);
    expect(fixture.room.holdsTrialCopy).toBe(false);
  });

  it("many joins in a row leave none either, and store nothing", async () => {
    const fixture = await openRoom();
    const before = appends(fixture.faults.calls);
    const clients = ["Alice", "Bob", "Carol", "Dave"].map((name) => fixture.client(name));
    await syncAll(clients);
    for (const client of clients) expect(client.acksOf("step2")).toEqual([{ ok: true }]);
    expect(fixture.room.holdsTrialCopy).toBe(false);
    expect(appends(fixture.faults.calls) - before).toBe(0);
  });

  it("an observer's handshake (a no-op) is accepted, and still builds no copy", async () => {
    const fixture = await openRoom();
    const olive = fixture.client("Olive", "observer");
    await olive.sync();
    expect(olive.acksOf("step2")).toEqual([{ ok: true }]);
    expect(fixture.room.holdsTrialCopy).toBe(false);
  });

  it("an observer's real write still goes the full way and is refused", async () => {
    const fixture = await openRoom();
    const olive = fixture.client("Olive", "observer");
    await olive.sync();
    const written = addAs(olive, "Observers may not write this.");
    olive.toServer.deliver();
    await olive.settled();
    expect(olive.acksOf("update")).toEqual([expect.objectContaining({ ok: false, code: "forbidden" })]);
    expect(readArgument(fixture.room.doc, written.id)).toBeNull();
  });

  it("a client that rejoins with an offline edit has it checked and stored through its Step 2", async () => {
    const fixture = await openRoom();
    const [alice, bob] = ["Alice", "Bob"].map((name) => fixture.client(name));
    await syncAll([alice, bob]);
    alice.disconnect();
    const offline = addAs(alice, "Written while offline.");
    alice.connect();
    await alice.sync();
    expect(alice.acksOf("step2").at(-1)).toEqual({ ok: true });
    expect(readArgument(fixture.room.doc, offline.id)).not.toBeNull();
    expect(fixture.room.holdsTrialCopy).toBe(true); // the offline edit was tried on the copy
    await expectConverged(fixture, [alice, bob]);
  });

  it("a Step 2 repeating an update still pending goes the full way and is acknowledged once it is stored", async () => {
    const fixture = await openRoom();
    const [alice, bob] = ["Alice", "Bob"].map((name) => fixture.client(name));
    await syncAll([alice, bob]);
    const added = addAs(alice, "Pending when the Step 2 comes.");
    const [out] = alice.toServer.waiting;
    const decoded = decodeSyncMessage(out.frame);
    if (!decoded || decoded.type === SYNC_STEP_1) throw new Error("expected an update frame");
    const commit = fixture.faults.holdNext("appendUpdates");
    alice.toServer.deliver(); // joins the pending batch; its commit is held
    // The same struct again, as a Step 2, before the batch is stored: the live document lacks it.
    const repeated = fixture.room.handleSync(alice.connection!, encodeSyncMessage({ type: SYNC_STEP_2, update: decoded.update }));
    await commit.reached;
    let answered = false;
    void repeated.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(answered).toBe(false); // it waits for the batch it repeats
    commit.release();
    expect(await repeated).toEqual({ ok: true });
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    expect((await fixture.store.loadHistory(fixture.boardId)).filter((entry) => entry.memberId === "mem-alice")).toHaveLength(1);
    await expectConverged(fixture, [alice, bob]);
    expect(readArgument(fixture.room.doc, added.id)).not.toBeNull();
  });

  it("a join after a change gets the changed board, not a handshake remembered from before it", async () => {
    const fixture = await openRoom();
    const [alice, bob] = ["Alice", "Bob"].map((name) => fixture.client(name));
    await syncAll([alice, bob]); // two fresh clients asked the same: the answer is remembered
    const added = addAs(alice, "Written after the first joins.");
    await alice.sync();
    const carol = fixture.client("Carol");
    await carol.sync();
    expect(readArgument(carol.doc, added.id)?.text).toBe("Written after the first joins.");
    await expectConverged(fixture, [alice, bob, carol]);
  });
});
