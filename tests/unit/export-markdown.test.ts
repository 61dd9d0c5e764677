import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { buildColumns, type ArgumentNode } from "@/lib/board/tree";
import type { ExportBoard } from "@/lib/export/board-export";
import { toMarkdown } from "@/lib/export/markdown";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

interface ReadItem {
  depth: number;
  label: string | null;
  /** Item text as written, author suffix removed, continuation lines joined with "\n". */
  raw: string;
  author: string;
  quotes: string[];
}

/**
 * Reads back the subset of CommonMark the handout uses: `- ` items nested 2 spaces per level, hard-break
 * continuation lines at the item's content column, and `> ` block quotes under an item. Anything else
 * inside an item (a stray marker at the wrong column, text at column 0) fails the test.
 */
function readItems(markdown: string): ReadItem[] {
  const items: ReadItem[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const item = /^( *)- (?:\*\*(Supports|Rebuts):\*\* )?(.*)$/.exec(line);
    if (item) {
      const depth = item[1].length / 2;
      let raw = item[3];
      // An odd run of trailing backslashes ends in a hard break; an even run is escaped backslashes.
      while ((/\\+$/.exec(raw)?.[0].length ?? 0) % 2 === 1) {
        const next = lines[++i];
        expect(next.startsWith(`${item[1]}  `) && !next.startsWith(`${item[1]}   `), `continuation of ${raw}`).toBe(true);
        raw = `${raw.slice(0, -1)}\n${next.slice(item[1].length + 2)}`;
      }
      const byline = /^([\s\S]*) — \*(.*)\*$/.exec(raw)!;
      items.push({ depth, label: item[2] ?? null, raw: byline[1], author: byline[2], quotes: [] });
      continue;
    }
    const quote = /^( *)>(?: (.*))?$/.exec(line);
    if (quote) {
      const owner = items[items.length - 1];
      expect(quote[1].length, line).toBe(owner.depth * 2 + 2);
      const previous = lines[i - 1];
      const text = quote[2] ?? "";
      if (previous.startsWith(`${quote[1]}>`)) owner.quotes[owner.quotes.length - 1] += `\n${text}`;
      else owner.quotes.push(text);
      continue;
    }
    if (line !== "" && items.length > 0 && !line.startsWith("#") && !line.startsWith("*No arguments")) throw new Error(`unexpected line: ${line}`);
  }
  return items;
}

/** Removes CommonMark backslash escapes (a backslash before ASCII punctuation). */
const unescape = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
const perLineTrim = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");

function outline(board: ExportBoard): ArgumentNode[] {
  const out: ArgumentNode[] = [];
  const visit = (node: ArgumentNode) => (out.push(node), node.children.forEach(visit));
  for (const column of buildColumns(board.positions, board.arguments)) [...column.lanes.for, ...column.lanes.against].forEach(visit);
  return out;
}

describe("toMarkdown", () => {
  it("lays out title, source, board link, positions and For/Against lanes in order", () => {
    const board = demoExportBoard();
    const md = toMarkdown(board, { boardUrl: "http://localhost:3000/b/demo" });
    const headings = md.split("\n").filter((l) => l.startsWith("#"));
    expect(headings).toEqual([
      "# Can the US and Pakistan reset bilateral ties?",
      "## The US position",
      "### For",
      "### Against",
      "## The Pakistani military position",
      "### For",
      "### Against",
    ]);
    expect(md).toContain("\n\nSource: *Can the US and Pakistan reset bilateral ties?* — DW, 2018-09-05, quotes from revision 1 (sha256 52de41deef62)\n\n");
    expect(md).toContain("\n\nBoard: [http://localhost:3000/b/demo](<http://localhost:3000/b/demo>)\n\n");
    expect(toMarkdown(board)).not.toContain("Board:");
    expect(md.endsWith("\n") && !md.endsWith("\n\n")).toBe(true);
  });

  for (const [name, make] of [["demo", demoExportBoard], ["hostile", hostileExportBoard]] as const) {
    it(`lists every argument once, nested by depth, replies labelled, authors in italics (${name})`, () => {
      const board = make();
      const items = readItems(toMarkdown(board));
      const nodes = outline(board);
      expect(items).toHaveLength(board.arguments.length);
      items.forEach((item, i) => {
        const arg = nodes[i].argument;
        expect(item.depth).toBe(nodes[i].depth);
        expect(item.label).toBe(nodes[i].depth === 0 ? null : arg.stance === "for" ? "Supports" : "Rebuts");
        expect(unescape(item.raw)).toBe(perLineTrim(arg.text));
        expect(unescape(item.author)).toBe(arg.authorName);
        expect(item.quotes.map(unescape)).toEqual(arg.quotes.map((q) => perLineTrim(q.exact)));
      });
    });
  }

  it("escapes hostile text where Markdown would read it as syntax, and only there", () => {
    const md = toMarkdown(hostileExportBoard());
    expect(md).toContain("## \\[Pro\\] \\<side\\> #1 // yes");
    expect(md).toContain("Source: *Hostile \\[source\\] \\<title\\>* — Pub & Co. #1, 2024-02-29");
    expect(md).toContain('- =HYPERLINK("http://evil") \\[not a statement\\] \\<not an argument\\> @mention #tag \\*bold\\* \\_em\\_ // comment — *=Mallory*');
    // A line that starts with "- " or "> " inside an argument must not become a list item or a quote.
    expect(md).toContain("  - **Rebuts:** \\+ starts with plus\\\n    \\- and a second line starting with minus\\\n    \\> and a quote line — *@admin #(team) \\[x\\]*");
    expect(md).toContain("    > \\> quoted, \\< less");
    expect(md).toContain("a \\| pipe, a \\\\ backslash");
    expect(md).toContain("- -1 is not a number here");
    for (const item of readItems(md)) {
      const bare = `${item.raw} ${item.author}`.replace(/\\[\s\S]/g, "");
      expect(bare, item.raw).not.toMatch(/[*_[\]<>`|~\\]/);
    }
  });

  it("escapes block syntax at the start of every line: headings, lists, ordered lists, rules, setext, entities", () => {
    const board = hostileExportBoard();
    const [first] = board.arguments;
    const text = "ends in a backslash \\\n# not a heading\n1. not a list\n2) nor this\n+ nor\n===\n---\n    not code\n&amp; stays literal\nfinal line #";
    const md = toMarkdown({ ...board, arguments: board.arguments.map((a) => (a.id === first.id ? { ...a, text } : a)) });
    expect(md).toContain(
      "- ends in a backslash \\\\\\\n  \\# not a heading\\\n  1\\. not a list\\\n  2\\) nor this\\\n  \\+ nor\\\n  \\===\\\n  \\---\\\n  not code\\\n  \\&amp; stays literal\\\n  final line # — *=Mallory*",
    );
    const heading = toMarkdown({ ...board, board: { ...board.board, title: "Ends with #" } });
    expect(heading.startsWith("# Ends with \\#\n")).toBe(true);
  });

  it("keeps paragraphs of a multi-paragraph argument inside its item", () => {
    const board = hostileExportBoard();
    const [first] = board.arguments;
    const md = toMarkdown({ ...board, arguments: board.arguments.map((a) => (a.id === first.id ? { ...a, text: "First paragraph.\n\n\nSecond paragraph." } : a)) });
    expect(md).toContain("- First paragraph.\n\n  Second paragraph. — *=Mallory*");
  });

  it("nests a long reply chain one level (2 spaces) at a time, with quotes under their item", () => {
    const board = hostileExportBoard();
    const base = board.arguments[0];
    const chain: Argument[] = Array.from({ length: 12 }, (_, i) => ({
      ...base,
      id: `chain-${i}`,
      parentId: i === 0 ? base.parentId : `chain-${i - 1}`,
      stance: i % 2 ? "against" : "for",
      text: `level ${i}`,
    }));
    const md = toMarkdown({ ...board, arguments: chain });
    for (let depth = 0; depth < 12; depth++) {
      const indent = " ".repeat(depth * 2);
      const label = depth === 0 ? "" : depth % 2 ? "**Rebuts:** " : "**Supports:** ";
      expect(md).toContain(`\n${indent}- ${label}level ${depth} — *=Mallory*\n\n${indent}  > =cmd\\|' /C calc'!A0 is a formula\n`);
    }
    expect(readItems(md).map((i) => i.depth)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it("says so when a lane is empty, and is deterministic", () => {
    const md = toMarkdown(hostileExportBoard());
    expect(md.match(/\*No arguments yet\.\*/g)).toHaveLength(2);
    expect(toMarkdown(demoExportBoard())).toBe(toMarkdown(demoExportBoard()));
  });
});
