/**
 * A rearranged board survives an export: the JSON export carries each moved argument's order key, an
 * import restores it, and every tree-shaped export (outline, Markdown, CSV, PDF, Argdown) reads the
 * same sibling order through buildColumns.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { initBoardDoc, readArguments, readBoard } from "@/lib/board/doc";
import { moveArgument } from "@/lib/board/move";
import { restoreArgument } from "@/lib/board/operations";
import { makePositions } from "@/lib/board/position";
import { buildColumns, type ArgumentNode } from "@/lib/board/tree";
import { makeExportBoard, parentsFirst } from "@/lib/export/board-export";
import { toArgdown } from "@/lib/export/argdown";
import { fromParleyJson, toParleyJson } from "@/lib/export/json";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";

const source = loadDemoSource();
const STAMP = "2026-11-30T12:00:00.000Z";

/** The demo board with two moves; `movedUp` now sorts before `oldest`, its former elder sibling. */
function rearranged(): { doc: Y.Doc; movedUp: string; oldest: string } {
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(demoPositionDrafts()));
  fillDemoBoard(doc, source.text, Date.parse(STAMP));
  const top = readArguments(doc).filter((a) => a.parentId === a.positionId);
  const oldest = top[0]!;
  const younger = top.filter((a) => a.parentId === oldest.parentId && a.stance === oldest.stance);
  const movedUp = younger.at(-1)!;
  expect(younger.length).toBeGreaterThan(1);
  expect(moveArgument(doc, source.text, movedUp.id, { parentId: oldest.parentId, stance: oldest.stance, before: oldest.id }).ok).toBe(true);
  // And another top-level argument becomes a rebuttal of the moved one.
  const other = top.find((a) => a.id !== movedUp.id && a.id !== oldest.id)!;
  expect(moveArgument(doc, source.text, other.id, { parentId: movedUp.id, stance: "against" }).ok).toBe(true);
  return { doc, movedUp: movedUp.id, oldest: oldest.id };
}

/** Every argument id in tree order: column by column, lane by lane, depth first. */
function treeOrder(board: ReturnType<typeof readBoard>): string[] {
  const walk = (node: ArgumentNode): string[] => [node.argument.id, ...node.children.flatMap(walk)];
  return buildColumns(board.positions, board.arguments).flatMap((c) => [...c.lanes.for, ...c.lanes.against].flatMap(walk));
}

describe("exports of a rearranged board", () => {
  it("round-trips through Parley JSON with the same tree and order", () => {
    const before = readBoard(rearranged().doc);
    const json = toParleyJson(makeExportBoard({ id: "demo", title: source.title, createdAt: STAMP, updatedAt: STAMP }, source, before));
    const parsed = fromParleyJson(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const doc = new Y.Doc();
    initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(parsed.board.positions));
    for (const argument of parentsFirst(parsed.board.arguments)) expect(restoreArgument(doc, source.text, argument).ok).toBe(true);
    expect(treeOrder(readBoard(doc))).toEqual(treeOrder(before));
    expect(readBoard(doc).arguments.filter((a) => a.order !== undefined)).toHaveLength(2);
  });

  it("writes Argdown in the board's order", () => {
    const { doc, movedUp, oldest } = rearranged();
    const board = readBoard(doc);
    const text = toArgdown(makeExportBoard({ id: "demo", title: source.title, createdAt: STAMP, updatedAt: STAMP }, source, board));
    const at = (id: string) => text.indexOf(board.arguments.find((a) => a.id === id)!.text.slice(0, 40));
    expect(at(movedUp)).toBeGreaterThan(0);
    expect(at(movedUp)).toBeLessThan(at(oldest));
  });
});
