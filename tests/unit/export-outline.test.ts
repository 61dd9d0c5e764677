import { describe, expect, it } from "vitest";
import { buildColumns, type ArgumentNode } from "@/lib/board/tree";
import type { ExportBoard } from "@/lib/export/board-export";
import { toKialoOutline } from "@/lib/export/outline";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

const BOARDS = [
  ["demo", demoExportBoard],
  ["hostile", hostileExportBoard],
] as const;

const NODE_LINE = /^((?:\d+\.)+) (.*)$/;

/** Outline lines below the header, split into number parts and content. */
function nodes(outline: string): { parts: number[]; content: string }[] {
  const lines = outline.split("\n");
  expect(lines[1]).toBe("");
  expect(lines[lines.length - 1]).toBe("");
  return lines.slice(2, -1).map((line) => {
    const match = NODE_LINE.exec(line);
    if (!match) throw new Error(`not a numbered line: ${JSON.stringify(line)}`);
    return { parts: match[1].slice(0, -1).split(".").map(Number), content: match[2] };
  });
}

/** Positions and their arguments in the order the board shows them, with depth (positions at -1). */
function expected(board: ExportBoard): { depth: number; node?: ArgumentNode }[] {
  const out: { depth: number; node?: ArgumentNode }[] = [];
  const visit = (node: ArgumentNode) => (out.push({ depth: node.depth, node }), node.children.forEach(visit));
  for (const column of buildColumns(board.positions, board.arguments)) {
    out.push({ depth: -1 });
    [...column.lanes.for, ...column.lanes.against].forEach(visit);
  }
  return out;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

describe("toKialoOutline", () => {
  it("starts with the discussion title and a blank line", () => {
    const outline = toKialoOutline(demoExportBoard());
    expect(outline.startsWith("Discussion Title: Can the US and Pakistan reset bilateral ties?\n\n1. The US position\n1.1. Pro: ")).toBe(true);
    expect(toKialoOutline(hostileExportBoard()).split("\n")[0]).toBe('Discussion Title: Hostile = board, "quoted"');
  });

  for (const [name, make] of BOARDS) {
    it(`numbers hierarchically and contiguously, depth-first (${name})`, () => {
      const lines = nodes(toKialoOutline(make()));
      let last: number[] = [];
      for (const { parts } of lines) {
        // Either the first child of the previous line, or the next sibling of it or of one of its ancestors.
        const k = parts.length;
        expect(k).toBeLessThanOrEqual(last.length + 1);
        expect(parts.slice(0, -1)).toEqual(last.slice(0, k - 1));
        expect(parts[k - 1]).toBe(last.length >= k ? last[k - 1] + 1 : 1);
        last = parts;
      }
      expect(lines.filter((l) => l.parts.length === 1).map((l) => l.parts[0])).toEqual(make().positions.map((_, i) => i + 1));
    });

    it(`maps positions to theses and stances to Pro/Con, one line per node (${name})`, () => {
      const board = make();
      const lines = nodes(toKialoOutline(board));
      const want = expected(board);
      expect(lines).toHaveLength(board.positions.length + board.arguments.length);
      lines.forEach((line, i) => {
        expect(line.parts.length - 2).toBe(want[i].depth);
        const node = want[i].node;
        if (!node) return;
        const arg = node.argument;
        const quotes = arg.quotes.map((q) => ` — “${oneLine(q.exact)}”`).join("");
        expect(line.content).toBe(`${arg.stance === "for" ? "Pro" : "Con"}: ${oneLine(arg.text)}${quotes} (${oneLine(arg.authorName)})`);
      });
      const labels = lines.filter((l) => l.parts.length === 1).map((l) => l.content);
      expect(labels).toEqual(board.positions.map((p) => p.label));
    });
  }

  it("keeps hostile text on one line: line breaks, tabs and Unicode separators become spaces", () => {
    const board = hostileExportBoard();
    const outline = toKialoOutline(board);
    expect(outline).toContain("1.1.1. Con: + starts with plus - and a second line starting with minus > and a quote line — “> quoted, < less” (@admin #(team) [x])");
    expect(outline).toContain("2.1. Con: -1 is not a number here; , commas, ; semicolons and tabs — “a\\backslash, a 'single' quote” (O'Brien, Jr.)");
    const [first] = board.arguments;
    const text = "one\r\ntwo\rthree\u2028four\u2029five\u0085six\u000bseven\u000ceight\u001enine\t\tten";
    const edited = toKialoOutline({ ...board, arguments: board.arguments.map((a) => (a.id === first.id ? { ...a, text } : a)) });
    expect(edited).toContain("1.1. Pro: one two three four five six seven eight nine ten — “=cmd|' /C calc'!A0 is a formula” (=Mallory)");
    expect(edited.split(/\r\n|[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/)).toHaveLength(outline.split("\n").length);
  });

  it("appends every quote in order, then the author", () => {
    const board = demoExportBoard();
    const withTwo = board.arguments.find((a) => a.quotes.length >= 2)!;
    const line = toKialoOutline(board).split("\n").find((l) => l.includes(oneLine(withTwo.text)))!;
    expect(line.endsWith(`${withTwo.quotes.map((q) => ` — “${oneLine(q.exact)}”`).join("")} (${withTwo.authorName})`)).toBe(true);
  });

  it("numbers a position without arguments and moves on", () => {
    const board = hostileExportBoard();
    const empty: ExportBoard = { ...board, arguments: board.arguments.filter((a) => a.positionId !== board.positions[0].id) };
    expect(toKialoOutline(empty).split("\n").slice(2)).toEqual([`1. ${board.positions[0].label}`, `2. ${board.positions[1].label}`, expect.stringMatching(/^2\.1\. Con: /), ""]);
  });

  it("is deterministic", () => {
    expect(toKialoOutline(demoExportBoard())).toBe(toKialoOutline(demoExportBoard()));
  });
});
