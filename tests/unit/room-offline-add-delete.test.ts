/**
 * Found by the sync fuzz (tests/integration/sync-fuzz.test.ts, seeds 22 and 33): a client that, while
 * offline, adds an argument and deletes it again sends both in its reconnect Step 2. The key is
 * "changed" but nothing is visible before or after, and authorizeUpdate (lib/board/permissions.ts)
 * treats a change with `before === null` as a new argument whose `after?.authorId` must be the sender:
 * `undefined !== memberId`, so the whole Step 2 is refused as forbidden ("A new argument must carry
 * your own name.") and the client reloads the server's state, discarding everything else it wrote
 * offline. Nothing acknowledged is lost, but unacknowledged offline work is thrown away for no reason.
 * Fixed in check-update.ts: a change with neither a before nor an after asks for nothing.
 */
import { describe, expect, it } from "vitest";
import { readArgument } from "@/lib/board/doc";
import { addAs, deleteAs, expectConverged, expectEverywhere, syncAll } from "./support/room-assertions";
import { openRoom } from "./support/room-fixture";

describe("room: an argument added and deleted offline, in the same Step 2 as other offline work", () => {
  it("accepts the Step 2 and keeps the rest of the offline work (regression: fuzz seeds 22, 33)", async () => {
    const fixture = await openRoom();
    const alice = fixture.client("Alice");
    const bob = fixture.client("Bob");
    await syncAll([alice, bob]);
    bob.disconnect();
    const regretted = addAs(bob, "Written offline, then withdrawn.");
    deleteAs(bob, regretted.id);
    const kept = addAs(bob, "Written offline and kept.");
    bob.connect();
    await bob.sync();
    expect(bob.acks.filter((a) => !a.result.ok)).toEqual([]);
    await expectConverged(fixture, [alice, bob]);
    await expectEverywhere(fixture, [alice, bob], kept.id);
    expect(readArgument(fixture.room.doc, regretted.id)).toBeNull();
  });

});
