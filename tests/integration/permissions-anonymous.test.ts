/**
 * Anonymous boards (no real names in arguments or presence, the roster for facilitators only) and the
 * team rules: swapping sides, and participants picking their own team only when the facilitator allows.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { RosterView } from "@/components/sync/board-client";
import { EVENTS, type AwarenessState } from "@/lib/protocol/protocol";
import { ANONYMOUS_NAME, readSession } from "@/lib/session/session";
import { parseAwarenessUpdate } from "@/server/sync/presence";
import { PAK_MILITARY, post, posted, TEAM_PAK, TEAM_US, US, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";
import { waitFor } from "./support/wait";

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<void> {
  expect(await client.command(command), command.type).toMatchObject({ ok: true });
}

/** An awareness frame announcing `state`, as a browser's y-protocols Awareness encodes it. */
function presenceFrame(state: AwarenessState): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  try {
    awareness.setLocalState(state);
    return awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
  } finally {
    awareness.destroy();
  }
}

const h = useManagedBoards();

describe("permissions: anonymous boards", () => {
  it("can be switched on only before the first argument", async () => {
    const before = await h.table();
    await ok(before.facilitator, { type: "set-settings", patch: { anonymous: true } });
    expect(before.facilitator.session.settings.anonymous).toBe(true);

    const after = await h.table();
    await posted(after.alice);
    expect(await after.facilitator.command({ type: "set-settings", patch: { anonymous: true } })).toMatchObject({ ok: false, code: "invalid-content" });
    expect(readSession(await h.served(after)).settings.anonymous).toBe(false);
  });

  it("takes participants' arguments only under the anonymous name", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { anonymous: true } });
    const rows = await h.storedRows(t.boardId);
    expect((await post(t.alice, { authorName: "Alice" })).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect((await post(t.bob, { authorName: "Somebody Else" })).ack).toMatchObject({ ok: false, code: "forbidden" });
    expect(await h.storedRows(t.boardId)).toEqual(rows);

    const hidden = await posted(t.alice, { authorName: ANONYMOUS_NAME, text: "Nobody knows who wrote this." });
    expect((await t.bob.sees(hidden.id))?.authorName).toBe(ANONYMOUS_NAME);
    // Facilitators speak in their own name.
    await posted(t.facilitator, { text: "The facilitator's framing." });
  });

  it("refuses presence that shows a participant's real name, and passes the anonymous one on", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { anonymous: true } });
    await t.alice.sessionWhere((s) => s.settings.anonymous, "anonymity");
    const named: AwarenessState = { user: { id: t.alice.memberId, name: "Alice", color: "#4f46e5" }, editing: null };

    t.alice.raw.send(EVENTS.awareness, presenceFrame(named));
    expect(await t.alice.raw.nextError()).toMatchObject({ code: "forbidden" });

    const anonymous = { ...named, user: { ...named.user, name: ANONYMOUS_NAME } };
    t.alice.raw.send(EVENTS.awareness, presenceFrame(anonymous));
    const names = () => t.bob.raw.awareness.flatMap((frame) => parseAwarenessUpdate(frame) ?? []).map((e) => (e.state as AwarenessState | null)?.user.name);
    await waitFor(() => names().includes(ANONYMOUS_NAME), { message: "Bob to see the anonymous presence" });
    expect(names()).not.toContain("Alice");
    expect(t.alice.raw.errors).toHaveLength(1);
    expect(t.alice.raw.socket.connected).toBe(true);
  });

  it("applies anonymity switched on after presence was already read (the session is parsed once per change, not per frame)", async () => {
    const t = await h.table();
    const named: AwarenessState = { user: { id: t.alice.memberId, name: "Alice", color: "#4f46e5" }, editing: null };
    const names = () => t.bob.raw.awareness.flatMap((frame) => parseAwarenessUpdate(frame) ?? []).map((e) => (e.state as AwarenessState | null)?.user.name);
    t.alice.raw.send(EVENTS.awareness, presenceFrame(named));
    await waitFor(() => names().includes("Alice"), { message: "Bob to see Alice's presence while names are shown" });

    await ok(t.facilitator, { type: "set-settings", patch: { anonymous: true } });
    await t.alice.sessionWhere((s) => s.settings.anonymous, "anonymity");
    const seen = t.bob.raw.awareness.length;
    t.alice.raw.send(EVENTS.awareness, presenceFrame({ ...named, editing: null }));
    expect(await t.alice.raw.nextError()).toMatchObject({ code: "forbidden" });
    expect(t.bob.raw.awareness.length).toBe(seen);
  });

  it("refuses presence that poses as another member", async () => {
    const t = await h.table();
    const posing: AwarenessState = { user: { id: t.bob.memberId, name: "Bob", color: "#4f46e5" }, editing: null };
    t.alice.raw.send(EVENTS.awareness, presenceFrame(posing));
    expect(await t.alice.raw.nextError()).toMatchObject({ code: "forbidden", message: expect.stringContaining("own member id") });
    expect(t.alice.raw.socket.connected).toBe(true);
  });

  it("sends the roster of real names to facilitators only", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { anonymous: true } });
    const dave = await t.join("participant", "Dave");
    const roster = await t.facilitator.eventAfter<RosterView>("roster", 0, (r) => r.members.some((m) => m.id === dave.memberId));
    expect(roster.members.map((m) => [m.displayName, m.role]).sort()).toEqual(
      [
        ["Alice", "participant"],
        ["Bob", "participant"],
        ["Dave", "participant"],
        ["Fran", "facilitator"],
        ["Olga", "observer"],
      ].sort(),
    );
    // A round trip on each other socket: a roster sent to it would have arrived before this answer.
    for (const member of [t.alice, t.bob, t.observer, dave]) {
      await member.command({ type: "delete-draft", id: "no-such-draft" });
      expect(member.eventsOf("roster")).toEqual([]);
    }
  });
});

describe("permissions: teams", () => {
  it("swap-sides makes the two teams trade positions and keeps everyone on their team", async () => {
    const t = await h.table();
    const before = t.facilitator.session;
    expect(Object.fromEntries(before.teams.map((team) => [team.id, team.positionId]))).toEqual({ [TEAM_US]: US, [TEAM_PAK]: PAK_MILITARY });
    await ok(t.facilitator, { type: "swap-sides" });
    const swapped = await t.alice.sessionWhere((s) => s.teams.some((team) => team.id === TEAM_US && team.positionId === PAK_MILITARY), "the swap");
    expect(Object.fromEntries(swapped.teams.map((team) => [team.id, team.positionId]))).toEqual({ [TEAM_US]: PAK_MILITARY, [TEAM_PAK]: US });
    expect(swapped.assignments).toEqual(before.assignments);
  });

  it("lets participants pick their own team only while the facilitator allows it", async () => {
    const t = await h.table();
    expect(t.facilitator.session.settings.teamPick).toBe(true);
    // Alice and Bob were placed by the facilitator (they may not move themselves); Carol joins unplaced.
    const carol = await t.join("participant", "Carol");
    await ok(carol, { type: "pick-team", teamId: TEAM_PAK });
    expect((await carol.sessionWhere((s) => s.assignments[carol.memberId] === TEAM_PAK, "Carol's pick")).assignments[t.bob.memberId]).toBe(TEAM_PAK);

    await ok(t.facilitator, { type: "set-settings", patch: { teamPick: false } });
    const rows = await h.storedRows(t.boardId);
    expect(await carol.command({ type: "pick-team", teamId: TEAM_US })).toMatchObject({ ok: false });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readSession(await h.served(t)).assignments).toEqual({ [t.alice.memberId]: TEAM_US, [t.bob.memberId]: TEAM_PAK, [carol.memberId]: TEAM_PAK });
    // The facilitator still assigns teams.
    await ok(t.facilitator, { type: "assign-team", memberId: t.bob.memberId, teamId: TEAM_US });
  });
});
