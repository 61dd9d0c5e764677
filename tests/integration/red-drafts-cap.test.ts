/**
 * Issue 8 re-check: every client input has a size limit. Each saved draft is a row, and every save
 * re-reads and re-sends all of the board's drafts to everyone allowed to see them, so a participant
 * saving thousands of drafts made every later save and broadcast heavier for the whole class.
 */
import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { MAX_DRAFTS_PER_MEMBER } from "@/server/sync/commands";
import { quote, SAMPLE_QUOTE } from "./support/board";
import { ownPosition, useManagedBoards } from "./support/managed-board";
import type { MemberClient } from "./support/member-client";

// A budget large enough that the cap, not the command rate, is what refuses.
const h = useManagedBoards({ PARLEY_COMMANDS_PER_WINDOW: "1000" });

function draftBy(member: MemberClient, n: number): Argument {
  const now = Date.now();
  return { id: `arg-flood-${n}-${Math.random().toString(16).slice(2, 8)}`, positionId: ownPosition(member), parentId: ownPosition(member), stance: "for", text: `Draft ${n}.`, quotes: [quote(SAMPLE_QUOTE)], authorId: member.memberId, authorName: member.seat.displayName, createdAt: now, updatedAt: now };
}

describe("red: drafts per member are capped", () => {
  it(`refuses a participant's draft beyond ${MAX_DRAFTS_PER_MEMBER}, still lets them edit their own and lets teammates draft`, async () => {
    const t = await h.table();
    expect(await t.facilitator.command({ type: "set-settings", patch: { privateDrafting: true } })).toMatchObject({ ok: true });
    expect(await t.facilitator.command({ type: "start-phase", phaseId: "drafting" })).toMatchObject({ ok: true });
    const mine: Argument[] = [];
    for (let i = 0; i < MAX_DRAFTS_PER_MEMBER; i++) {
      const draft = draftBy(t.alice, i);
      expect(await t.alice.command({ type: "save-draft", argument: draft })).toMatchObject({ ok: true });
      mine.push(draft);
    }
    expect(await t.alice.command({ type: "save-draft", argument: draftBy(t.alice, 999) })).toMatchObject({ ok: false, code: "invalid-content" });
    expect(await t.alice.command({ type: "save-draft", argument: { ...mine[0], text: "Draft 0, better." } })).toMatchObject({ ok: true });
    expect(await t.bob.command({ type: "save-draft", argument: draftBy(t.bob, 0) })).toMatchObject({ ok: true });
    expect((await h.server.context.store.listDrafts(t.boardId)).filter((d) => d.memberId === t.alice.memberId)).toHaveLength(MAX_DRAFTS_PER_MEMBER);
  });
});
