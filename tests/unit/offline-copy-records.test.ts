/**
 * The pure parts of keeping work in the browser (issue 9, item 5): the unsaved-work record, the
 * names that keep board incarnations and people apart, the editor draft, and when to warn on leaving.
 */
import { describe, expect, it } from "vitest";
import { keepDraft, keptDraftKey, parseKeptDraft, reviveDraft } from "@/components/board/kept-draft";
import type { Draft } from "@/components/board/useArgumentDraft";
import { mayLoseWork } from "@/components/board/useLeaveWarning";
import {
  NO_SAVED_WORK,
  hasSavedWork,
  isQuotaError,
  localCopyFailedNotice,
  localCopyName,
  parseSavedWork,
  staleCopyNames,
  storedWork,
  type SavedWork,
} from "@/components/sync/saved-work";
import type { Argument } from "@/lib/board/argument";
import { ARTICLE, US, anchorFor } from "./support/board-fixture";

const work: SavedWork = {
  changes: [{ frame: new Uint8Array([2, 3, 1, 2, 3]), edits: [{ kind: "add", id: "arg-1", record: { id: "arg-1", text: "Offline point." } }] }],
  replay: [[{ kind: "change", id: "arg-2", fields: { text: "New words." }, text: "New words." }], [{ kind: "delete", id: "arg-3", text: null }]],
};

describe("the unsaved-work record", () => {
  it("reads back what was stored (through a structured clone, as IndexedDB does)", () => {
    expect(parseSavedWork(structuredClone(storedWork(work)))).toEqual(work);
    expect(hasSavedWork(work)).toBe(true);
    expect(hasSavedWork(NO_SAVED_WORK)).toBe(false);
  });

  it("treats a missing, damaged or other-version record as no work", () => {
    expect(parseSavedWork(undefined)).toEqual(NO_SAVED_WORK);
    expect(parseSavedWork({ ...storedWork(work), version: 2 })).toEqual(NO_SAVED_WORK);
    expect(parseSavedWork({ version: 1, changes: [{ frame: [2, 3], edits: [] }], replay: [] })).toEqual(NO_SAVED_WORK);
    expect(parseSavedWork({ version: 1, changes: [], replay: [[{ kind: "rename", id: "x" }]] })).toEqual(NO_SAVED_WORK);
  });
});

describe("whose copy is whose", () => {
  it("names one database per board, board incarnation and person", () => {
    const names = new Set([localCopyName("demo", 1, "mem-a"), localCopyName("demo", 2, "mem-a"), localCopyName("demo", 1, "mem-b"), localCopyName("other", 1, "mem-a")]);
    expect(names.size).toBe(4);
  });

  it("finds the copies of earlier incarnations of this board only, whoever wrote them", () => {
    const names = [localCopyName("demo", 1, "mem-a"), localCopyName("demo", 1, "mem-b"), localCopyName("demo", 2, "mem-a"), localCopyName("demo-2", 1, "mem-a"), "unrelated-db"];
    expect(staleCopyNames(names, "demo", 2)).toEqual([localCopyName("demo", 1, "mem-a"), localCopyName("demo", 1, "mem-b")]);
    expect(staleCopyNames(names, "demo-2", 1)).toEqual([]);
  });

  it("recognises the browser's out-of-room errors and says what that means for the person", () => {
    expect(isQuotaError(new DOMException("full", "QuotaExceededError"))).toBe(true);
    expect(isQuotaError({ name: "NS_ERROR_DOM_QUOTA_REACHED" })).toBe(true);
    expect(isQuotaError(new Error("other"))).toBe(false);
    expect(localCopyFailedNotice(new DOMException("full", "QuotaExceededError")).message).toMatch(/^This browser is out of storage space, so your work is kept only on this page/);
  });
});

const parent: Argument = {
  id: "arg-parent",
  positionId: US,
  parentId: US,
  stance: "for",
  text: "The parent argument.",
  quotes: [],
  authorId: "mem-a",
  authorName: "Amira",
  createdAt: 1,
  updatedAt: 1,
};
const quote = anchorFor(ARTICLE, "why should the US continue to provide the military funding?");
const reply: Draft = { target: { kind: "reply", parent }, positionId: US, stance: "against", text: "Half a rebuttal", quotes: [quote], error: "shown once" };

describe("the editor draft kept in the browser", () => {
  it("comes back as it was, replying to the argument as the board has it now", () => {
    const kept = parseKeptDraft(JSON.stringify(keepDraft(reply)));
    expect(kept).not.toBeNull();
    const renamed = { ...parent, text: "Edited meanwhile." };
    expect(reviveDraft(kept!, [renamed])).toEqual({ ...reply, target: { kind: "reply", parent: renamed }, error: null });
  });

  it("keeps the words of a reply or edit whose argument is gone, as a new argument with a note", () => {
    const kept = parseKeptDraft(JSON.stringify(keepDraft(reply)))!;
    const revived = reviveDraft(kept, []);
    expect(revived).toMatchObject({ target: { kind: "new" }, text: "Half a rebuttal", quotes: [quote], positionId: US });
    expect(revived.error).toContain("no longer on the board");
    const edit = keepDraft({ ...reply, target: { kind: "edit", argument: parent }, text: "Rewritten" });
    expect(reviveDraft(edit, []).error).toContain("you were editing");
  });

  it("ignores damaged or foreign storage", () => {
    expect(parseKeptDraft(null)).toBeNull();
    expect(parseKeptDraft("{not json")).toBeNull();
    expect(parseKeptDraft(JSON.stringify({ ...keepDraft(reply), stance: "maybe" }))).toBeNull();
    expect(keptDraftKey("demo", 1, "mem-a")).not.toBe(keptDraftKey("demo", 1, "mem-b"));
  });

  it("warns before leaving while anything could be lost", () => {
    expect(mayLoseWork(0, false)).toBe(false);
    expect(mayLoseWork(2, false)).toBe(true);
    expect(mayLoseWork(0, true)).toBe(true);
  });
});
