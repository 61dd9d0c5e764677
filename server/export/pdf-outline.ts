import type { Argument } from "../../lib/board/argument";
import type { PositionColor } from "../../lib/board/position";
import { buildColumns, type ArgumentNode } from "../../lib/board/tree";
import type { ExportBoard } from "../../lib/export/board-export";
import type { CitedPassage } from "../../lib/export/passages";
import { RELATION_COLORS, SVG_COLORS } from "../../lib/export/svg";
import { contentWidth, ensureRoom, GREY, heightOf, INK, PAGE, put, type Doc, type Style } from "./pdf-layout";
import { withQuoteMarks } from "../../lib/text/quote-marks";
import { RESULTS_NOTE, resultSummary, tallyLine, talliesOf } from "../../lib/export/results";
import type { ArgumentTally } from "../../lib/session/votes";

/**
 * The handout's argument outline, on pages of its own after the article: per position, the
 * arguments for and against it with replies indented beneath, each quote listed as a note carrying
 * the number its passage has in the article.
 */

const TEXT: Style = ["sans", 10, INK];
const AUTHOR: Style = ["sans", 8.5, GREY];
const NOTE: Style = ["serifItalic", 8.5, GREY];
const LANE_TITLES = { for: "For", against: "Against" } as const;

/** Starts a new page and writes every position's column of arguments, in board order. */
export function drawOutline(doc: Doc, board: ExportBoard, passages: CitedPassage[]): void {
  doc.addPage();
  put(doc, ["sansBold", 16, INK], "The argument outline", [PAGE.margin, PAGE.top]).moveDown(0.2);
  const intro = "Each position's arguments for and against it; replies are indented under what they answer. Numbers in brackets are the passages highlighted in the article.";
  put(doc, ["sans", 8.5, GREY], intro, undefined, { width: contentWidth(doc) }).moveDown(1);
  const notes = new Map<string, CitedPassage[]>();
  for (const p of [...passages].sort((a, b) => a.quoteIndex - b.quoteIndex)) notes.set(p.argumentId, [...(notes.get(p.argumentId) ?? []), p]);
  const byId = new Map(board.arguments.map((a) => [a.id, a]));
  // Only revealed results: a facilitator's ballots alone never reach the handout.
  const tallies = board.results ? talliesOf(board) : new Map<string, ArgumentTally>();
  for (const column of buildColumns([...board.positions].sort((a, b) => a.order - b.order), board.arguments)) {
    const palette = SVG_COLORS[column.position.color];
    ensureRoom(doc, 90);
    const top = doc.y;
    doc.rect(PAGE.margin, top, contentWidth(doc), 26).fill(palette.soft).rect(PAGE.margin, top, contentWidth(doc), 3).fill(palette.base);
    put(doc, ["sansBold", 12, palette.strong], column.position.label, [PAGE.margin + 10, top + 8], { width: contentWidth(doc) - 20, height: 16, ellipsis: true });
    doc.y = top + 36;
    for (const stance of ["for", "against"] as const) {
      ensureRoom(doc, 60);
      const nodes = column.lanes[stance];
      // No letter-spacing: viewers copy spaced-out glyphs as "F O R ( 2 )".
      put(doc, ["sansBold", 9, GREY], `${LANE_TITLES[stance]} (${nodes.length})`, [PAGE.margin, doc.y]).moveDown(0.5);
      if (!nodes.length) put(doc, ["sans", 9, GREY], `No arguments ${stance} yet.`, [PAGE.margin + 10, doc.y]).moveDown(0.8);
      for (const node of nodes) drawArgument(doc, node, column.position.color, notes, byId, tallies);
      doc.y += 6;
    }
    doc.y += 10;
  }
}

/** One argument of the outline (then its replies): relation label, text, author, its quotes as numbered notes. */
function drawArgument(doc: Doc, node: ArgumentNode, color: PositionColor, notes: Map<string, CitedPassage[]>, byId: Map<string, Argument>, tallies: Map<string, ArgumentTally>): void {
  const arg = node.argument;
  const indent = Math.min(node.depth, 6) * 18; // deeper chains stop indenting so text keeps a readable width
  const x = PAGE.margin + indent + 10;
  const width = contentWidth(doc) - indent - 10;
  const mine = notes.get(arg.id) ?? [];
  const parent = byId.get(arg.parentId);
  const relationColor = arg.stance === "for" ? RELATION_COLORS.support : RELATION_COLORS.attack;
  const label = parent ? `${arg.stance === "for" ? "Supports" : "Rebuts"} ${parent.authorName}` : null;
  const refs = mine.length ? ` · quotes ${mine.map((p) => `[${p.number}]`).join(" ")}` : "";
  const tally = tallies.get(arg.id);
  const votes = tally ? ` · ${tallyLine(tally)}` : "";
  const note = (p: CitedPassage) => `${withQuoteMarks(p.exact.replace(/\s+/g, " ").trim())}${p.placed ? "" : " (no longer found in the article)"}`;
  const height = (label ? 12 : 0) + heightOf(doc, TEXT, arg.text, width) + 14 + mine.reduce((sum, p) => sum + heightOf(doc, NOTE, note(p), width - 36) + 2, 0);
  ensureRoom(doc, Math.min(height + 10, doc.page.height - PAGE.top - PAGE.bottom));
  const [top, page] = [doc.y, doc.page];
  if (label) put(doc, ["sansBold", 7.5, relationColor], label, [x, doc.y], { width });
  put(doc, TEXT, arg.text, [x, doc.y + (label ? 1 : 0)], { width, lineGap: 1 });
  put(doc, AUTHOR, `— ${arg.authorName}${refs}${votes}`, [x, doc.y + 2], { width });
  for (const p of mine) {
    // A hanging note: the number in its own column, the quote wrapping beside it.
    const y = doc.y + 2;
    put(doc, ["sans", 8, GREY], `[${p.number}]`, [x + 12, y + 0.5], { lineBreak: false });
    put(doc, NOTE, note(p), [x + 36, y], { width: width - 36 });
  }
  if (doc.page === page) {
    // The left rule tells how this argument relates: the position's colour at the top level, else supports/rebuts.
    doc.save().moveTo(x - 8, top + 1).lineTo(x - 8, doc.y).lineWidth(2.5);
    if (arg.stance === "against") doc.dash(3, { space: 2 });
    doc.stroke(parent ? relationColor : SVG_COLORS[color].base).restore();
  }
  doc.y += 10;
  for (const child of node.children) drawArgument(doc, child, color, notes, byId, tallies);
}

/** The "Vote results" section after the outline, once the facilitator has revealed them (else nothing). */
export function drawResults(doc: Doc, board: ExportBoard): void {
  if (!board.results) return;
  const { positions, teams } = resultSummary(board);
  ensureRoom(doc, 120);
  doc.y += 8;
  put(doc, ["sansBold", 14, INK], "Vote results", [PAGE.margin, doc.y]).moveDown(0.2);
  put(doc, ["sans", 8.5, GREY], RESULTS_NOTE, undefined, { width: contentWidth(doc) }).moveDown(0.8);
  for (const line of positions) put(doc, TEXT, line, [PAGE.margin, doc.y], { width: contentWidth(doc) }).moveDown(0.3);
  if (teams.length) {
    doc.moveDown(0.4);
    put(doc, ["sansBold", 9, GREY], "Teams", [PAGE.margin, doc.y]).moveDown(0.3);
    for (const line of teams) put(doc, TEXT, line, [PAGE.margin, doc.y], { width: contentWidth(doc) }).moveDown(0.3);
  }
}
