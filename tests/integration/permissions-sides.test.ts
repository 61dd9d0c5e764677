/**
 * Issue 9, item 4: "teams post only on their side", enforced by the server on raw clients that bypass
 * the UI. A refused update or draft names the argument and the reason, and nothing is stored.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { readArgument } from "@/lib/board/doc";
import { updateArgument } from "@/lib/board/operations";
import { ARTICLE, quote, SAMPLE_QUOTE } from "./support/board";
import { PAK_MILITARY, post, posted, TEAM_PAK, TEAM_US, US, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";

async function ok(client: MemberClient, command: Parameters<MemberClient["command"]>[0]): Promise<void> {
  expect(await client.command(command), command.type).toMatchObject({ ok: true });
}

const h = useManagedBoards();
const SIDE_REFUSAL = /teams post only on their side/;

describe("permissions: teams post only on their side", () => {
  it("refuses a raw update that argues the other side, with the argument and the reason, and stores nothing", async () => {
    const t = await h.table(); // Alice is on Team US, Bob on Team Pakistan
    const rows = await h.storedRows(t.boardId);

    const opening = await post(t.alice, { parentId: PAK_MILITARY, stance: "for", text: "Alice makes Pakistan's case." });
    expect(opening.ack).toMatchObject({ ok: false, code: "forbidden", message: expect.stringMatching(SIDE_REFUSAL), details: { argumentId: opening.value.id } });
    const undermine = await post(t.alice, { parentId: US, stance: "against", text: "Alice attacks her own side." });
    expect(undermine.ack).toMatchObject({ ok: false, code: "forbidden", message: expect.stringMatching(/against your own side/) });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(readArgument(await h.served(t), opening.value.id)).toBeNull();

    // Attacking the other position, rebutting its arguments and defending one's own side are all allowed.
    await posted(t.alice, { parentId: PAK_MILITARY, stance: "against", text: "Alice attacks Pakistan's position." });
    const bobs = await posted(t.bob, { text: "Bob opens for Pakistan." });
    const rebuttal = await posted(t.alice, { parentId: bobs.id, stance: "against", text: "Alice rebuts Bob." });
    const backing = await post(t.alice, { parentId: bobs.id, stance: "for", text: "Alice backs Bob." });
    expect(backing.ack).toMatchObject({ ok: false, code: "forbidden" });
    await posted(t.bob, { parentId: rebuttal.id, stance: "against", text: "Bob answers Alice's rebuttal." });
  });

  it("refuses turning an argument's stance to the other side, even with co-editing on", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { coEditing: true } });
    const own = await posted(t.alice, { text: "Alice opens for the US." });
    const rows = await h.storedRows(t.boardId);
    const flip = await t.alice.update((doc) => updateArgument(doc, ARTICLE, own.id, { stance: "against" }));
    expect(flip.ack).toMatchObject({ ok: false, code: "forbidden", details: { argumentId: own.id } });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    // A text edit keeps the side, so it needs no side check.
    expect((await t.alice.update((doc) => updateArgument(doc, ARTICLE, own.id, { text: "Alice opens, more sharply." }))).ack).toEqual({ ok: true });
  });

  it("follows Swap sides, lets facilitators post anywhere, and is lifted by the setting", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "swap-sides" });
    await t.alice.sessionWhere((s) => s.teams.find((team) => team.id === TEAM_US)?.positionId === PAK_MILITARY, "the swap");
    expect((await post(t.alice, { parentId: US, stance: "for", text: "Alice's old side." })).ack).toMatchObject({ ok: false, code: "forbidden" });
    await posted(t.alice, { parentId: PAK_MILITARY, stance: "for", text: "Alice argues her new side." });
    await posted(t.facilitator, { parentId: US, stance: "for", text: "The facilitator seeds the US side." });

    await ok(t.facilitator, { type: "set-settings", patch: { teamSides: false } });
    await t.bob.sessionWhere((s) => s.settings.teamSides === false, "the setting");
    await posted(t.bob, { parentId: PAK_MILITARY, stance: "for", text: "Bob may argue either side now." });
  });

  it("refuses a private draft on the other side", async () => {
    const t = await h.table();
    await ok(t.facilitator, { type: "set-settings", patch: { privateDrafting: true } });
    await ok(t.facilitator, { type: "start-phase", phaseId: "drafting" });
    const now = Date.now();
    const draft = (positionId: string): Argument => ({
      id: `arg-draft-${positionId}`,
      positionId,
      parentId: positionId,
      stance: "for",
      text: "A drafted opening.",
      quotes: [quote(SAMPLE_QUOTE)],
      authorId: t.bob.memberId,
      authorName: "Bob",
      createdAt: now,
      updatedAt: now,
    });
    expect(await t.bob.command({ type: "save-draft", argument: draft(US) })).toMatchObject({ ok: false, code: "forbidden", message: expect.stringMatching(SIDE_REFUSAL) });
    expect(await h.server.context.store.listDrafts(t.boardId)).toEqual([]);
    await ok(t.bob, { type: "save-draft", argument: draft(PAK_MILITARY) });
  });

  it("refuses an assigned participant's own team change and leaves the assignment as it was", async () => {
    const t = await h.table();
    const rows = await h.storedRows(t.boardId);
    expect(await t.alice.command({ type: "pick-team", teamId: TEAM_PAK })).toMatchObject({ ok: false, message: expect.stringMatching(/placed you/) });
    expect(await h.storedRows(t.boardId)).toEqual(rows);
    expect(t.alice.session.assignments[t.alice.memberId]).toBe(TEAM_US);
  });
});
