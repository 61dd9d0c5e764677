import { describe, expect, it } from "vitest";
import { quotesOf, relationsOf } from "@/lib/export/board-export";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

describe("export fixtures", () => {
  it("the demo board has every argument with a relation and its quotes", () => {
    const board = demoExportBoard();
    expect(board.arguments).toHaveLength(14);
    expect(relationsOf(board)).toHaveLength(14);
    expect(quotesOf(board).length).toBeGreaterThan(14);
  });

  it("the hostile board builds, replies nested three deep", () => {
    const board = hostileExportBoard();
    expect(board.arguments).toHaveLength(4);
    const byId = new Map(board.arguments.map((a) => [a.id, a]));
    const deepest = board.arguments.find((a) => byId.has(a.parentId) && byId.has(byId.get(a.parentId)!.parentId));
    expect(deepest).toBeDefined();
  });
});
