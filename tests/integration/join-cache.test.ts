/**
 * A join reads a board's votes, drafts and members from the process's memory (record-cache.ts) once
 * they were read. Every write that changes them must be seen by the very next join: a vote, a draft
 * saved or deleted, a team change, a member joining or renaming, and the facilitator's HTTP actions.
 * Each table() has already joined four people, so the cache is warm before every write below.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import type { DraftsView, RosterView, VotesView } from "@/components/sync/board-client";
import { renameMember } from "@/server/boards/join-board";
import { handleChangeMember, handleRemoveMember } from "@/server/http/teacher-api";
import { quote, SAMPLE_QUOTE } from "./support/board";
import { posted, TEAM_US, US, useManagedBoards } from "./support/managed-board";
import { MemberClient } from "./support/member-client";
import { read, request } from "./support/teacher";

const h = useManagedBoards();

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<void> {
  expect(await client.command(command), command.type).toMatchObject({ ok: true });
}

/** What `member` is sent on a fresh connection: the first `name` event after joining. */
async function onJoin<T>(member: MemberClient, name: "votes" | "drafts" | "roster"): Promise<T> {
  const fresh = await MemberClient.open(h.server.url, member.joined.boardId, member.seat);
  try {
    return await fresh.eventAfter<T>(name, 0);
  } finally {
    fresh.close();
  }
}

function draftBy(member: MemberClient, text: string): Argument {
  const now = Date.now();
  const id = `arg-draft-${Math.random().toString(16).slice(2, 10)}`;
  return { id, positionId: US, parentId: US, stance: "for", text, quotes: [quote(SAMPLE_QUOTE)], authorId: member.memberId, authorName: member.seat.displayName, createdAt: now, updatedAt: now };
}

const names = (view: RosterView) => view.members.map((m) => `${m.displayName}:${m.role}`).sort();

describe("joins after writes see the new state", () => {
  it("a vote: the voter's next join holds their ballot, the facilitator's the new count and tally", async () => {
    const t = await h.table();
    const argument = await posted(t.bob, { text: "Bob's argument." });
    expect((await onJoin<VotesView>(t.facilitator, "votes")).ballots).toBe(0);
    await ok(t.alice, { type: "vote", argumentId: argument.id, strength: 4 });
    expect((await onJoin<VotesView>(t.alice, "votes")).mine).toMatchObject([{ argumentId: argument.id, strength: 4 }]);
    const view = await onJoin<VotesView>(t.facilitator, "votes");
    expect(view.ballots).toBe(1);
    expect(view.results?.tallies).toContainEqual(expect.objectContaining({ argumentId: argument.id, votes: 1, strength: 4 }));
    // A changed ballot too.
    await ok(t.alice, { type: "vote", argumentId: argument.id, strength: 2 });
    expect((await onJoin<VotesView>(t.alice, "votes")).mine).toMatchObject([{ argumentId: argument.id, strength: 2 }]);
  });

  it("drafts saved and deleted, and a team change by the facilitator over HTTP", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });
    const draft = draftBy(t.alice, "Our team's opening.");
    await ok(t.alice, { type: "save-draft", argument: draft });
    expect((await onJoin<DraftsView>(t.alice, "drafts")).drafts.map((d) => d.id)).toEqual([draft.id]);
    // Bob is on the other team: nothing, until the facilitator moves him to Alice's.
    expect((await onJoin<DraftsView>(t.bob, "drafts")).drafts).toEqual([]);
    const moved = await handleChangeMember(request("PATCH", t.facilitator.seat.memberToken, { teamId: TEAM_US }), t.boardId, t.bob.memberId);
    expect((await read(moved)).status).toBe(200);
    expect((await onJoin<DraftsView>(t.bob, "drafts")).drafts.map((d) => d.id)).toEqual([draft.id]);

    await ok(t.alice, { type: "save-draft", argument: { ...draft, text: "Our team's better opening." } });
    expect((await onJoin<DraftsView>(t.facilitator, "drafts")).drafts[0].argument).toMatchObject({ text: "Our team's better opening." });
    await ok(t.alice, { type: "delete-draft", id: draft.id });
    expect((await onJoin<DraftsView>(t.bob, "drafts")).drafts).toEqual([]);
  });

  it("members: a newcomer, a rename of one's own, and the facilitator's rename, role change and removal", async () => {
    const t = await h.table();
    expect(names(await onJoin<RosterView>(t.facilitator, "roster"))).toEqual(["Alice:participant", "Bob:participant", "Fran:facilitator", "Olga:observer"]);

    const carol = await h.seat(t.boardId, { displayName: "Carol", joinCode: t.joinCode });
    expect(names(await onJoin<RosterView>(t.facilitator, "roster"))).toContain("Carol:participant");

    await renameMember(h.server.context.store, t.boardId, carol.memberToken, "Caroline");
    expect(names(await onJoin<RosterView>(t.facilitator, "roster"))).toContain("Caroline:participant");

    const token = t.facilitator.seat.memberToken;
    expect((await handleChangeMember(request("PATCH", token, { displayName: "Robert", role: "observer" }), t.boardId, t.bob.memberId)).status).toBe(200);
    expect(names(await onJoin<RosterView>(t.facilitator, "roster"))).toContain("Robert:observer");

    expect((await handleRemoveMember(request("DELETE", token), t.boardId, t.alice.memberId)).status).toBe(200);
    expect(names(await onJoin<RosterView>(t.facilitator, "roster"))).toEqual(["Caroline:participant", "Fran:facilitator", "Olga:observer", "Robert:observer"]);
    // And a name freed or taken is judged on what is stored now: Alice's stays hers, Bob's is free again.
    await expect(h.seat(t.boardId, { displayName: "Alice", joinCode: t.joinCode })).rejects.toMatchObject({ code: "invalid-content" });
    await expect(h.seat(t.boardId, { displayName: "Bob", joinCode: t.joinCode })).resolves.toMatchObject({ displayName: "Bob" });
  });
});
