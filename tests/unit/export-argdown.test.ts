import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/board/constants";
import { relationsOf, type ExportBoard } from "@/lib/export/board-export";
import { decodeArgdownText, escapeArgdownText, toArgdown } from "@/lib/export/argdown";
import { fromArgdown } from "@/lib/export/argdown-import";
import { defaultPluginNames, parleyText, parseReference, problems, referencePluginNames } from "./support/argdown-reference";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";

const boards: [string, () => ExportBoard][] = [
  ["demo", demoExportBoard],
  ["hostile", hostileExportBoard],
];

/** Parley id of a model element, from the `parley` data the export attaches to it. */
const idOf = (el: { data?: { parley?: { id?: string } } } | undefined) => el?.data?.parley?.id;

describe("toArgdown: the reference parser reads what the board means", () => {
  it("runs the same plugins as @argdown/core's default application for parse-input, build-model, build-map", () => {
    expect(referencePluginNames()).toEqual(defaultPluginNames());
  });

  describe.each(boards)("%s board", (_name, make) => {
    const board = make();
    const response = parseReference(toArgdown(board));

    it("parses with no lexer, parser or plugin errors", () => {
      expect(problems(response)).toEqual([]);
    });

    it("has one statement per position, one argument per argument, one relation per argument", () => {
      expect(Object.keys(response.statements ?? {})).toHaveLength(board.positions.length);
      expect(Object.keys(response.arguments ?? {})).toHaveLength(board.arguments.length);
      expect(response.relations).toHaveLength(board.arguments.length);
    });

    it("gives every relation the board's kind and endpoints", () => {
      const fromModel = (response.relations ?? []).map((r) => ({ fromId: idOf(r.from), toId: idOf(r.to), kind: r.relationType }));
      const expected = relationsOf(board).map(({ fromId, toId, kind }) => ({ fromId, toId, kind }));
      const byFrom = (a: { fromId?: string }, b: { fromId?: string }) => (a.fromId ?? "").localeCompare(b.fromId ?? "");
      expect(fromModel.sort(byFrom)).toEqual(expected.sort(byFrom));
    });

    it("keeps every argument's and position's text, character for character", () => {
      const args = Object.values(response.arguments ?? {});
      expect(new Map(args.map((a) => [idOf(a), parleyText(a)]))).toEqual(new Map(board.arguments.map((a) => [a.id, a.text])));
      const statements = Object.values(response.statements ?? {});
      expect(new Map(statements.map((s) => [idOf(s), parleyText(s)]))).toEqual(new Map(board.positions.map((p) => [p.id, p.label])));
    });

    it("carries authors as tags and the source, title and positions in the front matter", () => {
      for (const arg of Object.values(response.arguments ?? {})) {
        const original = board.arguments.find((a) => a.id === idOf(arg))!;
        expect(arg.tags?.[0]).toBe(`author: ${original.authorName.replace(/[)]/g, " ").replace(/\s+/g, " ").trim()}`);
      }
      const front = response.frontMatter;
      expect(front.title).toBe(board.board.title);
      // The front matter also says which revision of the board's source the text is (1: never revised).
      expect(front.parley.source).toEqual({ ...board.source, revision: 1 });
      expect(front.parley.positions).toEqual(board.positions.map((p) => ({ key: p.key, color: p.color })));
    });
  });

  it("writes positions as titled statements and nests replies, + for, - against", () => {
    const board = hostileExportBoard();
    const lines = toArgdown(board).split("\n");
    const body = lines.slice(lines.lastIndexOf("===") + 1).filter((l) => l !== "" && !l.startsWith("//"));
    expect(body.map((l) => l.replace(/: .*/, ""))).toEqual(["[pro]", "  + <pro 1>", "    - <pro 2>", "      + <pro 3>", "[con]", "  - <con 1>"]);
    expect(body[0]).toBe('[pro]: \\[Pro\\] \\<side\\> \\#1 \\// yes {"parley": {"id": "pos-pro", "key": "pro", "color": "indigo"}}');
  });

  it(`nests a reply chain ${LIMITS.maxDepth} deep without losing a level`, () => {
    const board = hostileExportBoard();
    const chain = [board.arguments[0]];
    for (let i = 1; i < LIMITS.maxDepth; i++) chain.push({ ...chain[0], id: `deep-${i}`, parentId: chain[i - 1].id, stance: i % 2 ? "against" : "for" });
    const deep = { ...board, arguments: chain };
    const response = parseReference(toArgdown(deep));
    expect(problems(response)).toEqual([]);
    const edges = (response.relations ?? []).map((r) => `${idOf(r.from)} ${r.relationType} ${idOf(r.to)}`);
    expect(edges.sort()).toEqual(relationsOf(deep).map((r) => `${r.fromId} ${r.kind} ${r.toId}`).sort());
  });
});

describe("fromArgdown reads an export back", () => {
  it.each(boards)("%s board: same positions, arguments, quotes and source", (_name, make) => {
    const board = make();
    const result = fromArgdown(toArgdown(board));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(result.board.arguments)).toEqual(byId(board.arguments));
    expect(result.board.positions).toEqual(board.positions.map((p) => ({ key: p.key, label: p.label, color: p.color })));
    expect(result.board.title).toBe(board.board.title);
    const { sha256: _sha, ...source } = board.source;
    expect(result.board.source).toEqual(source);
  });

  it("survives CRLF line endings (a file saved on Windows)", () => {
    const board = hostileExportBoard();
    const result = fromArgdown(toArgdown(board).replace(/\n/g, "\r\n"));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.board.arguments.map((a) => a.text).sort()).toEqual(board.arguments.map((a) => a.text).sort());
    expect(result.board.source.text).toBe(board.source.text);
  });
});

describe("escapeArgdownText", () => {
  it("leaves ordinary prose alone", () => {
    expect(escapeArgdownText("Pakistan's aid was cut, after all. Is that fair? 100% yes - or no.")).toBe("Pakistan's aid was cut, after all. Is that fair? 100% yes - or no.");
  });

  it("escapes Argdown syntax and encodes line breaks", () => {
    expect(escapeArgdownText("[a] <b> @c #d *e* _f_ {g} // h /* i")).toBe("\\[a\\] \\<b\\> \\@c \\#d \\*e\\* \\_f\\_ \\{g\\} \\// h \\/\\* i");
    expect(escapeArgdownText("+ one\n- two\r\nthree \\ four")).toBe("\\+ one\\\\n- two\\\\r\\\\nthree \\\\\\\\ four");
    expect(escapeArgdownText("x === y, a\tb")).toBe("x \\=\\=\\= y, a\\\tb");
  });

  it("escapes punctuation that would swallow spaces or form a :shortcode:", () => {
    expect(escapeArgdownText("a,   b")).toBe("a\\,   b");
    expect(escapeArgdownText("e.g. :check: x")).toBe("e\\.g. \\:check: x");
  });

  it("decodeArgdownText undoes the line-break layer", () => {
    const text = "a\\n\nb\r\\\\c";
    expect(decodeArgdownText(text.replace(/[\\\r\n]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : "\\r")))).toBe(text);
  });
});

describe("teams as tags", () => {
  it("tags each argument with its author's team, and the file still reads back the same", () => {
    const board = demoExportBoard();
    const author = board.arguments[0].authorId;
    const withTeams = { ...board, teams: [{ id: "team-us", name: "Team US", positionId: "pos-us", color: "indigo" as const, memberIds: [author] }] };
    const text = toArgdown(withTeams);
    expect(text).toContain("#(team: Team US)");
    const back = fromArgdown(text);
    const texts = (args: { id: string; text: string }[]) => Object.fromEntries(args.map((a) => [a.id, a.text]));
    expect(back.ok && texts(back.board.arguments)).toEqual(texts(board.arguments));
  });
});
