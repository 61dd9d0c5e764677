/**
 * Issue 7, item 1, without sockets or a database: an edit and a delete of the same argument cross,
 * and the editor's next argument must still be saved, applied and sent to everyone. Before the fix in
 * lib/board/check-update.ts the edit was called a no-op when it landed after the delete: acknowledged,
 * never stored, yet left in the room's trial copy, so the editor's next update was acknowledged,
 * stored and then stuck (unapplied) in the live document and in every fresh load.
 */
import { describe, expect, it } from "vitest";
import { readArgument } from "@/lib/board/doc";
import { updateArgument } from "@/lib/board/operations";
import { ARTICLE, addTestArgument } from "../integration/support/board";
import { addAs, deleteAs, editAs, expectConverged, expectEverywhere, syncAll } from "./support/room-assertions";
import { openRoom } from "./support/room-fixture";

/** A room with Alice and Bob, both holding Alice's argument X. */
async function twoHoldingX() {
  const fixture = await openRoom();
  const alice = fixture.client("Alice");
  const bob = fixture.client("Bob");
  await syncAll([alice, bob]);
  const x = addAs(alice, "X: aid buys leverage.");
  await syncAll([alice, bob]);
  expect(readArgument(bob.doc, x.id)).not.toBeNull();
  return { fixture, alice, bob, x };
}

describe("room: an offline edit crossing a delete (issue 7, item 1)", () => {
  it("delete stored first, then the offline edit: the edit and Bob's next argument are kept", async () => {
    const { fixture, alice, bob, x } = await twoHoldingX();
    bob.disconnect();
    deleteAs(alice, x.id);
    await alice.sync();
    expect(alice.acksOf("update").at(-1)).toEqual({ ok: true });

    editAs(bob, x.id, "X, edited offline.");
    bob.connect();
    await bob.sync();
    expect(bob.acksOf("step2").at(-1)).toEqual({ ok: true });
    const y = addAs(bob, "Y: written after reconnecting.");
    await bob.sync();
    expect(bob.acksOf("update").at(-1)).toEqual({ ok: true });

    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], y.id);
    expect(readArgument(fixture.room.doc, x.id)).toBeNull();
  });

  it("offline edit stored first, then the delete: both kept, Bob's next argument too", async () => {
    const { fixture, alice, bob, x } = await twoHoldingX();
    bob.disconnect();
    editAs(bob, x.id, "X, edited offline.");
    deleteAs(alice, x.id); // made, but still in flight
    bob.connect();
    await bob.sync();
    await alice.sync();
    expect(alice.acksOf("update").at(-1)).toEqual({ ok: true });
    const y = addAs(bob, "Y: written after reconnecting.");
    await bob.sync();
    expect(bob.acks.every((a) => a.result.ok)).toBe(true);

    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], y.id);
  });

  it("the offline edit and the next argument in one message (the Step 2 of the reconnect)", async () => {
    const { fixture, alice, bob, x } = await twoHoldingX();
    bob.disconnect();
    deleteAs(alice, x.id);
    await alice.sync();
    editAs(bob, x.id, "X, edited offline.");
    const y = addAs(bob, "Y: also written offline.");
    bob.connect();
    await bob.sync();
    expect(bob.acks.filter((a) => !a.result.ok)).toEqual([]);

    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], y.id);
  });
});

describe("room: a live edit crossing a delete in flight", () => {
  for (const order of ["delete-then-edit", "edit-then-delete"] as const) {
    it(`${order}: nothing acknowledged is lost and everyone converges`, async () => {
      const { fixture, alice, bob, x } = await twoHoldingX();
      deleteAs(alice, x.id);
      editAs(bob, x.id, "X, edited while Alice deletes it.");
      const [first, second] = order === "delete-then-edit" ? [alice, bob] : [bob, alice];
      first.toServer.deliver();
      await first.settled();
      second.toServer.deliver();
      await second.settled();
      expect([...alice.acks, ...bob.acks].filter((a) => !a.result.ok)).toEqual([]);

      const y = addAs(bob, "Y: Bob's next point.");
      await bob.sync();
      expect(bob.acksOf("update").at(-1)).toEqual({ ok: true });
      await expectConverged(fixture, [alice, bob]);
      await expectEverywhere(fixture, [alice, bob], y.id);
    });
  }

  it("the crossing edit and the next argument in one update, delivered after the delete", async () => {
    const { fixture, alice, bob, x } = await twoHoldingX();
    deleteAs(alice, x.id);
    await alice.sync(); // stored and queued for Bob, who has not received it yet
    const y = bob.edit((doc) => {
      let added = null as ReturnType<typeof addTestArgument> | null;
      doc.transact(() => {
        updateArgument(doc, ARTICLE, x.id, { text: "X, edited in the same breath." });
        added = addTestArgument(doc, { text: "Y, in the same update.", author: { id: bob.actor.memberId!, name: bob.name } });
      });
      return added!;
    });
    expect(bob.toServer.size).toBe(1);
    bob.toServer.deliver();
    await bob.settled();
    expect(bob.acksOf("update").at(-1)).toEqual({ ok: true });
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], y.id);
  });
});
