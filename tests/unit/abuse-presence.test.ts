/**
 * Presence ownership without sockets: who may set, clear or take over an awareness client id, and the
 * per-connection cap as ids come and go.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Actor } from "@/lib/board/roles";
import type { AwarenessState } from "@/lib/protocol/protocol";
import { ANONYMOUS_NAME } from "@/lib/session/session";
import { Presence, parseAwarenessUpdate, type AwarenessEntry, type Publisher } from "@/server/sync/presence";

const ALICE: Actor = { memberId: "mem-alice", role: "participant", displayName: "Alice" };
const FRAN: Actor = { memberId: "mem-fran", role: "facilitator", displayName: "Fran" };

let clock = 1;
const entry = (clientId: number, state: AwarenessState | Record<string, never> | null): AwarenessEntry => ({ clientId, clock: clock++, state });
const stateOf = (actor: Actor, name = actor.displayName ?? ""): AwarenessState => ({ user: { id: actor.memberId ?? "guest-1", name, color: "#123456" }, editing: null });
const publisher = (connectionId: string, actor: Actor, anonymousBoard = false): Publisher => ({ connectionId, actor, anonymousBoard, maxIds: 2 });

/** Admits and applies, as the room does; returns the refusal message or the frame passed on. */
function publish(presence: Presence, from: Publisher, ...entries: AwarenessEntry[]): string | Uint8Array | null {
  const verdict = presence.admit(from, entries);
  return verdict.ok ? presence.apply(from, verdict.entries) : verdict.message;
}

describe("Presence ownership", () => {
  it("frees a slot under the cap when a connection clears one of its ids", () => {
    const presence = new Presence(new Y.Doc());
    const alice = publisher("c-alice", ALICE);
    expect(publish(presence, alice, entry(1, stateOf(ALICE)), entry(2, {}))).toBeInstanceOf(Uint8Array);
    expect(publish(presence, alice, entry(3, stateOf(ALICE)))).toMatch(/at most 2/);
    publish(presence, alice, entry(2, null));
    expect(publish(presence, alice, entry(3, stateOf(ALICE)))).toBeInstanceOf(Uint8Array);
    expect([...presence.awareness.getStates().keys()].sort()).toEqual([1, 3]);
  });

  it("passes on only the entries the sender owns, and nothing when none are", () => {
    const presence = new Presence(new Y.Doc());
    publish(presence, publisher("c-alice", ALICE), entry(1, stateOf(ALICE)));
    const fran = publisher("c-fran", FRAN);
    expect(publish(presence, fran, entry(1, null))).toBeNull();
    const passed = publish(presence, fran, entry(1, null), entry(9, stateOf(FRAN))) as Uint8Array;
    expect(parseAwarenessUpdate(passed)?.map((e) => e.clientId)).toEqual([9]);
    expect(presence.awareness.getStates().get(1)).toEqual(stateOf(ALICE));
  });

  it("lets another connection of the same member take an id over, and the old connection's leaving keeps it", () => {
    const presence = new Presence(new Y.Doc());
    publish(presence, publisher("c-old", ALICE), entry(1, stateOf(ALICE)));
    expect(publish(presence, publisher("c-new", ALICE), entry(1, stateOf(ALICE, ANONYMOUS_NAME)))).toBeInstanceOf(Uint8Array);
    expect(presence.removeConnection("c-old")).toBeNull();
    expect(presence.awareness.getStates().get(1)).toEqual(stateOf(ALICE, ANONYMOUS_NAME));
    expect(presence.removeConnection("c-new")?.frame).toBeInstanceOf(Uint8Array);
    expect(presence.awareness.getStates().has(1)).toBe(false);
  });

  it("lets a facilitator show their name on an anonymous board, and a participant only as Anonymous", () => {
    const presence = new Presence(new Y.Doc());
    expect(publish(presence, publisher("c-fran", FRAN, true), entry(1, stateOf(FRAN)))).toBeInstanceOf(Uint8Array);
    expect(publish(presence, publisher("c-alice", ALICE, true), entry(2, stateOf(ALICE)))).toMatch(/anonymous/);
    expect(publish(presence, publisher("c-alice", ALICE, true), entry(2, stateOf(ALICE, ANONYMOUS_NAME)))).toBeInstanceOf(Uint8Array);
  });

  it("leaves a guest (no member) free to choose a name, except on an anonymous board", () => {
    const presence = new Presence(new Y.Doc());
    const guest: Actor = { memberId: null, role: "participant" };
    expect(publish(presence, publisher("c-guest", guest), entry(1, stateOf(guest, "Sam")))).toBeInstanceOf(Uint8Array);
    expect(publish(presence, publisher("c-guest", guest, true), entry(1, stateOf(guest, "Sam")))).toMatch(/anonymous/);
  });
});
