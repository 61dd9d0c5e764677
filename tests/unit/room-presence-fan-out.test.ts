/**
 * Presence fan-out at the room: at the end of the loop's turn, a lone accepted awareness frame, or the
 * departure of a connection that had presence, goes to the transport as one frame for all the other
 * connections (Socket.io sends it as one broadcast), never back to the sender; without a transport's
 * broadcast each gets it in turn. Several frames in one turn go as one frame to everyone.
 */
import * as awarenessProtocol from "y-protocols/awareness";
import { describe, expect, it } from "vitest";
import { encodeAwarenessEntries, parseAwarenessUpdate } from "@/server/sync/presence";
import { syncAll } from "./support/room-assertions";
import type { RoomClient } from "./support/room-client";
import { openRoom } from "./support/room-fixture";

const presenceOf = (client: RoomClient, clock = 1, editing: string | null = null) =>
  encodeAwarenessEntries([{ clientId: client.doc.clientID, clock, state: { user: { id: client.actor.memberId ?? "guest", name: client.name, color: "#123456" }, editing } }]);

/** Lets the loop turn, so the room passes on what presence it held back. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

function recordingRoom() {
  const sends: { to: string[]; frame: Uint8Array }[] = [];
  const opening = openRoom({
    sendAwarenessToMany: (recipients, frame) => {
      sends.push({ to: recipients.map((c) => c.id), frame });
      for (const connection of recipients) connection.sendAwareness(frame);
    },
  });
  return { sends, opening };
}

describe("room: presence fan-out", () => {
  it("hands the transport one frame for everyone but the sender, and one for a departure", async () => {
    const { sends, opening } = recordingRoom();
    const fixture = await opening;
    const [alice, bob, carol] = ["Alice", "Bob", "Carol"].map((name) => fixture.client(name));
    await syncAll([alice, bob, carol]);
    const id = (client: RoomClient) => client.connection!.id;

    expect(fixture.room.handleAwareness(alice.connection!, presenceOf(alice))).toEqual({ ok: true });
    expect(sends).toEqual([]); // held for the end of the turn
    await turn();
    expect(sends.map((s) => s.to)).toEqual([[id(bob), id(carol)]]);
    expect(parseAwarenessUpdate(sends[0].frame)?.map((e) => e.clientId)).toEqual([alice.doc.clientID]);
    expect(alice.toClient.waiting.filter((m) => m.kind === "awareness")).toEqual([]);

    sends.length = 0;
    const [bobId, carolId] = [id(bob), id(carol)];
    alice.disconnect();
    await turn();
    expect(sends.map((s) => s.to)).toEqual([[bobId, carolId]]);
    expect(parseAwarenessUpdate(sends[0].frame)).toEqual([expect.objectContaining({ clientId: alice.doc.clientID, state: null })]);
  });

  it("sends to each connection in turn when the transport has no broadcast", async () => {
    const fixture = await openRoom();
    const [alice, bob, carol] = ["Alice", "Bob", "Carol"].map((name) => fixture.client(name));
    await syncAll([alice, bob, carol]);
    fixture.room.handleAwareness(alice.connection!, presenceOf(alice));
    await turn();
    for (const client of [bob, carol]) expect(client.toClient.waiting.filter((m) => m.kind === "awareness")).toHaveLength(1);
    expect(alice.toClient.waiting.filter((m) => m.kind === "awareness")).toEqual([]);
  });

  it("several frames in one turn go as one frame to everyone: the latest entry of each id", async () => {
    const { sends, opening } = recordingRoom();
    const fixture = await opening;
    const clients = ["Alice", "Bob", "Carol", "Dan"].map((name) => fixture.client(name));
    const [alice, bob, carol, dan] = clients;
    await syncAll(clients);
    const everyone = clients.map((client) => client.connection!.id);

    fixture.room.handleAwareness(alice.connection!, presenceOf(alice, 1, null));
    fixture.room.handleAwareness(bob.connection!, presenceOf(bob, 1, null));
    fixture.room.handleAwareness(alice.connection!, presenceOf(alice, 2, "arg-1"));
    carol.disconnect(); // had no presence: nothing to announce
    await turn();

    expect(sends.map((s) => s.to)).toEqual([everyone.filter((id) => id !== everyone[2])]);
    const entries = parseAwarenessUpdate(sends[0].frame)!;
    expect(entries.map((e) => [e.clientId, e.clock, (e.state as { editing: string | null }).editing])).toEqual([
      [alice.doc.clientID, 2, "arg-1"],
      [bob.doc.clientID, 1, null],
    ]);

    // A departure and a frame in the same turn: Dan sees both, in one frame.
    sends.length = 0;
    fixture.room.handleAwareness(dan.connection!, presenceOf(dan, 1, null));
    alice.disconnect();
    await turn();
    expect(sends).toHaveLength(1);
    expect(sends[0].to).toEqual([bob.connection!.id, dan.connection!.id]);
    expect(parseAwarenessUpdate(sends[0].frame)!.map((e) => [e.clientId, e.state === null])).toEqual([
      [dan.doc.clientID, false],
      [alice.doc.clientID, true],
    ]);
  });

  it("a frame and its sender's departure in one turn reach the others as the departure, in either order", async () => {
    for (const order of ["frame first", "departure first"] as const) {
      const { sends, opening } = recordingRoom();
      const fixture = await opening;
      const [alice, bob] = ["Alice", "Bob"].map((name) => fixture.client(name));
      await syncAll([alice, bob]);
      fixture.room.handleAwareness(alice.connection!, presenceOf(alice, 1, null));
      await turn();
      sends.length = 0;

      const aliceConnection = alice.connection!;
      if (order === "frame first") {
        fixture.room.handleAwareness(aliceConnection, presenceOf(alice, 2, "arg-1"));
        alice.disconnect();
      } else {
        alice.disconnect();
        // Already gone: the room refuses it, and it must not bring her back.
        fixture.room.handleAwareness(aliceConnection, presenceOf(alice, 2, "arg-1"));
      }
      await turn();
      const toBob = sends.filter((s) => s.to.includes(bob.connection!.id));
      expect(toBob, order).toHaveLength(1);
      expect(parseAwarenessUpdate(toBob[0].frame)!.map((e) => [e.clientId, e.state]), order).toEqual([[alice.doc.clientID, null]]);
    }
  });

  it("a client sent its own entry back in a merged frame changes nothing there", async () => {
    const fixture = await openRoom();
    const [alice, bob] = ["Alice", "Bob"].map((name) => fixture.client(name));
    await syncAll([alice, bob]);
    // Alice's own awareness, at clock 3 after three changes, as y-protocols keeps it.
    const own = new awarenessProtocol.Awareness(alice.doc);
    for (const editing of [null, "arg-1", "arg-2"]) own.setLocalState({ user: { id: alice.actor.memberId, name: "Alice", color: "#123456" }, editing });
    fixture.room.handleAwareness(alice.connection!, presenceOf(alice, 3, "arg-2"));
    fixture.room.handleAwareness(bob.connection!, presenceOf(bob, 1, null));
    await turn();
    const toAlice = alice.toClient.waiting.flatMap((m) => (m.kind === "awareness" ? [m.frame] : []));
    expect(toAlice).toHaveLength(1);
    const changes: number[][] = [];
    own.on("change", ({ added, updated, removed }: Record<string, number[]>) => changes.push([...added, ...updated, ...removed]));
    awarenessProtocol.applyAwarenessUpdate(own, toAlice[0], "server");
    expect(changes).toEqual([[bob.doc.clientID]]); // Bob arrived; Alice's own entry stayed as it was
    expect(own.getLocalState()).toMatchObject({ editing: "arg-2" });
    own.destroy();
  });
});
