/**
 * The coalescing window (RoomOptions.coalesceMs): group commits start at least that far apart. An
 * update into a quiet room is committed at once; updates arriving sooner after a commit wait out the
 * rest of the window together and cost one insert and one frame per connection. The guarantees stay:
 * each is acknowledged, applied and passed on only once the insert has resolved, and a room going
 * away commits what is still waiting. Timers and the clock are faked, so the window ends exactly when
 * the test says, however busy the machine is.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { readArgument } from "@/lib/board/doc";
import { decodeSyncMessage } from "@/lib/protocol/sync-messages";
import { addAs, expectConverged, expectEverywhere, syncAll } from "./support/room-assertions";
import type { RoomClient } from "./support/room-client";
import { openRoom, type RoomFixture } from "./support/room-fixture";

const WINDOW_MS = 1_000;
const appends = (fixture: RoomFixture) => fixture.faults.calls.get("appendUpdates") ?? 0;

/** Room clients, all synced (with real timers), then the window's timer faked from here on. */
async function coalescingRoom(names: string[]): Promise<{ fixture: RoomFixture; clients: RoomClient[] }> {
  const fixture = await openRoom({ coalesceMs: WINDOW_MS });
  const clients = names.map((name) => fixture.client(name));
  await syncAll(clients); // joining sends nothing new, so nothing waits on the window yet
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  return { fixture, clients };
}

/** Delivers a client's waiting frame and waits until the room has validated it (its commit still waits). */
async function deliverAndValidate(fixture: RoomFixture, client: RoomClient): Promise<void> {
  client.toServer.deliver();
  await vi.waitFor(() => expect(fixture.room.pendingSteps).toBe(0));
}

/** One update committed right away (the room was quiet): the window now runs from it. */
async function commitOnce(client: RoomClient): Promise<void> {
  addAs(client, `${client.name}, opening the window.`);
  client.toServer.deliver();
  await client.settled();
}

/** Yjs client ids whose updates the waiting sync frames to `client` carry. */
function carriedIds(client: RoomClient): number[] {
  const ids: number[] = [];
  for (const message of client.toClient.waiting) {
    const decoded = message.kind === "sync" ? decodeSyncMessage(message.frame) : null;
    if (!decoded || decoded.type === 0) continue;
    const { from, to } = Y.parseUpdateMeta(decoded.update);
    for (const [id, clock] of to) if (clock > (from.get(id) ?? 0)) ids.push(id);
  }
  return ids.sort();
}

afterEach(() => {
  vi.useRealTimers();
});

describe("room: coalescing window", () => {
  it("commits an update into a quiet room at once, and the updates right behind it together once the window has passed", async () => {
    const { fixture, clients } = await coalescingRoom(["Alice", "Bob", "Carol", "Dave"]);
    const [alice, bob, carol, dave] = clients;
    const before = appends(fixture);
    const first = addAs(alice, "Alice, into a quiet room.");
    alice.toServer.deliver();
    await alice.settled();
    expect(alice.acksOf("update")).toEqual([{ ok: true }]);
    expect(appends(fixture) - before).toBe(1);
    expect(carriedIds(dave)).toEqual([alice.doc.clientID]);
    dave.toClient.flush();

    const second = addAs(bob, "Bob, right behind her.");
    await deliverAndValidate(fixture, bob);
    const third = addAs(carol, "Carol, a moment later.");
    await deliverAndValidate(fixture, carol);
    // Validated, but neither stored, applied, acknowledged nor passed on while the window lasts.
    expect(appends(fixture) - before).toBe(1);
    expect(readArgument(fixture.room.doc, second.id)).toBeNull();
    expect([...bob.acksOf("update"), ...carol.acksOf("update")]).toEqual([]);
    expect(dave.toClient.size).toBe(0);

    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    await Promise.all([bob.settled(), carol.settled()]);
    expect(appends(fixture) - before).toBe(2);
    expect(bob.acksOf("update")).toEqual([{ ok: true }]);
    expect(carol.acksOf("update")).toEqual([{ ok: true }]);
    expect(dave.toClient.size).toBe(1);
    expect(carriedIds(dave)).toEqual([bob.doc.clientID, carol.doc.clientID].sort());
    await expectConverged(fixture, clients);
    for (const argument of [first, second, third]) await expectEverywhere(fixture, clients, argument.id);
  });

  it("a server change during the window commits the waiting batch first, without waiting for the window", async () => {
    const { fixture, clients } = await coalescingRoom(["Alice", "Bob"]);
    const [alice] = clients;
    await commitOnce(alice);
    const added = addAs(alice, "Before the server's change.");
    await deliverAndValidate(fixture, alice);
    let seen = false;
    await fixture.room.runServerChange(null, (doc) => {
      seen = readArgument(doc, added.id) !== null;
      return { ok: true, value: null };
    });
    await alice.settled();
    expect(seen).toBe(true);
    expect(alice.acksOf("update")).toEqual([{ ok: true }, { ok: true }]);
    expect(readArgument(fixture.room.doc, added.id)).not.toBeNull();
  });

  it("a room destroyed during the window stores and acknowledges what was waiting", async () => {
    const { fixture, clients } = await coalescingRoom(["Alice"]);
    const [alice] = clients;
    await commitOnce(alice);
    const added = addAs(alice, "Sent just before everyone left.");
    await deliverAndValidate(fixture, alice);
    const before = appends(fixture);

    await fixture.room.destroy();
    await alice.settled();
    expect(appends(fixture) - before).toBe(1);
    expect(alice.acksOf("update")).toEqual([{ ok: true }, { ok: true }]);
    expect((await fixture.stored()).arguments.map((argument) => argument.id)).toContain(added.id);
  });
});
