/**
 * What each person may see of the data kept outside the shared document: ballots stay blind until the
 * facilitator reveals them, and a team's private drafts reach only that team and the facilitators.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { argumentsMap, readArgument } from "@/lib/board/doc";
import type { DraftsView, VotesView } from "@/components/sync/board-client";
import { US, quote, SAMPLE_QUOTE } from "./support/board";
import { post, posted, TEAM_US, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<void> {
  expect(await client.command(command), command.type).toMatchObject({ ok: true });
}

const h = useManagedBoards();

describe("permissions: blind votes", () => {
  it("shows each participant only their own ballots until the reveal; the facilitator sees results throughout", async () => {
    const t = await h.table();
    const alices = await posted(t.alice, { text: "Alice's argument." });
    const bobs = await posted(t.bob, { text: "Bob's argument." });
    await ok(t.bob, { type: "vote", argumentId: alices.id, strength: 2 });

    const marks = { bob: t.bob.mark(), facilitator: t.facilitator.mark(), observer: t.observer.mark(), alice: t.alice.mark() };
    await ok(t.alice, { type: "vote", argumentId: bobs.id, strength: 5, quoteSupport: 4 });

    const bobView = await t.bob.eventAfter<VotesView>("votes", marks.bob);
    expect(bobView).toMatchObject({ revealed: false, results: null });
    expect(bobView.ballots).toBeUndefined();
    expect(bobView.mine).toMatchObject([{ memberId: t.bob.memberId, argumentId: alices.id, strength: 2 }]);
    expect((await t.alice.eventAfter<VotesView>("votes", marks.alice)).mine).toMatchObject([{ memberId: t.alice.memberId, argumentId: bobs.id }]);
    expect(await t.observer.eventAfter<VotesView>("votes", marks.observer)).toMatchObject({ mine: [], results: null });

    const facilitatorView = await t.facilitator.eventAfter<VotesView>("votes", marks.facilitator);
    expect(facilitatorView.ballots).toBe(2);
    expect(facilitatorView.results?.tallies).toContainEqual({ argumentId: bobs.id, votes: 1, strength: 5, quoteSupport: 4 });

    // Nothing any non-facilitator received so far carried results.
    for (const member of [t.alice, t.bob, t.observer]) {
      expect(member.eventsOf<VotesView>("votes").every((v) => v.results === null)).toBe(true);
    }

    const revealMark = t.bob.mark();
    await ok(t.facilitator, { type: "reveal-votes", revealed: true });
    const revealed = await t.bob.eventAfter<VotesView>("votes", revealMark);
    expect(revealed.revealed).toBe(true);
    expect(revealed.results?.tallies).toContainEqual({ argumentId: bobs.id, votes: 1, strength: 5, quoteSupport: 4 });
    expect(revealed.mine).toHaveLength(1);
    await t.bob.sessionWhere((s) => s.voting.revealed, "the votes to be revealed");
  });
});

describe("permissions: private drafting", () => {
  /** A complete, valid argument record, as an editor would save it as a draft. */
  function draftBy(member: MemberClient, text: string): Argument {
    const now = Date.now();
    const id = `arg-draft-${Math.random().toString(16).slice(2, 10)}`;
    return { id, positionId: US, parentId: US, stance: "for", text, quotes: [quote(SAMPLE_QUOTE)], authorId: member.memberId, authorName: member.seat.displayName, createdAt: now, updatedAt: now };
  }
  const holds = (id: string) => (view: DraftsView) => view.drafts.some((d) => d.id === id);

  it("keeps a team's drafts from the other team until the facilitator reveals them", async () => {
    const t = await h.table();
    const carol = await t.join("participant", "Carol", TEAM_US); // Alice's teammate
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });

    const draft = draftBy(t.alice, "Our team's secret opening.");
    const everyone = [t.facilitator, t.alice, carol, t.bob, t.observer];
    const marks = new Map(everyone.map((m) => [m, m.mark()]));
    await ok(t.alice, { type: "save-draft", argument: draft });

    for (const insider of [t.facilitator, t.alice, carol]) {
      const view = await insider.eventAfter<DraftsView>("drafts", marks.get(insider)!, holds(draft.id));
      expect(view.drafts.find((d) => d.id === draft.id)).toMatchObject({ teamId: TEAM_US, memberId: t.alice.memberId, argument: draft });
    }
    // The outsiders were sent the same update, filtered: an empty list.
    for (const outsider of [t.bob, t.observer]) expect(await outsider.eventAfter<DraftsView>("drafts", marks.get(outsider)!)).toEqual({ drafts: [] });

    // During private drafting the board itself takes no new arguments from participants.
    expect((await post(t.alice, { text: "Straight onto the board." })).ack).toMatchObject({ ok: false, code: "forbidden" });
    // Nobody may draft in someone else's name or touch someone else's draft.
    expect(await t.bob.command({ type: "save-draft", argument: draftBy(t.alice, "Bob pretends to be Alice.") })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.bob.command({ type: "save-draft", argument: { ...draft, authorId: t.bob.memberId, text: "Bob overwrites." } })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.bob.command({ type: "delete-draft", id: draft.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.bob.command({ type: "reveal-drafts" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(argumentsMap(t.bob.doc).has(draft.id)).toBe(false);

    const revealMarks = new Map(everyone.map((m) => [m, m.mark()]));
    await ok(t.facilitator, { type: "reveal-drafts" });
    for (const member of everyone) {
      expect(await member.sees(draft.id)).toEqual(draft);
      expect(await member.eventAfter<DraftsView>("drafts", revealMarks.get(member)!)).toEqual({ drafts: [] });
    }
    expect(await h.server.context.store.listDrafts(t.boardId)).toEqual([]);
    expect(readArgument(await h.served(t), draft.id)?.authorId).toBe(t.alice.memberId);

    // Bob never received Alice's draft, in any drafts event.
    expect(t.bob.eventsOf<DraftsView>("drafts").some(holds(draft.id))).toBe(false);
    expect(t.observer.eventsOf<DraftsView>("drafts").some(holds(draft.id))).toBe(false);
  });
});
