import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { initBoardDoc, readBoard } from "@/lib/board/doc";
import { restoreArgument } from "@/lib/board/operations";
import { makePositions } from "@/lib/board/position";
import { makeExportBoard, parentsFirst, type ExportBoard } from "@/lib/export/board-export";
import { ImportedBoardSchema, type ImportedBoard, type ImportResult } from "@/lib/export/imported-board";
import { fromParleyJson, normalizeParleyJson, PARLEY_JSON_VERSION, toParleyJson } from "@/lib/export/json";
import { sha256Hex } from "@/lib/export/sha256";
import { demoExportBoard, hostileExportBoard } from "./support/export-fixture";


const BOARDS: [string, () => ExportBoard][] = [
  ["demo", demoExportBoard],
  ["hostile", hostileExportBoard],
];

/** Fills a document the way server/boards/import-board.ts does: makePositions, then restoreArgument parents first. */
function restoreAll(imported: ImportedBoard): { doc: Y.Doc; sha256: string; failures: string[] } {
  const doc = new Y.Doc();
  const sha256 = sha256Hex(imported.source.text);
  initBoardDoc(doc, { title: imported.title, sourceSha256: sha256 }, makePositions(imported.positions));
  const failures: string[] = [];
  for (const argument of parentsFirst(imported.arguments)) {
    const restored = restoreArgument(doc, imported.source.text, argument);
    if (!restored.ok) failures.push(`${argument.id}: ${restored.error.message}`);
  }
  return { doc, sha256, failures };
}

/** The board as the server would store it after importing. */
function rebuild(imported: ImportedBoard): ExportBoard {
  const { doc, sha256, failures } = restoreAll(imported);
  expect(failures).toEqual([]);
  const stamp = "2030-01-01T00:00:00.000Z";
  return makeExportBoard({ id: "re-imported", title: imported.title, createdAt: stamp, updatedAt: stamp }, { ...imported.source, sha256 }, readBoard(doc));
}

function imported(result: ImportResult): ImportedBoard {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.board;
}

function errorsOf(result: ImportResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => e.message);
}

/** Exports the demo board, lets `edit` change the parsed document, and imports the result. */
function importEdited(edit: (doc: any) => void, board: ExportBoard = demoExportBoard()): ImportResult {
  const doc = JSON.parse(toParleyJson(board));
  edit(doc);
  return fromParleyJson(JSON.stringify(doc, null, 2));
}

describe("toParleyJson", () => {
  it("writes the versioned layout with keys in a fixed order and empty arrays for what the board lacks", () => {
    const text = toParleyJson(demoExportBoard(), { exportedAt: "2026-12-01T10:00:00.000Z" });
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(["type", "version", "exportedAt", "board", "source", "positions", "arguments", "relations", "quotes", "teams", "votes", "comments"]);
    expect(doc).toMatchObject({ type: "parley-board", version: PARLEY_JSON_VERSION, exportedAt: "2026-12-01T10:00:00.000Z", teams: [], votes: [], comments: [] });
    expect(Object.keys(doc.board)).toEqual(["id", "title", "createdAt", "updatedAt"]);
    expect(Object.keys(doc.source)).toEqual(["title", "publisher", "publishedOn", "language", "text", "sha256", "revision"]);
    expect(Object.keys(doc.arguments[0])).toEqual(["id", "positionId", "parentId", "stance", "text", "authorId", "authorName", "createdAt", "updatedAt"]);
    expect(Object.keys(doc.relations[0])).toEqual(["id", "fromId", "toId", "kind"]);
    expect(Object.keys(doc.quotes[0])).toEqual(["id", "argumentId", "exact", "prefix", "suffix", "start", "end"]);
    expect(doc.arguments).toHaveLength(14);
    expect(text.startsWith('{\n  "type": "parley-board",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("is deterministic, and exportedAt is null unless given", () => {
    for (const [, make] of BOARDS) {
      expect(toParleyJson(make())).toBe(toParleyJson(make()));
      expect(JSON.parse(toParleyJson(make())).exportedAt).toBeNull();
    }
  });

  it("copies the stored hash as it is rather than recomputing it", () => {
    const board = hostileExportBoard();
    const stored = { ...board, source: { ...board.source, sha256: "f".repeat(64) } };
    expect(JSON.parse(toParleyJson(stored)).source.sha256).toBe("f".repeat(64));
  });
});

function imported_(result: ReturnType<typeof fromParleyJson>) {
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.board;
}

describe("export → import → export", () => {
  for (const [name, make] of BOARDS) {
    it(`is byte-identical after normalizing (${name} board)`, () => {
      const first = toParleyJson(make(), { exportedAt: "2026-12-01T10:00:00.000Z" });
      const again = toParleyJson(rebuild(imported(fromParleyJson(first))), { exportedAt: "2031-01-01T00:00:00.000Z" });
      expect(again).not.toBe(first);
      expect(normalizeParleyJson(again)).toBe(normalizeParleyJson(first));
    });
  }

  it("keeps ids, parents, authors, timestamps, position keys, labels and colours", () => {
    const board = hostileExportBoard();
    const result = imported(fromParleyJson(toParleyJson(board)));
    expect(result.positions).toEqual(board.positions.map(({ key, label, color }) => ({ key, label, color })));
    expect(result.arguments).toEqual(board.arguments);
    expect(result.title).toBe(board.board.title);
    expect(ImportedBoardSchema.safeParse(result).success).toBe(true);
  });

  it("normalized documents still import, and a byte-order mark is ignored", () => {
    const text = normalizeParleyJson(toParleyJson(demoExportBoard()));
    expect(JSON.parse(text).board).toEqual({ title: demoExportBoard().board.title });
    expect(fromParleyJson(text).ok).toBe(true);
    expect(fromParleyJson(`\ufeff${text}`).ok).toBe(true);
  });
});

describe("fromParleyJson rejects", () => {
  it("text that is not JSON, with the line of the syntax error", () => {
    const result = fromParleyJson('{\n  "type": "parley-board",\n  "version" 1\n}');
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3 }] });
    expect(errorsOf(result)[0]).toMatch(/not valid JSON/);
    expect(fromParleyJson('{\n  "type":\n')).toMatchObject({ ok: false, errors: [{ line: 3 }] });
    expect(errorsOf(fromParleyJson("# Argdown, not JSON"))[0]).toMatch(/not valid JSON/);
  });

  it("JSON that is not a Parley board", () => {
    expect(errorsOf(fromParleyJson("[1, 2]"))[0]).toMatch(/not a Parley board file/);
    expect(errorsOf(importEdited((d) => (d.type = "excalidraw")))[0]).toMatch(/not a Parley board file: "type" is "excalidraw"/);
    expect(errorsOf(importEdited((d) => delete d.type))[0]).toMatch(/"type" is missing/);
  });

  it("a file from a newer Parley, and versions it does not know", () => {
    expect(errorsOf(importEdited((d) => (d.version = 99)))).toEqual([expect.stringMatching(/made by a newer Parley \(format version 99\)/)]);
    expect(errorsOf(importEdited((d) => (d.version = "1")))[0]).toMatch(/"version" is "1"/);
    expect(errorsOf(importEdited((d) => (d.version = 0)))[0]).toMatch(/reads Parley JSON version 1/);
  });

  it("a missing field, naming its path", () => {
    expect(errorsOf(importEdited((d) => delete d.source.text))).toContain("source.text: Invalid input: expected string, received undefined");
    expect(errorsOf(importEdited((d) => delete d.relations))[0]).toMatch(/^relations: /);
  });

  it("a bad stance, naming the argument's index", () => {
    expect(errorsOf(importEdited((d) => (d.arguments[3].stance = "neutral")))[0]).toMatch(/^arguments\[3\]\.stance: /);
  });

  it("unknown keys (they would be lost) and malformed comments", () => {
    expect(errorsOf(importEdited((d) => (d.arguments[0].likes = 3)))[0]).toMatch(/^arguments\[0\]: Unrecognized key/);
    expect(errorsOf(importEdited((d) => (d.comments = [{ text: "x" }])))[0]).toMatch(/^comments\[0\]\./);
  });

  it("teams and votes: their positions and arguments must be in the file", () => {
    expect(errorsOf(importEdited((d) => (d.votes = [{ argumentId: "arg-ghost", memberId: "m", strength: 3, quoteSupport: null, at: "2026-01-01T00:00:00.000Z" }])))).toContain(
      'votes[0].argumentId: there is no argument "arg-ghost" in this file.',
    );
    expect(errorsOf(importEdited((d) => (d.votes = [{ argumentId: d.arguments[0].id, memberId: "m", strength: 9, quoteSupport: null, at: "x" }])))[0]).toMatch(/^votes\[0\]\.strength/);
    expect(errorsOf(importEdited((d) => (d.teams = [{ id: "t", name: "T", positionId: "pos-ghost", color: "indigo", memberIds: [] }])))).toContain(
      'teams[0].positionId: there is no position "pos-ghost" in this file.',
    );
  });

  it("keeps teams and votes through export and import", () => {
    const board = demoExportBoard();
    const withSession = {
      ...board,
      teams: [{ id: "team-us", name: "Team US", positionId: "pos-us", color: "indigo" as const, memberIds: ["mem-b", "mem-a"] }],
      votes: [{ argumentId: board.arguments[0].id, memberId: "mem-a", strength: 4, quoteSupport: 5, at: "2026-11-27T10:00:00.000Z" }],
    };
    const imported = imported_(fromParleyJson(toParleyJson(withSession)));
    expect(imported.teams).toEqual([{ ...withSession.teams[0], memberIds: ["mem-a", "mem-b"] }]);
    expect(imported.votes).toEqual(withSession.votes);
  });

  it("a quote for an argument that is not in the file", () => {
    expect(errorsOf(importEdited((d) => (d.quotes[2].argumentId = "arg-ghost")))).toContain('quotes[2].argumentId: there is no argument "arg-ghost" in this file.');
  });

  it("more quotes on one argument than the model allows", () => {
    const errors = errorsOf(importEdited((d) => d.quotes.push(...Array.from({ length: 7 }, (_, i) => ({ ...d.quotes[0], id: `extra-${i}` })))));
    expect(errors[0]).toMatch(/^arguments\[\d+\]: At most 6 quotes/);
  });

  it("relations that disagree with parentId or stance, or are missing", () => {
    expect(errorsOf(importEdited((d) => (d.relations[1].kind = d.relations[1].kind === "support" ? "attack" : "support")))[0]).toMatch(/^relations\[1\]: says .* but arguments\[1\] has parentId/);
    expect(errorsOf(importEdited((d) => (d.relations[4].toId = d.positions[1].id)))[0]).toMatch(/^relations\[4\]: /);
    expect(errorsOf(importEdited((d) => d.relations.pop()))).toEqual(["arguments[13]: has no entry in \"relations\"."]);
    expect(errorsOf(importEdited((d) => d.relations.push({ ...d.relations[0], id: "dup" })))[0]).toMatch(/already has a relation/);
  });

  it("a source text that does not match its sha256", () => {
    const board = hostileExportBoard();
    const wrongHash = { ...board, source: { ...board.source, sha256: "f".repeat(64) } };
    expect(errorsOf(fromParleyJson(toParleyJson(wrongHash)))).toEqual([expect.stringMatching(/^source\.sha256: does not match the source text, which hashes to [0-9a-f]{64}/)]);
    expect(errorsOf(importEdited((d) => (d.source.text += " edited")))[0]).toMatch(/^source\.sha256: /);
  });

  it("0 positions (and 7)", () => {
    expect(errorsOf(importEdited((d) => (d.positions = []))).find((m) => m.startsWith("positions:"))).toBe("positions: A board needs at least 2 positions.");
    expect(errorsOf(importEdited((d) => (d.positions = Array.from({ length: 7 }, (_, i) => ({ ...d.positions[0], id: `pos-${i}`, key: `${i}`, order: i })))))).toContain(
      "positions: A board has at most 6 positions.",
    );
  });

  it("positions whose id, key or order the import could not keep", () => {
    expect(errorsOf(importEdited((d) => (d.positions[1].key = d.positions[0].key)))).toContain(`positions[1].key: "us" is used by an earlier position.`);
    expect(errorsOf(importEdited((d) => (d.positions[0].id = "pos-other")))).toContain(`positions[0].id: expected "pos-us" (a position's id is made from its key).`);
    expect(errorsOf(importEdited((d) => (d.positions[1].order = 5)))).toContain("positions[1].order: expected 1; positions are listed in board order.");
  });

  it("broken argument structure: unknown parent, wrong position, duplicate id, a cycle", () => {
    const board = hostileExportBoard();
    const [top, reply, deepest] = board.arguments;
    expect(errorsOf(importEdited((d) => (d.arguments[1].parentId = d.relations[1].toId = "arg-ghost"), board))[0]).toMatch(/^arguments\[1\]\.parentId: "arg-ghost" is neither/);
    expect(errorsOf(importEdited((d) => (d.arguments[1].positionId = "pos-con"), board))[0]).toMatch(/^arguments\[1\]\.positionId: expected "pos-pro"/);
    expect(errorsOf(importEdited((d) => (d.arguments[3].id = top.id), board))).toContain(`arguments[3].id: "${top.id}" is used more than once.`);
    const cyclic = errorsOf(importEdited((d) => (d.arguments[0].parentId = d.relations[0].toId = deepest.id), board));
    expect(cyclic.filter((m) => m.includes("loops back"))).toHaveLength(3);
    expect(reply.parentId).toBe(top.id);
  });

  it("reply chains deeper than the model allows", () => {
    const board = hostileExportBoard();
    const base = board.arguments[0];
    const chain = Array.from({ length: 70 }, (_, i) => ({ ...base, id: `deep-${i}`, parentId: i === 0 ? base.parentId : `deep-${i - 1}`, quotes: [] }));
    const errors = errorsOf(fromParleyJson(toParleyJson({ ...board, arguments: chain })));
    expect(errors[0]).toBe("arguments[65]: replies can nest at most 64 levels deep.");
    expect(errors).toHaveLength(5);
  });

  it("at most 50 problems are listed", () => {
    const errors = errorsOf(importEdited((d) => d.arguments.push(...Array.from({ length: 80 }, (_, i) => ({ ...d.arguments[0], id: `bad-${i}`, stance: "x" })))));
    expect(errors).toHaveLength(51);
    expect(errors[50]).toMatch(/^…and \d+ more problems\.$/);
  });
});

/** mulberry32: a tiny seeded generator, so a failing fuzz case can be replayed by its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES: unknown[] = [null, 0, -1, 1e308, "", "x", "=1+1", true, [], {}, [null], { __proto__: { polluted: 1 } }, "pos-us", "\ud800", 2 ** 53 + 1];

/** Mutates a parsed document at a random place: delete, replace or duplicate a value. */
function mutateTree(doc: any, next: () => number): void {
  let node = doc;
  for (let depth = 0; depth < 4; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[Math.floor(next() * keys.length)];
    const child = node[key];
    const roll = next();
    if (typeof child !== "object" || child === null || roll < 0.3) {
      if (roll < 0.1) delete node[key];
      else if (roll < 0.2 && Array.isArray(node)) node.push(structuredClone(child));
      else node[key] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
      return;
    }
    node = child;
  }
}

/** Mutates the serialized text: a few characters deleted, duplicated or replaced with JSON punctuation. */
function mutateText(text: string, next: () => number): string {
  let out = text;
  for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
    const at = Math.floor(next() * out.length);
    const pick = '{}[]",:0\\\n'[Math.floor(next() * 10)];
    out = next() < 0.5 ? out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20)) : out.slice(0, at) + pick + out.slice(at);
  }
  return out;
}

describe("fromParleyJson on arbitrary input", () => {
  it("never throws on 200 seeded mutations of the demo and hostile files", () => {
    const sources = BOARDS.map(([, make]) => toParleyJson(make()));
    let accepted = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const original = sources[seed % 2];
      let text: string;
      if (seed % 3 === 0) text = mutateText(original, next);
      else {
        const doc = JSON.parse(original);
        for (let n = 1 + Math.floor(next() * 3); n > 0; n--) mutateTree(doc, next);
        text = JSON.stringify(doc);
      }
      expect(() => fromParleyJson(text), `seed ${seed}`).not.toThrow();
      const result = fromParleyJson(text);
      if (result.ok) {
        accepted++;
        expect(ImportedBoardSchema.safeParse(result.board).success, `seed ${seed}`).toBe(true);
        // What the importer accepts, the server's restore path must be able to walk (it may still refuse a quote).
        expect(() => restoreAll(result.board), `seed ${seed}`).not.toThrow();
      } else {
        expect(result.errors.length, `seed ${seed}`).toBeGreaterThan(0);
        for (const issue of result.errors) expect(issue.message, `seed ${seed}`).toMatch(/\S/);
      }
    }
    // Some mutations (a timestamp, an author name) leave a valid board; most must be refused.
    expect(accepted).toBeLessThan(200);
  });

  it("never throws on odd top-level values and deep nesting", () => {
    for (const text of ["", "null", "1", '"parley-board"', "{}", '{"type":"parley-board","version":1}', "[".repeat(5000) + "]".repeat(5000), `{"type":"parley-board","version":1,"board":${"[".repeat(5000)}${"]".repeat(5000)}}`]) {
      expect(() => fromParleyJson(text), text.slice(0, 40)).not.toThrow();
      expect(fromParleyJson(text).ok).toBe(false);
    }
  });
});
