import { describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/doc";
import { addArgument } from "@/lib/board/operations";
import type { SessionState } from "@/lib/session/session";
import { OPEN_SETTINGS } from "@/lib/session/session";
import { buildDraftRecord, type DraftInput } from "@/components/drafts/draft-record";
import { groupByTeam, placeDrafts, privateDraftingActive, type TeamDraft } from "@/components/drafts/draft-groups";
import { ALICE, ARTICLE, BOB, PAK_MILITARY, US, anchorFor, makeBoardDoc } from "./support/board-fixture";

function input(overrides: Partial<DraftInput> = {}): DraftInput {
  return { parentId: US, stance: "for", text: "  Aid cuts are leverage. ", quotes: [], author: ALICE, ...overrides };
}

function boardWithOneArgument() {
  const doc = makeBoardDoc();
  const added = addArgument(doc, ARTICLE, { parentId: US, stance: "for", text: "On the board", quotes: [], author: BOB }, { id: "on-board", now: 5 });
  if (!added.ok) throw new Error(added.error.message);
  return readBoard(doc);
}

describe("buildDraftRecord", () => {
  it("builds the record addArgument would write, without touching the board", () => {
    const board = boardWithOneArgument();
    const result = buildDraftRecord(board, ARTICLE, input(), { id: "d1", now: 1000 });
    expect(result).toEqual({
      ok: true,
      value: { id: "d1", positionId: US, parentId: US, stance: "for", text: "Aid cuts are leverage.", quotes: [], authorId: ALICE.id, authorName: "Alice", createdAt: 1000, updatedAt: 1000 },
    });
    expect(board.arguments.map((a) => a.id)).toEqual(["on-board"]);
  });

  it("gives a fresh argument id when none is asked for", () => {
    const result = buildDraftRecord(boardWithOneArgument(), ARTICLE, input());
    expect(result.ok && result.value.id).toMatch(/^arg-[0-9a-f]{16}$/);
  });

  it("takes a reply's position from its parent on the board", () => {
    const result = buildDraftRecord(boardWithOneArgument(), ARTICLE, input({ parentId: "on-board", stance: "against" }), { id: "d2", now: 1 });
    expect(result.ok && result.value).toMatchObject({ positionId: US, parentId: "on-board", stance: "against" });
  });

  it("re-finds a quote whose offsets went stale and stores the source's own text", () => {
    const anchor = anchorFor(ARTICLE, "vis-à-vis");
    const stale = { ...anchor, start: anchor.start + 3, end: anchor.end + 3 };
    const result = buildDraftRecord(boardWithOneArgument(), ARTICLE, input({ quotes: [stale] }), { id: "d3", now: 1 });
    expect(result.ok && result.value.quotes).toEqual([anchor]);
  });

  it("refuses what the model refuses, in the model's words", () => {
    const board = boardWithOneArgument();
    const empty = buildDraftRecord(board, ARTICLE, input({ text: "   " }));
    expect(!empty.ok && empty.error.message).toBe("An argument needs some text.");
    const orphan = buildDraftRecord(board, ARTICLE, input({ parentId: "no-such-argument" }));
    expect(!orphan.ok && orphan.error.code).toBe("parent-not-found");
    const missingQuote = buildDraftRecord(board, ARTICLE, input({ quotes: [{ exact: "Not in the article at all", prefix: "", suffix: "", start: 0, end: 25 }] }));
    expect(!missingQuote.ok && missingQuote.error.code).toBe("quote-not-found");
    const taken = buildDraftRecord(board, ARTICLE, input(), { id: "on-board" });
    expect(!taken.ok && taken.error.message).toBe("That argument is already on the board.");
  });

  it("keeps a re-saved draft's id, author and creation time, moving only updatedAt forward", () => {
    const board = boardWithOneArgument();
    const first = buildDraftRecord(board, ARTICLE, input(), { id: "d4", now: 100 });
    if (!first.ok) throw new Error(first.error.message);
    const again = buildDraftRecord(board, ARTICLE, input({ text: "Better wording", author: BOB, parentId: PAK_MILITARY }), { previous: first.value, now: 50 });
    expect(again.ok && again.value).toMatchObject({
      id: "d4",
      authorId: ALICE.id,
      authorName: "Alice",
      createdAt: 100,
      updatedAt: 100,
      text: "Better wording",
      positionId: PAK_MILITARY,
    });
  });
});

function draft(id: string, teamId: string, parentId: string, stance: "for" | "against", createdAt: number): TeamDraft {
  const positionId = parentId === "on-board" ? US : parentId;
  return { id, teamId, memberId: "m", argument: { id, positionId, parentId, stance, text: id, quotes: [], authorId: "m", authorName: "M", createdAt, updatedAt: createdAt } };
}

describe("placing and grouping drafts", () => {
  const drafts = [draft("late", "t2", US, "for", 9), draft("early", "t1", US, "for", 1), draft("reply", "t1", "on-board", "against", 3), draft("own", "facilitators", PAK_MILITARY, "against", 2)];

  it("puts opening drafts in their lane and replies under their parent, oldest first", () => {
    const { lanes, replies } = placeDrafts(drafts);
    expect(lanes.get(`${US}:for`)?.map((d) => d.id)).toEqual(["early", "late"]);
    expect(lanes.get(`${PAK_MILITARY}:against`)?.map((d) => d.id)).toEqual(["own"]);
    expect(replies.get("on-board")?.map((d) => d.id)).toEqual(["reply"]);
  });

  it("groups by team in the session's order, facilitators and unknown teams last", () => {
    const teams = [
      { id: "t2", name: "Hawks", positionId: US, color: "rose" as const },
      { id: "t1", name: "Doves", positionId: US, color: "teal" as const },
    ];
    const groups = groupByTeam([...drafts, draft("stray", "gone", US, "for", 4)], teams);
    expect(groups.map((g) => [g.name, g.drafts.length])).toEqual([
      ["Hawks", 1],
      ["Doves", 2],
      ["Facilitators", 1],
      ["gone", 1],
    ]);
  });
});

describe("privateDraftingActive", () => {
  const session = (privateDrafting: boolean, rule: "drafting" | "openings" | null): SessionState => ({
    settings: { ...OPEN_SETTINGS, privateDrafting },
    phases: [{ id: "p", name: "Phase", durationSec: null, rule: rule ?? "drafting" }],
    clock: { phaseId: rule ? "p" : null, startedAt: null, durationMs: null, pausedRemainingMs: null },
    spotlight: { argumentId: null, at: 0 },
    teams: [],
    assignments: {},
    voting: { revealed: false },
    drafts: { revealedAt: null },
  });

  it("needs both the setting and a drafting phase in force", () => {
    expect(privateDraftingActive(session(true, "drafting"))).toBe(true);
    expect(privateDraftingActive(session(false, "drafting"))).toBe(false);
    expect(privateDraftingActive(session(true, "openings"))).toBe(false);
    expect(privateDraftingActive(session(true, null))).toBe(false);
    expect(privateDraftingActive(null)).toBe(false);
  });
});
