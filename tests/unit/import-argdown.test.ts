import { describe, expect, it } from "vitest";
import { toArgdown } from "@/lib/export/argdown";
import { fromArgdown } from "@/lib/export/argdown-import";
import type { ImportResult } from "@/lib/export/imported-board";
import { hostileExportBoard } from "./support/export-fixture";

const exported = () => toArgdown(hostileExportBoard());

/** 1-based number of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

function errorsOf(result: ImportResult) {
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors;
}

const FRONT = ["===", "title: Plain board", "parley:", "  source:", "    title: The article", "    publishedOn: 2024-02-29", "    text: |", "      The article text.", "==="];

describe("fromArgdown: broken files are reported with line numbers", () => {
  it("garbage without front matter says what Parley needs", () => {
    const errors = errorsOf(fromArgdown("just some words\nand more"));
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/No front matter.*parley: source:.*text/) }]);
  });

  it("front matter without the source text", () => {
    const errors = errorsOf(fromArgdown("===\ntitle: x\nparley:\n  source:\n    title: y\n===\n\n[a]: b\n"));
    expect(errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("parley.source.text") });
  });

  it("front matter that is not YAML, at the broken line", () => {
    const text = exported().replace('language: "en"', 'language: "en": x');
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: lineOf(text, 'language: "en": x'), message: expect.stringContaining("front matter is not valid YAML") }]);
  });

  it("a {…} data block that is not YAML, at its line", () => {
    const text = exported().replace('"stance": "against"', '"stance": [against');
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: lineOf(text, "[against"), message: expect.stringContaining("data block is not valid YAML") }]);
  });

  it("a lexer error (a backslash ending a line)", () => {
    const text = exported().replace(" #(author: =Mallory)", " \\\n");
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: lineOf(text, "<pro 1>"), message: expect.stringContaining("backslash") }]);
  });

  it("a parser error (a reply indented less than its sibling)", () => {
    const text = exported().replace("\n  - <con 1>", "\n    + <con 0>: extra\n  - <con 1>");
    const errors = errorsOf(fromArgdown(text));
    expect(errors[0]).toMatchObject({ line: lineOf(text, "<con 1>"), message: expect.stringContaining("Argdown syntax") });
  });

  it("a source text that no longer matches its sha256", () => {
    const text = exported().replace("Second paragraph", "Edited paragraph");
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: 1, message: expect.stringContaining("sha256 does not match") }]);
  });

  it("an unknown format or a newer version", () => {
    expect(errorsOf(fromArgdown(exported().replace('type: "parley-argdown"', 'type: "other"')))[0].message).toContain('Unknown parley.type "other"');
    expect(errorsOf(fromArgdown(exported().replace("version: 1", "version: 2")))[0].message).toContain("version 2");
  });

  it("a relation that contradicts the argument's stance", () => {
    const text = exported().replace("  - <con 1>", "  + <con 1>");
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: lineOf(text, "<con 1>"), message: expect.stringContaining('says "against" but its relation is a support') }]);
  });

  it("an argument that answers two points", () => {
    const text = exported() + "\n[con]\n  + <pro 3>\n";
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: lineOf(text, "<pro 3>"), message: expect.stringContaining("exactly one") }]);
  });

  it("invalid parley data, at the element's line", () => {
    const text = exported().replace('"createdAt": 4,', '"createdAt": "soon",');
    expect(errorsOf(fromArgdown(text))).toEqual([{ line: lineOf(text, "<con 1>"), message: expect.stringMatching(/invalid parley data: createdAt/) }]);
  });
});

describe("fromArgdown returns what the file says", () => {
  it("keeps a quote that is not in the source (the import use-case rejects it, not the reader)", () => {
    const text = exported().replace('"exact": "👍🏽 done."', '"exact": "words nobody wrote"');
    const result = fromArgdown(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.board.arguments.find((a) => a.id === "arg-h3")?.quotes[0].exact).toBe("words nobody wrote");
  });

  it("takes an argument added by hand to an export: generated id and time from its place in the file", () => {
    const text = exported().replace("\n  - <con 1>", "\n  + <con extra>: Added in an editor \\[sic\\] #(author: Ed)\n  - <con 1>");
    const result = fromArgdown(text, { now: 7 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.board.arguments.find((a) => a.text === "Added in an editor [sic]")).toEqual({
      id: "argdown-4",
      positionId: "pos-con",
      parentId: "pos-con",
      stance: "for",
      text: "Added in an editor [sic]",
      quotes: [],
      authorId: "argdown-ed",
      authorName: "Ed",
      createdAt: 10,
      updatedAt: 10,
    });
  });
});

describe("fromArgdown: plain Argdown (no Parley data)", () => {
  const plain = [
    ...FRONT,
    "",
    "[Aid]: Cut the aid.",
    "  + <Results>: Aid should depend on results. #(author: Amira)",
    "    - [Record]: Pakistan delivered talks in 2015.",
    "  - <Leverage>: Cutting aid loses leverage. #urgent",
    "",
    "[Talks]: Keep talking.",
    "  + Dialogue works.",
    "",
    "A loose note that answers nothing.",
  ].join("\n");

  it("reads top-level statements as positions and the rest as arguments, in file order", () => {
    const result = fromArgdown(plain, { now: 100 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { board } = result;
    expect(board.title).toBe("Plain board");
    expect(board.source).toEqual({ title: "The article", publisher: null, publishedOn: "2024-02-29", language: "und", text: "The article text.\n" });
    expect(board.positions).toEqual([
      { key: "aid", label: "Cut the aid.", color: undefined },
      { key: "talks", label: "Keep talking.", color: undefined },
    ]);
    const summary = board.arguments.map((a) => [a.id, a.parentId, a.stance, a.text, a.authorName, a.createdAt]);
    expect(summary).toEqual([
      ["argdown-1", "pos-aid", "for", "Aid should depend on results.", "Amira", 100],
      ["argdown-2", "argdown-1", "against", "Pakistan delivered talks in 2015.", "Argdown import", 101],
      ["argdown-3", "pos-aid", "against", "Cutting aid loses leverage.", "Argdown import", 102],
      ["argdown-4", "pos-talks", "for", "Dialogue works.", "Argdown import", 103],
    ]);
    expect(board.arguments.every((a) => a.quotes.length === 0 && a.positionId === (a.id === "argdown-4" ? "pos-talks" : "pos-aid"))).toBe(true);
  });

  it("needs two to six positions", () => {
    const one = [...FRONT, "", "[Aid]: Cut the aid.", "  + <Results>: Aid should depend on results."].join("\n");
    expect(errorsOf(fromArgdown(one))[0].message).toMatch(/2 to 6 positions.*has 1/);
  });

  it("refuses relations that go round in a circle", () => {
    const circle = [...FRONT, "", "[P]: p", "  + <a>: a", "", "[Q]: q", "  + <b>: b", "", "<c>: c", "  + <d>: d", "", "<d>", "  + <c>"].join("\n");
    const errors = errorsOf(fromArgdown(circle));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining("circle"), expect.stringContaining("circle")]);
  });
});
