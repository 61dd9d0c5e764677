/**
 * Forged presence (issue 8, item 5): each connection owns the awareness client ids it introduced, may
 * update or clear only those, at most PARLEY_PRESENCE_IDS_PER_CONNECTION of them, and shows under its
 * member's own id and display name (or "Anonymous"). Raw clients send hand-made awareness frames.
 */
import { describe, expect, it } from "vitest";
import type { ErrorPayload } from "@/lib/errors/errors";
import { EVENTS, PROTOCOL_VERSION, type AwarenessState } from "@/lib/protocol/protocol";
import { ANONYMOUS_NAME } from "@/lib/session/session";
import { encodeAwarenessEntries, parseAwarenessUpdate } from "@/server/sync/presence";
import { useManagedBoards, type Table } from "./support/managed-board";
import { MemberClient } from "./support/member-client";
import { waitFor } from "./support/wait";

const h = useManagedBoards({ PARLEY_PRESENCE_IDS_PER_CONNECTION: "4" });

let clock = 1;
/** One awareness frame setting each client id to its state (a fresh, higher clock every time). */
function frame(...entries: [clientId: number, state: AwarenessState | null][]): Uint8Array {
  return encodeAwarenessEntries(entries.map(([clientId, state]) => ({ clientId, clock: clock++, state })));
}

/** The presence `member` publishes in their own name (or with `name`, `id` when told). */
function presenceOf(member: MemberClient, override: { name?: string; id?: string } = {}): AwarenessState {
  return { user: { id: override.id ?? member.memberId, name: override.name ?? member.seat.displayName, color: "#4f46e5" }, editing: null };
}

/** Every (client id, state) pair `member` has received so far, in order. */
function received(member: MemberClient): { clientId: number; state: unknown }[] {
  return member.raw.awareness.flatMap((f) => parseAwarenessUpdate(f) ?? []);
}

/** Resolves once `member` has been told that `clientId` has `predicate`'s state. */
function hears(member: MemberClient, clientId: number, predicate: (state: unknown) => boolean, what: string): Promise<unknown> {
  return waitFor(() => received(member).some((e) => e.clientId === clientId && predicate(e.state)), { message: `${member.seat.displayName} to hear ${what}` });
}

/** The error `member` receives after the `before`-th one. */
function errorAfter(member: MemberClient, before: number): Promise<ErrorPayload> {
  return waitFor(() => member.raw.errors[before], { message: `${member.seat.displayName} to get an error` });
}

/** Who the server says is present, as a newly joined facilitator's first awareness frame shows it. */
async function presentNow(t: Table): Promise<Map<number, AwarenessState>> {
  const viewer = await h.raw();
  expect(await viewer.join(t.boardId, PROTOCOL_VERSION, t.facilitator.seat.memberToken)).toMatchObject({ ok: true });
  const snapshot = await waitFor(() => viewer.awareness[0], { message: "the presence snapshot" });
  return new Map((parseAwarenessUpdate(snapshot) ?? []).filter((e) => e.state !== null).map((e) => [e.clientId, e.state as AwarenessState]));
}

const ALICE_ID = 1_001;
const BOB_ID = 2_002;

describe("abuse: forged presence", () => {
  it("does not let a participant remove another person's presence", async () => {
    const t = await h.table();
    t.alice.raw.send(EVENTS.awareness, frame([ALICE_ID, presenceOf(t.alice)]));
    await hears(t.facilitator, ALICE_ID, (s) => s !== null, "Alice arrive");

    t.bob.raw.send(EVENTS.awareness, frame([ALICE_ID, null]));
    // Bob's own presence after it marks the point by which a relayed removal would have arrived.
    t.bob.raw.send(EVENTS.awareness, frame([BOB_ID, presenceOf(t.bob)]));
    await hears(t.facilitator, BOB_ID, (s) => s !== null, "Bob arrive");

    expect(received(t.facilitator).some((e) => e.clientId === ALICE_ID && e.state === null)).toBe(false);
    expect((await presentNow(t)).get(ALICE_ID)).toEqual(presenceOf(t.alice));
    // y-protocols clients send exactly this when a peer goes quiet, so it is dropped without an error.
    expect(t.bob.raw.errors).toEqual([]);
  });

  it("does not let a participant take over another person's awareness client id", async () => {
    const t = await h.table();
    t.alice.raw.send(EVENTS.awareness, frame([ALICE_ID, presenceOf(t.alice)]));
    await hears(t.facilitator, ALICE_ID, (s) => s !== null, "Alice arrive");

    t.bob.raw.send(EVENTS.awareness, frame([ALICE_ID, presenceOf(t.bob)]));
    expect(await errorAfter(t.bob, 0)).toMatchObject({ code: "forbidden", message: expect.stringMatching(/someone else/) });
    expect((await presentNow(t)).get(ALICE_ID)).toEqual(presenceOf(t.alice));
    expect(received(t.facilitator).filter((e) => e.clientId === ALICE_ID).map((e) => e.state)).toEqual([presenceOf(t.alice)]);
  });

  it("shows a member only under their own id and name, or as Anonymous", async () => {
    const t = await h.table();
    const fran = t.facilitator;
    t.bob.raw.send(EVENTS.awareness, frame([BOB_ID, presenceOf(t.bob, { id: fran.memberId, name: fran.seat.displayName })]));
    expect(await errorAfter(t.bob, 0)).toMatchObject({ code: "forbidden", message: expect.stringMatching(/own member id/) });
    t.bob.raw.send(EVENTS.awareness, frame([BOB_ID, presenceOf(t.bob, { name: fran.seat.displayName })]));
    expect(await errorAfter(t.bob, 1)).toMatchObject({ code: "forbidden", message: expect.stringMatching(/own name/) });

    t.bob.raw.send(EVENTS.awareness, frame([BOB_ID, presenceOf(t.bob, { name: ANONYMOUS_NAME })]));
    await hears(fran, BOB_ID, (s) => (s as AwarenessState | null)?.user.name === ANONYMOUS_NAME, "Bob as Anonymous");
    t.bob.raw.send(EVENTS.awareness, frame([BOB_ID, presenceOf(t.bob)]));
    await hears(fran, BOB_ID, (s) => (s as AwarenessState | null)?.user.name === "Bob", "Bob by name");
    expect(received(fran).some((e) => (e.state as AwarenessState | null)?.user.name === fran.seat.displayName)).toBe(false);
    expect(t.bob.raw.errors).toHaveLength(2);
  });

  it("lets one connection introduce at most the configured number of client ids", async () => {
    const t = await h.table();
    for (let i = 0; i < 4; i++) t.bob.raw.send(EVENTS.awareness, frame([BOB_ID + i, presenceOf(t.bob)]));
    await hears(t.facilitator, BOB_ID + 3, (s) => s !== null, "Bob's fourth tab");
    t.bob.raw.send(EVENTS.awareness, frame([BOB_ID + 4, presenceOf(t.bob)]));
    expect(await errorAfter(t.bob, 0)).toMatchObject({ code: "forbidden", message: expect.stringMatching(/at most 4/) });

    // Five at once from a fresh connection: the whole frame is refused.
    const second = await MemberClient.open(h.server.url, t.boardId, t.alice.seat);
    second.raw.send(EVENTS.awareness, frame(...[0, 1, 2, 3, 4].map((i): [number, AwarenessState] => [ALICE_ID + i, presenceOf(t.alice)])));
    expect(await errorAfter(second, 0)).toMatchObject({ code: "forbidden" });
    second.close();

    const present = await presentNow(t);
    expect([...present.keys()].sort()).toEqual([BOB_ID, BOB_ID + 1, BOB_ID + 2, BOB_ID + 3]);
  });

  it("lets a member's new connection take over their own id before the old one has gone (a reconnect)", async () => {
    const t = await h.table();
    t.alice.raw.send(EVENTS.awareness, frame([ALICE_ID, presenceOf(t.alice)]));
    await hears(t.facilitator, ALICE_ID, (s) => s !== null, "Alice arrive");

    const reconnected = await MemberClient.open(h.server.url, t.boardId, t.alice.seat);
    reconnected.raw.send(EVENTS.awareness, frame([ALICE_ID, { ...presenceOf(t.alice), editing: "arg-x" }]));
    await hears(t.facilitator, ALICE_ID, (s) => (s as AwarenessState | null)?.editing === "arg-x", "Alice's new connection");

    // The old connection's departure no longer takes the presence with it.
    const oldId = t.alice.raw.socket.id;
    t.alice.close();
    const room = await h.server.context.rooms.peek(t.boardId);
    await waitFor(() => room && oldId && !room.connections.has(oldId), { message: "the old connection to leave" });
    expect((await presentNow(t)).get(ALICE_ID)?.editing).toBe("arg-x");
    expect(reconnected.raw.errors).toEqual([]);
    reconnected.close();
  });
});
