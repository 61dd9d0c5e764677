import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { readComments, restoreComment, type Comment } from "@/lib/board/comments";
import { initBoardDoc, readBoard } from "@/lib/board/doc";
import { restoreArgument } from "@/lib/board/operations";
import { makePositions } from "@/lib/board/position";
import { makeExportBoard, parentsFirst, type ExportBoard } from "@/lib/export/board-export";
import type { ImportedBoard } from "@/lib/export/imported-board";
import { fromParleyJson, normalizeParleyJson, toParleyJson } from "@/lib/export/json";
import { topsFirst } from "@/lib/export/json-comments";
import { sha256Hex } from "@/lib/export/sha256";
import { demoExportBoard } from "./support/export-fixture";

/** The demo board with a thread on its first argument, a reply, and an orphan on an argument not on the board. */
function boardWithComments(): ExportBoard {
  const board = demoExportBoard();
  const [first, second] = board.arguments;
  const comments: Comment[] = [
    { id: "cmt-reply", argumentId: first.id, replyTo: "cmt-top", text: "Fair point.", authorId: "m2", authorName: "Ben", createdAt: 5, updatedAt: 5 },
    { id: "cmt-top", argumentId: first.id, replyTo: null, text: "Which conditions?", authorId: "m1", authorName: "Ayesha", createdAt: 9, updatedAt: 12 },
    { id: "cmt-other", argumentId: second.id, replyTo: null, text: "Source?", authorId: "m1", authorName: "Anonymous", createdAt: 3, updatedAt: 3 },
    { id: "cmt-orphan", argumentId: "arg-deleted", replyTo: null, text: "Lost", authorId: "m1", authorName: "Ayesha", createdAt: 1, updatedAt: 1 },
  ];
  return makeExportBoard(board.board, board.source, { meta: { schemaVersion: 1, title: board.board.title, sourceSha256: board.source.sha256 }, positions: board.positions, arguments: board.arguments }, { comments });
}

/** Fills a document as server/boards/import-board.ts does, comments included. */
function rebuild(imported: ImportedBoard): ExportBoard {
  const doc = new Y.Doc();
  const sha256 = sha256Hex(imported.source.text);
  initBoardDoc(doc, { title: imported.title, sourceSha256: sha256 }, makePositions(imported.positions));
  for (const argument of parentsFirst(imported.arguments)) expect(restoreArgument(doc, imported.source.text, argument).ok).toBe(true);
  for (const comment of topsFirst(imported.comments)) expect(restoreComment(doc, comment).ok).toBe(true);
  const state = readBoard(doc);
  const stamp = "2030-01-01T00:00:00.000Z";
  return makeExportBoard({ id: "x", title: imported.title, createdAt: stamp, updatedAt: stamp }, { ...imported.source, sha256 }, state, {
    comments: readComments(doc, new Set(state.arguments.map((a) => a.id))),
  });
}

describe("comments in Parley JSON", () => {
  it("exports visible comments, top comments before replies, and never an orphan", () => {
    const doc = JSON.parse(toParleyJson(boardWithComments()));
    expect(doc.comments.map((c: Comment) => c.id)).toEqual(["cmt-other", "cmt-top", "cmt-reply"]);
    expect(Object.keys(doc.comments[0])).toEqual(["id", "argumentId", "replyTo", "text", "authorId", "authorName", "createdAt", "updatedAt"]);
  });

  it("round-trips: export → import → export gives the same bytes", () => {
    const first = toParleyJson(boardWithComments());
    const result = fromParleyJson(first);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.board.comments).toHaveLength(3);
    expect(normalizeParleyJson(toParleyJson(rebuild(result.board)))).toBe(normalizeParleyJson(first));
  });

  it("still imports a file from before comments (an empty array, or none)", () => {
    const doc = JSON.parse(toParleyJson(demoExportBoard()));
    delete doc.comments;
    expect(fromParleyJson(JSON.stringify(doc)).ok).toBe(true);
  });

  it("refuses duplicate ids, missing arguments and replies deeper than one level, naming each", () => {
    const doc = JSON.parse(toParleyJson(boardWithComments()));
    doc.comments.push({ ...doc.comments[2], id: "cmt-deep", replyTo: "cmt-reply" });
    doc.comments.push({ ...doc.comments[0], argumentId: "arg-ghost" });
    doc.comments.push({ ...doc.comments[2], id: "cmt-across", argumentId: doc.comments[0].argumentId });
    const result = fromParleyJson(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.map((e) => e.message);
    expect(messages).toEqual([
      'comments[4].id: "cmt-other" is used more than once.',
      'comments[3].replyTo: replies go one level deep; "cmt-reply" is itself a reply.',
      'comments[4].argumentId: there is no argument "arg-ghost" in this file.',
      'comments[5].replyTo: "cmt-top" is on another argument.',
    ]);
  });
});

describe("comments in the Markdown handout", () => {
  it("lists an argument's comments under it, replies one level in, before its replies", async () => {
    const { toMarkdown } = await import("@/lib/export/markdown");
    const md = toMarkdown(boardWithComments());
    const first = boardWithComments().arguments[0];
    const at = md.indexOf(first.text.split("\n")[0].slice(0, 20));
    expect(at).toBeGreaterThan(-1);
    expect(md).toContain("  - **Comment:** Which conditions? — *Ayesha*\n\n    - **Reply:** Fair point. — *Ben*");
    expect(md).not.toContain("Lost");
    expect(md.indexOf("**Comment:** Which conditions?")).toBeGreaterThan(at);
  });
});
