/**
 * Private drafting that holds (issue 8, item 6): team picks lock once drafting starts and for anyone
 * the facilitator placed, so nobody can visit the other team to read its drafts; and a re-saved draft
 * keeps its author's id, so it cannot be revealed under someone else's.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import type { DraftsView } from "@/components/sync/board-client";
import { US, quote, SAMPLE_QUOTE } from "./support/board";
import { ownPosition, TEAM_PAK, TEAM_US, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";

const h = useManagedBoards();

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<void> {
  expect(await client.command(command), command.type).toMatchObject({ ok: true });
}

function draftBy(member: MemberClient, text: string): Argument {
  const now = Date.now();
  const id = `arg-draft-${Math.random().toString(16).slice(2, 10)}`;
  return { id, positionId: ownPosition(member), parentId: ownPosition(member), stance: "for", text, quotes: [quote(SAMPLE_QUOTE)], authorId: member.memberId, authorName: member.seat.displayName, createdAt: now, updatedAt: now };
}

describe("abuse: team switching during private drafting", () => {
  it("refuses a participant's team pick once drafting has started, and after it", async () => {
    const t = await h.table();
    const carol = await t.join("participant", "Carol"); // not placed by the facilitator
    await ok(carol, { type: "pick-team", teamId: TEAM_US });
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });
    const secret = draftBy(t.bob, "Team Pakistan's secret opening.");
    await ok(t.bob, { type: "save-draft", argument: secret });

    // The reproduction: switch to the other team, read its drafts, write one, switch back.
    const rows = await h.storedRows(t.boardId);
    expect(await carol.command({ type: "pick-team", teamId: TEAM_PAK })).toMatchObject({ ok: false, message: expect.stringMatching(/drafting has started/) });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(await carol.command({ type: "save-draft", argument: { ...draftBy(carol, "Planted."), positionId: US } })).toMatchObject({ ok: true });
    expect((await h.server.context.store.listDrafts(t.boardId)).find((d) => d.memberId === carol.memberId)?.teamId).toBe(TEAM_US);
    expect(carol.eventsOf<DraftsView>("drafts").some((v) => v.drafts.some((d) => d.id === secret.id))).toBe(false);

    // Still fixed in the phases after drafting; the facilitator can still move people.
    await ok(t.facilitator, { type: "start-phase", phaseId: "openings" });
    expect(await carol.command({ type: "pick-team", teamId: TEAM_PAK })).toMatchObject({ ok: false });
    await ok(t.facilitator, { type: "assign-team", memberId: carol.memberId, teamId: TEAM_PAK });
    await carol.sessionWhere((s) => s.assignments[carol.memberId] === TEAM_PAK, "the facilitator's move");
  });

  it("refuses a team pick from a member the facilitator placed, until the facilitator takes them off", async () => {
    const t = await h.table(); // Alice was assigned to TEAM_US by the facilitator
    expect(t.alice.session.settings.teamPick).toBe(true);
    expect(await t.alice.command({ type: "pick-team", teamId: TEAM_PAK })).toMatchObject({ ok: false, message: expect.stringMatching(/placed you/) });
    await ok(t.facilitator, { type: "assign-team", memberId: t.alice.memberId, teamId: null });
    await t.alice.sessionWhere((s) => s.assignments[t.alice.memberId] === undefined, "Alice taken off her team");
    await ok(t.alice, { type: "pick-team", teamId: TEAM_PAK });
  });
});

describe("abuse: drafts keep their author", () => {
  it("refuses a re-saved draft that carries another member's authorId, from its author or a facilitator", async () => {
    const t = await h.table();
    const carol = await t.join("participant", "Carol", TEAM_US);
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });
    const draft = draftBy(t.alice, "Alice's first go.");
    await ok(t.alice, { type: "save-draft", argument: draft });

    expect(await t.alice.command({ type: "save-draft", argument: { ...draft, authorId: carol.memberId } })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.facilitator.command({ type: "save-draft", argument: { ...draft, authorId: t.facilitator.memberId } })).toMatchObject({ ok: false, code: "forbidden" });
    // A facilitator may still polish it, under Alice's id.
    await ok(t.facilitator, { type: "save-draft", argument: { ...draft, text: "Alice's first go, polished." } });

    const [stored] = await h.server.context.store.listDrafts(t.boardId);
    expect(stored).toMatchObject({ memberId: t.alice.memberId, record: { authorId: t.alice.memberId, text: "Alice's first go, polished." } });
    await ok(t.facilitator, { type: "reveal-drafts" });
    expect((await t.facilitator.sees(draft.id))?.authorId).toBe(t.alice.memberId);
  });
});
