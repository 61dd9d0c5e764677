/**
 * Presence fan-out at the room: an accepted awareness frame, and the departure of a connection that
 * had presence, go to the transport as one frame for all the other connections (Socket.io sends it as
 * one broadcast), never back to the sender; without a transport's broadcast each gets it in turn.
 */
import { describe, expect, it } from "vitest";
import { encodeAwarenessEntries, parseAwarenessUpdate } from "@/server/sync/presence";
import { syncAll } from "./support/room-assertions";
import type { RoomClient } from "./support/room-client";
import { openRoom } from "./support/room-fixture";

const presenceOf = (client: RoomClient) =>
  encodeAwarenessEntries([{ clientId: client.doc.clientID, clock: 1, state: { user: { id: client.actor.memberId ?? "guest", name: client.name, color: "#123456" }, editing: null } }]);

describe("room: presence fan-out", () => {
  it("hands the transport one frame for everyone but the sender, and one for a departure", async () => {
    const sends: { to: string[]; frame: Uint8Array }[] = [];
    const fixture = await openRoom({
      sendAwarenessToMany: (recipients, frame) => {
        sends.push({ to: recipients.map((c) => c.id), frame });
        for (const connection of recipients) connection.sendAwareness(frame);
      },
    });
    const [alice, bob, carol] = ["Alice", "Bob", "Carol"].map((name) => fixture.client(name));
    await syncAll([alice, bob, carol]);
    const id = (client: RoomClient) => client.connection!.id;

    expect(fixture.room.handleAwareness(alice.connection!, presenceOf(alice))).toEqual({ ok: true });
    expect(sends.map((s) => s.to)).toEqual([[id(bob), id(carol)]]);
    expect(parseAwarenessUpdate(sends[0].frame)?.map((e) => e.clientId)).toEqual([alice.doc.clientID]);
    expect(alice.toClient.waiting.filter((m) => m.kind === "awareness")).toEqual([]);

    sends.length = 0;
    const [bobId, carolId] = [id(bob), id(carol)];
    alice.disconnect();
    expect(sends.map((s) => s.to)).toEqual([[bobId, carolId]]);
    expect(parseAwarenessUpdate(sends[0].frame)).toEqual([expect.objectContaining({ clientId: alice.doc.clientID, state: null })]);
  });

  it("sends to each connection in turn when the transport has no broadcast", async () => {
    const fixture = await openRoom();
    const [alice, bob, carol] = ["Alice", "Bob", "Carol"].map((name) => fixture.client(name));
    await syncAll([alice, bob, carol]);
    fixture.room.handleAwareness(alice.connection!, presenceOf(alice));
    for (const client of [bob, carol]) expect(client.toClient.waiting.filter((m) => m.kind === "awareness")).toHaveLength(1);
    expect(alice.toClient.waiting.filter((m) => m.kind === "awareness")).toEqual([]);
  });
});
