/**
 * Boards for export-format tests: the demo board as the seed builds it, and a hostile board whose
 * texts, names and source are full of characters that formats treat as syntax.
 */
import * as Y from "yjs";
import { createAnchor } from "@/lib/anchoring/anchor";
import { utf16ToCodePoint } from "@/lib/anchoring/text";
import { initBoardDoc, readBoard } from "@/lib/board/doc";
import { addArgument } from "@/lib/board/operations";
import { makePositions } from "@/lib/board/position";
import { makeExportBoard, type ExportBoard } from "@/lib/export/board-export";
import { sha256Hex } from "@/lib/export/sha256";
import { demoPositionDrafts, fillDemoBoard, loadDemoSource } from "@/prisma/seed/demo-board";

const CREATED = "2026-11-27T09:00:00.000Z";
const DEMO_NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

/** The demo board: 2 positions, 14 arguments (nested replies, both stances), quotes on every argument. */
export function demoExportBoard(): ExportBoard {
  const source = loadDemoSource();
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: source.title, sourceSha256: source.sha256 }, makePositions(demoPositionDrafts()));
  fillDemoBoard(doc, source.text, DEMO_NOW);
  return makeExportBoard({ id: "demo", title: source.title, createdAt: CREATED, updatedAt: CREATED }, source, readBoard(doc));
}

/** Text that is syntax somewhere: Argdown, Markdown, CSV, YAML, JSON, XML/SVG, spreadsheets. */
export const HOSTILE_SOURCE = [
  "Headline with [brackets] & <angles> — and \"quotes\"",
  "",
  "=cmd|' /C calc'!A0 is a formula; +1 and -1 and @SUM(A1) too. // not a comment #hashtag *stars* _under_ {braces: yes} 👍🏽 done.",
  "",
  "Second paragraph: > quoted, < less, + plus, - minus, a\\backslash, a 'single' quote, tab\there, and `code`.",
].join("\n");

function cite(source: string, exact: string) {
  const at = source.indexOf(exact);
  if (at < 0) throw new Error(`fixture quote not in source: ${exact}`);
  const result = createAnchor(source, utf16ToCodePoint(source, at), utf16ToCodePoint(source, at + exact.length));
  if (!result.ok) throw new Error(result.message);
  return result.anchor;
}

/** A board whose every string is hostile, with a reply chain three deep. */
export function hostileExportBoard(): ExportBoard {
  const text = HOSTILE_SOURCE;
  const positions = makePositions([
    { key: "pro", label: "[Pro] <side> #1 // yes" },
    { key: "con", label: "- Con: {no} *really* _not_" },
  ]);
  const doc = new Y.Doc();
  initBoardDoc(doc, { title: "Hostile = board, \"quoted\"", sourceSha256: sha256Hex(text) }, positions);
  const author = (name: string) => ({ id: `u-${name.length}`, name });
  const add = (parentId: string, stance: "for" | "against", body: string, name: string, quotes: string[], now: number) => {
    const added = addArgument(doc, text, { parentId, stance, text: body, quotes: quotes.map((q) => cite(text, q)), author: author(name) }, { now, id: `arg-h${now}` });
    if (!added.ok) throw new Error(added.error.message);
    return added.value.id;
  };
  const top = add(positions[0].id, "for", "=HYPERLINK(\"http://evil\") [not a statement] <not an argument> @mention #tag *bold* _em_ // comment", "=Mallory", ["=cmd|' /C calc'!A0 is a formula"], 1);
  const reply = add(top, "against", "+ starts with plus\n- and a second line starting with minus\n> and a quote line", "@admin #(team) [x]", ["> quoted, < less"], 2);
  add(reply, "for", "{\"json\": [1, 2]} and yaml: {a: b} and a | pipe, a \\ backslash and a \"double\" quote", "Zoë 👍🏽", ["👍🏽 done."], 3);
  add(positions[1].id, "against", "-1 is not a number here; , commas, ; semicolons and \ttabs", "O'Brien, Jr.", ["a\\backslash, a 'single' quote"], 4);
  return makeExportBoard({ id: "hostile", title: "Hostile = board, \"quoted\"", createdAt: CREATED, updatedAt: CREATED }, {
    title: "Hostile [source] <title>",
    publisher: "Pub & Co. #1",
    publishedOn: "2024-02-29",
    language: "en",
    text,
    sha256: sha256Hex(text),
  }, readBoard(doc));
}
