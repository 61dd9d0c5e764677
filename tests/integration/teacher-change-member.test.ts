/**
 * A facilitator renames someone, changes their role or moves them to another team, over HTTP. Names are
 * unique per board (ignoring case); the last facilitator cannot step down; a member's open connection
 * is asked to join again and the new join carries the new role or name.
 */
import { describe, expect, it } from "vitest";
import { handleChangeMember } from "@/server/http/teacher-api";
import { MemberClient } from "./support/member-client";
import { post, posted, TEAM_PAK, useManagedBoards } from "./support/managed-board";
import { expectFacilitatorsOnly, read, request } from "./support/teacher";
import { waitFor } from "./support/wait";

const h = useManagedBoards();

const change = (boardId: string, memberId: string, token: string | null, body: unknown) =>
  handleChangeMember(request("PATCH", token, body), boardId, memberId);

describe("teacher: rename and reassign a member", () => {
  it("refuses everyone but the board's facilitators", async () => {
    const t = await h.table();
    const foreign = await h.table();
    await expectFacilitatorsOnly(t, foreign, (token) => change(t.boardId, t.bob.memberId, token, { role: "observer" }));
    await expectFacilitatorsOnly(t, foreign, (token) => change(t.boardId, t.bob.memberId, token, { displayName: "Robert" }));
    const bob = (await h.server.context.store.listMembers(t.boardId)).find((m) => m.id === t.bob.memberId);
    expect(bob).toMatchObject({ role: "participant", displayName: "Bob" });
  });

  it("renames a member; a name already on the board (any case) is refused", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    expect(await read(await change(t.boardId, t.bob.memberId, token, { displayName: "alice" }))).toMatchObject({ status: 422, body: { code: "invalid-content" } });
    expect(await read(await change(t.boardId, t.bob.memberId, token, { displayName: "  " }))).toMatchObject({ status: 400, body: { code: "bad-request" } });
    const renamed = await read(await change(t.boardId, t.bob.memberId, token, { displayName: "Robert" }));
    expect(renamed).toMatchObject({ status: 200, body: { id: t.bob.memberId, displayName: "Robert", role: "participant", teamId: TEAM_PAK } });
    // Changing only the case of one's own name is no clash.
    expect((await change(t.boardId, t.bob.memberId, token, { displayName: "ROBERT" })).status).toBe(200);

    // Bob's open connection is asked to join again; the new join signs his arguments with the new name.
    const notice = await waitFor(() => t.bob.raw.errors.find((e) => e.code === "resync-required"), { message: "Bob to be told" });
    expect(notice.details).toMatchObject({ rejoin: true, member: { displayName: "Robert" } });
    expect(await t.bob.raw.disconnected()).toBe("io server disconnect");
    const bob = await MemberClient.open(h.server.url, t.boardId, { ...t.bob.seat, displayName: "ROBERT" });
    expect((await post(bob, { authorName: "Bob" })).ack).toMatchObject({ ok: false, code: "forbidden" });
    await posted(bob, { text: "Robert argues." });
    bob.close();
  });

  it("names compare as they do for joins: repeated spaces ignored, and a removed member keeps theirs", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    expect((await change(t.boardId, t.bob.memberId, token, { displayName: "Robert Smith" })).status).toBe(200);
    const spaced = await read(await change(t.boardId, t.alice.memberId, token, { displayName: "robert   smith" }));
    expect(spaced).toMatchObject({ status: 422, body: { code: "invalid-content" } });
    await h.server.context.store.removeMember(t.boardId, t.bob.memberId);
    expect((await change(t.boardId, t.alice.memberId, token, { displayName: "ROBERT SMITH" })).status).toBe(422);
    const alice = (await h.server.context.store.listMembers(t.boardId)).find((m) => m.id === t.alice.memberId);
    expect(alice?.displayName).toBe("Alice");
  });

  it("two facilitators giving two people the same name at once: exactly one wins", async () => {
    const t = await h.table();
    const second = await t.join("facilitator", "Frida");
    const [a, b] = await Promise.all([
      change(t.boardId, t.alice.memberId, t.facilitator.seat.memberToken, { displayName: "Sam" }),
      change(t.boardId, t.bob.memberId, second.seat.memberToken, { displayName: "sam" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    const names = (await h.server.context.store.listMembers(t.boardId)).map((m) => m.displayName.toLowerCase());
    expect(names.filter((n) => n === "sam")).toHaveLength(1);
  });

  it("makes a participant an observer: their live connection rejoins as one and their writes are refused", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    expect(await read(await change(t.boardId, t.bob.memberId, token, { role: "observer" }))).toMatchObject({ status: 200, body: { role: "observer" } });
    expect(await t.bob.raw.disconnected()).toBe("io server disconnect");
    const bob = await MemberClient.open(h.server.url, t.boardId, t.bob.seat);
    expect(bob.joined.role).toBe("observer");
    expect((await post(bob)).ack).toMatchObject({ ok: false, code: "forbidden" });
    bob.close();

    // And back, and up: a participant made facilitator may run the session.
    await change(t.boardId, t.bob.memberId, token, { role: "facilitator" });
    const promoted = await MemberClient.open(h.server.url, t.boardId, t.bob.seat);
    expect(promoted.joined.role).toBe("facilitator");
    expect(await promoted.command({ type: "set-settings", patch: { locked: true } })).toMatchObject({ ok: true });
    promoted.close();
  });

  it("never demotes the last facilitator, even two at once", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    expect(await read(await change(t.boardId, t.facilitator.memberId, token, { role: "participant" }))).toMatchObject({ status: 422, body: { code: "invalid-content" } });

    const second = await t.join("facilitator", "Frida");
    const [a, b] = await Promise.all([
      change(t.boardId, t.facilitator.memberId, second.seat.memberToken, { role: "participant" }),
      change(t.boardId, second.memberId, token, { role: "observer" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    const facilitators = (await h.server.context.store.listMembers(t.boardId)).filter((m) => m.role === "facilitator");
    expect(facilitators).toHaveLength(1);
  });

  it("moves a member to another team or off every team", async () => {
    const t = await h.table();
    const token = t.facilitator.seat.memberToken;
    expect(await read(await change(t.boardId, t.alice.memberId, token, { teamId: TEAM_PAK }))).toMatchObject({ status: 200, body: { teamId: TEAM_PAK } });
    await t.alice.sessionWhere((s) => s.assignments[t.alice.memberId] === TEAM_PAK, "Alice's new team");
    expect(await read(await change(t.boardId, t.alice.memberId, token, { teamId: "team-nobody" }))).toMatchObject({ status: 422 });
    expect(await read(await change(t.boardId, t.alice.memberId, token, { teamId: null }))).toMatchObject({ status: 200, body: { teamId: null } });
    expect(await read(await change(t.boardId, t.alice.memberId, token, {}))).toMatchObject({ status: 400 });
    expect(await read(await change(t.boardId, t.alice.memberId, token, { role: "admin" }))).toMatchObject({ status: 400 });
    // A team change is no reason to disconnect anyone.
    expect(t.alice.raw.disconnectReason).toBeNull();
  });
});
