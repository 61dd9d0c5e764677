/**
 * Issue 8 re-check, item 5 variant: a departed member's awareness client id. Client ids are not secret
 * (every Yjs update names its writer's), so a participant watching for someone to drop can claim their
 * id the moment it is freed, and their reconnecting client is then refused its own presence.
 */
import { describe, expect, it } from "vitest";
import { EVENTS, type AwarenessState } from "@/lib/protocol/protocol";
import { encodeAwarenessEntries, parseAwarenessUpdate } from "@/server/sync/presence";
import { useManagedBoards } from "./support/managed-board";
import { MemberClient } from "./support/member-client";
import { waitFor } from "./support/wait";

const h = useManagedBoards();

let clock = 1;
function frame(clientId: number, state: AwarenessState | null): Uint8Array {
  return encodeAwarenessEntries([{ clientId, clock: clock++, state }]);
}
function presenceOf(member: MemberClient): AwarenessState {
  return { user: { id: member.memberId, name: member.seat.displayName, color: "#4f46e5" }, editing: null };
}
function hears(member: MemberClient, clientId: number, predicate: (state: unknown) => boolean, what: string): Promise<unknown> {
  const received = () => member.raw.awareness.flatMap((f) => parseAwarenessUpdate(f) ?? []);
  return waitFor(() => received().some((e) => e.clientId === clientId && predicate(e.state)), { message: `${member.seat.displayName} to hear ${what}` });
}

const ALICE_ID = 31_337;

describe("red: a departed member's presence id", () => {
  it.each(["disconnects", "clears her presence"])("stays hers when she %s: another participant cannot squat on it, and she gets it back", async (how) => {
    const t = await h.table();
    t.alice.raw.send(EVENTS.awareness, frame(ALICE_ID, presenceOf(t.alice)));
    await hears(t.facilitator, ALICE_ID, (s) => s !== null, "Alice arrive");
    if (how === "disconnects") t.alice.close();
    else t.alice.raw.send(EVENTS.awareness, frame(ALICE_ID, null));
    await hears(t.facilitator, ALICE_ID, (s) => s === null, "Alice leave");

    t.bob.raw.send(EVENTS.awareness, frame(ALICE_ID, presenceOf(t.bob)));
    await waitFor(() => t.bob.raw.errors[0], { message: "Bob to be refused" });
    expect(t.bob.raw.errors[0]).toMatchObject({ code: "forbidden" });

    // Alice comes back (a new connection, the same document and so the same client id).
    const back = await MemberClient.open(h.server.url, t.boardId, t.alice.seat);
    try {
      back.raw.send(EVENTS.awareness, frame(ALICE_ID, presenceOf(t.alice)));
      await hears(t.facilitator, ALICE_ID, (s) => (s as AwarenessState | null)?.user.id === t.alice.memberId, "Alice back");
      expect(back.raw.errors).toEqual([]);
    } finally {
      back.close();
    }
  });
});
