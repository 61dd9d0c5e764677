import { describe, expect, it } from "vitest";
import type { Argument } from "@/lib/board/argument";
import { buildColumns, depthOf, type ArgumentNode } from "@/lib/board/tree";
import type { ExportBoard } from "@/lib/export/board-export";
import { CSV_COLUMNS, toCsv } from "@/lib/export/csv";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

/**
 * A strict RFC 4180 reader: records end with CRLF, a quoted field may hold anything with `""` for a quote,
 * and a bare LF/CR or a stray quote outside a quoted field is an error (so the writer cannot get away with it).
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else {
      for (; i < text.length && !/[,\r\n]/.test(text[i]); i++) {
        if (text[i] === '"') throw new Error(`stray quote at ${i}`);
        field += text[i];
      }
    }
    record.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i) || i >= text.length) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`bare line break or junk after a field at ${i}`);
  }
  return records;
}

/** Reads an export: checks and strips the BOM, parses, returns rows as objects keyed by column. */
function readExport(board: ExportBoard): Record<(typeof CSV_COLUMNS)[number], string>[] {
  const text = toCsv(board);
  expect(text.startsWith("\ufeffid,")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual([...CSV_COLUMNS]);
  for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  return rows.map((row) => Object.fromEntries(CSV_COLUMNS.map((name, i) => [name, row[i]])) as Record<(typeof CSV_COLUMNS)[number], string>);
}

/** Arguments in the order the board shows them. */
function outlineOrder(board: ExportBoard): Argument[] {
  const out: Argument[] = [];
  const visit = (node: ArgumentNode) => (out.push(node.argument), node.children.forEach(visit));
  for (const column of buildColumns(board.positions, board.arguments)) [...column.lanes.for, ...column.lanes.against].forEach(visit);
  return out;
}

const TRIGGER = /^(?:[\t\r]|\s*[=+\-@＝＋－＠])/;
const BOARDS: [string, () => ExportBoard][] = [
  ["demo", demoExportBoard],
  ["hostile", hostileExportBoard],
];

describe("toCsv", () => {
  for (const [name, make] of BOARDS) {
    it(`has one row per argument in outline order, with depth, position label and stance (${name})`, () => {
      const board = make();
      const rows = readExport(board);
      const byId = new Map(board.arguments.map((a) => [a.id, a]));
      expect(rows).toHaveLength(board.arguments.length);
      expect(rows.map((r) => r.id)).toEqual(outlineOrder(board).map((a) => a.id));
      for (const row of rows) {
        const arg = byId.get(row.id)!;
        expect(row.parent_id).toBe(arg.parentId);
        expect(row.depth).toBe(String(depthOf(byId, arg)));
        expect(row.stance).toBe(arg.stance);
        expect(row.position.replace(/^'/, "")).toBe(board.positions.find((p) => p.id === arg.positionId)!.label);
        expect([row.team, row.votes, row.mean_strength, row.mean_quote_support]).toEqual(["", "", "", ""]);
      }
    });

    it(`lets no cell start a formula (${name})`, () => {
      for (const row of readExport(make())) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    });
  }

  it("nests the demo board's replies (depth 0 and deeper, both stances)", () => {
    const rows = readExport(demoExportBoard());
    expect(new Set(rows.map((r) => r.depth)).size).toBeGreaterThan(1);
    expect(rows[0].depth).toBe("0");
    expect(new Set(rows.map((r) => r.stance))).toEqual(new Set(["for", "against"]));
  });

  it("keeps hostile text, authors and quotes intact apart from the injection prefix", () => {
    const board = hostileExportBoard();
    const rows = new Map(readExport(board).map((r) => [r.id, r]));
    const undo = (original: string, cell: string) => (TRIGGER.test(original) ? (expect(cell).toBe(`'${original}`), cell.slice(1)) : cell);
    for (const arg of board.arguments) {
      const row = rows.get(arg.id)!;
      expect(undo(arg.text, row.text)).toBe(arg.text);
      expect(undo(arg.authorName, row.author)).toBe(arg.authorName);
      expect(row.quotes).toBe(arg.quotes.map((q) => `“${q.exact}”`).join(" | "));
    }
    const [top, reply, deepest, other] = board.arguments;
    expect(rows.get(top.id)!.text.startsWith(`'=HYPERLINK("http://evil")`)).toBe(true);
    expect(rows.get(top.id)!.author).toBe("'=Mallory");
    expect(rows.get(reply.id)!.text).toBe("'+ starts with plus\n- and a second line starting with minus\n> and a quote line");
    expect(rows.get(reply.id)!.author).toBe("'@admin #(team) [x]");
    expect(rows.get(deepest.id)!.text).toContain('a "double" quote');
    expect(rows.get(other.id)!.text).toBe("'-1 is not a number here; , commas, ; semicolons and \ttabs");
    expect(rows.get(other.id)!.author).toBe("O'Brien, Jr.");
  });

  it("writes fields RFC 4180 style: quoted only when needed, quotes doubled, CRLF only between records", () => {
    const text = toCsv(hostileExportBoard());
    expect(text).toContain(`"'=HYPERLINK(""http://evil"") [not a statement]`);
    expect(text).toContain(`,"O'Brien, Jr.",,,,,revision 1 (sha256 d34e1f22b09e)\r\n`);
    expect(text.split("\r\n")[0]).toBe("\ufeffid,parent_id,position,stance,depth,text,quotes,author,team,votes,mean_strength,mean_quote_support,source_revision");
    // The multi-line argument keeps its LFs inside a quoted field; every record ends in CRLF.
    expect(text).toContain(`"'+ starts with plus\n- and a second line starting with minus\n> and a quote line"`);
    expect(text.replace(/"(?:[^"]|"")*"/g, "").match(/\r?\n/g)!.every((eol) => eol === "\r\n")).toBe(true);
  });

  it("defuses formulas after leading whitespace, after TAB/CR, full-width forms, and in ids and labels", () => {
    const board = demoExportBoard();
    const [first] = outlineOrder(board);
    const cases = ["  =SUM(A1:A9)", "\t1", "\r2", "\n@cmd", "＝1+1", "－2", "\u00a0+3"];
    for (const text of cases) {
      const edited: ExportBoard = { ...board, arguments: board.arguments.map((a) => (a.id === first.id ? { ...a, text, authorName: text } : a)) };
      const row = readExport(edited)[0];
      expect(row.text).toBe(`'${text}`);
      expect(row.author).toBe(`'${text}`);
    }
    const renamed: ExportBoard = { ...board, positions: board.positions.map((p) => ({ ...p, label: `-${p.label}` })) };
    expect(readExport(renamed)[0].position).toBe(`'-${board.positions[0].label}`);
    // Ordinary text that merely contains the characters is left alone.
    expect(readExport(board).find((r) => r.text.includes("-"))?.text.startsWith("'")).toBe(false);
  });

  it("is deterministic", () => {
    expect(toCsv(demoExportBoard())).toBe(toCsv(demoExportBoard()));
  });
});

describe("team and vote columns", () => {
  const board = demoExportBoard();
  const [first, second] = board.arguments;
  const teams = [{ id: "team-us", name: "Team US", positionId: "pos-us", color: "indigo" as const, memberIds: [first.authorId] }];

  it("name the author's team and give the ballots a facilitator's export carries as numbers", () => {
    const rows = readExport({
      ...board,
      teams,
      votes: [
        { argumentId: first.id, memberId: "m1", strength: 4, quoteSupport: 5, at: "2026-11-27T10:00:00.000Z" },
        { argumentId: first.id, memberId: "m2", strength: 3, quoteSupport: null, at: "2026-11-27T10:01:00.000Z" },
        // A later ballot by the same member replaces their earlier one.
        { argumentId: first.id, memberId: "m2", strength: 2, quoteSupport: null, at: "2026-11-27T10:02:00.000Z" },
      ],
    });
    const row = rows.find((r) => r.id === first.id)!;
    expect([row.team, row.votes, row.mean_strength, row.mean_quote_support]).toEqual(["Team US", "2", "3.00", "5.00"]);
    expect(rows.find((r) => r.id === second.id)!.votes).toBe("");
  });

  it("give the revealed results to everyone's export", () => {
    const results = { tallies: [{ argumentId: second.id, votes: 3, strength: 11 / 3, quoteSupport: null }], sides: [], teams: [] };
    const row = readExport({ ...board, results }).find((r) => r.id === second.id)!;
    expect([row.votes, row.mean_strength, row.mean_quote_support]).toEqual(["3", "3.67", ""]);
    expect(Number(row.mean_strength)).toBeCloseTo(3.67, 2);
  });
});
