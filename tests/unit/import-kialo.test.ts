import { describe, expect, it } from "vitest";
import type { ImportedBoard, ImportResult } from "@/lib/export/imported-board";
import { fromKialo } from "@/lib/export/kialo-import";
import { toKialoOutline } from "@/lib/export/outline";
import { demoExportBoard } from "./support/export-fixture";

function boardOf(result: ImportResult): ImportedBoard {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.board;
}
function errorsOf(result: ImportResult) {
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors;
}

const OUTLINE = [
  "Discussion Title: Should cities ban cars downtown?",
  "",
  "1. Cities should ban cars downtown.",
  "1.1. Pro: Air quality improves.",
  "Asthma admissions fell by a third in Oslo.",
  "1.1.1. Con: Only on the main roads.",
  "1.2. Con: Shops lose customers.",
  "1.2.1. Pro: -> See 1.1.1.",
  "",
].join("\n");

describe("fromKialo: a Kialo outline", () => {
  const board = boardOf(fromKialo(OUTLINE, { now: 5 }));

  it("one thesis becomes the thesis and its negation; the title line names the board", () => {
    expect(board.title).toBe("Should cities ban cars downtown?");
    expect(board.positions.map((p) => p.label)).toEqual(["Cities should ban cars downtown.", "Not: Cities should ban cars downtown."]);
    expect(board.source.text).toBe(OUTLINE);
  });

  it("Pro/Con are for/against their parent; continuation lines join the claim; a link is a reply naming its target", () => {
    const pos = "pos-cities-should-ban-cars-downtown";
    expect(board.arguments.map((a) => [a.id, a.parentId, a.stance, a.text])).toEqual([
      ["kialo-4", pos, "for", "Air quality improves.\nAsthma admissions fell by a third in Oslo."],
      ["kialo-6", "kialo-4", "against", "Only on the main roads."],
      ["kialo-7", pos, "against", "Shops lose customers."],
      ["kialo-8", "kialo-7", "for", "See 1.1.1: “Only on the main roads.”"],
    ]);
    expect(board.arguments.every((a) => a.positionId === pos && a.quotes.length === 0 && a.authorName === "Kialo import")).toBe(true);
    expect(board.arguments.map((a) => a.createdAt)).toEqual([5, 6, 7, 8]);
  });

  it("several theses are one position each, without a title line", () => {
    const multi = boardOf(fromKialo("1. Tax meat\n1.1. Pro: Emissions fall\n2. Subsidise beans\n2.1. Con: Costly\n3. Do nothing\n"));
    expect(multi.title).toBe("Tax meat");
    expect(multi.positions.map((p) => p.label)).toEqual(["Tax meat", "Subsidise beans", "Do nothing"]);
    expect(multi.arguments.map((a) => a.positionId)).toEqual(["pos-tax-meat", "pos-subsidise-beans"]);
  });

  it("Parley's own outline export comes back with its positions and every argument's stance", () => {
    const original = demoExportBoard();
    const copy = boardOf(fromKialo(toKialoOutline(original)));
    expect(copy.positions.map((p) => p.label)).toEqual(original.positions.map((p) => p.label));
    expect(copy.arguments.map((a) => a.stance).sort()).toEqual(original.arguments.map((a) => a.stance).sort());
  });

  it("deep nesting is read line by line (the board model then limits depth)", () => {
    const lines = ["1. Root"];
    for (let n = "1", d = 0; d < 500; d++) lines.push(`${(n = `${n}.1`)}. Pro: level ${d}`);
    expect(boardOf(fromKialo(lines.join("\n"))).arguments).toHaveLength(500);
  });
});

describe("fromKialo: bad outlines are refused with every problem and its line", () => {
  it("text before the first claim, a missing parent, a duplicate number, a missing stance", () => {
    const text = ["Some preface", "1. Thesis", "1.2.1. Pro: orphan", "1.1. Pro: a", "1.1. Con: b", "1.3. no stance"].join("\n");
    expect(errorsOf(fromKialo(text))).toEqual([
      { line: 1, message: expect.stringContaining('Expected "Discussion Title: …"') },
      { line: 3, message: "1.2.1. answers 1.2., which does not come before it." },
      { line: 5, message: "The number 1.1. is used twice." },
      { line: 6, message: '1.3. needs "Pro:" or "Con:" before its text.' },
    ]);
  });

  it("a link to a claim that does not exist, and an empty claim", () => {
    expect(errorsOf(fromKialo("1. T\n1.1. Pro: -> See 1.9.\n"))).toEqual([{ line: 2, message: '"-> See 1.9." points to 1.9, which is not in the outline.' }]);
    expect(errorsOf(fromKialo("1. T\n1.1. Pro:   \n"))).toEqual([{ line: 2, message: expect.stringContaining("An argument needs some text") }]);
  });

  it("more arguments than a board may hold is refused with the limit", () => {
    const lines = ["1. T", ...Array.from({ length: 10_001 }, (_, i) => `1.${i + 1}. Pro: claim ${i}`)];
    expect(errorsOf(fromKialo(lines.join("\n")))).toEqual([{ message: "A board may hold at most 10000 arguments; this outline has 10001." }]);
  });

  it("no thesis, or more than six", () => {
    expect(errorsOf(fromKialo("Discussion Title: x\n\n"))[0].message).toMatch(/No thesis/);
    expect(errorsOf(fromKialo([1, 2, 3, 4, 5, 6, 7].map((n) => `${n}. T${n}`).join("\n")))[0]).toEqual({ line: 7, message: "Parley needs 2 to 6 positions; this outline has 7 theses." });
  });
});
