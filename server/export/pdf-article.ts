import type { PositionColor } from "../../lib/board/position";
import { splitSourceBlocks } from "../../lib/board/source-blocks";
import type { ExportBoard } from "../../lib/export/board-export";
import type { CitedPassage } from "../../lib/export/passages";
import { SVG_COLORS } from "../../lib/export/svg";
import { contentWidth, ensureRoom, fontRuns, GREY, INK, PAGE, put, type Doc, type FaceName, type FontName } from "./pdf-layout";

/**
 * The handout's article section: the source text with every placed passage highlighted in its
 * position's colour (lighter, with a dashed underline, when quoted against) and a [n] marker where
 * it starts. The layout is done here rather than by pdfkit so highlights can follow a passage across lines.
 */

interface Piece {
  text: string;
  font: FaceName;
  size: number;
  /** Passages covering this piece; a space or a marker takes those covering both its neighbours. */
  cites: CitedPassage[];
  /** Set on a [n] marker: the colour of the passage it opens. */
  markerColor?: string;
  width: number;
}
type Line = { x: number; piece: Piece }[];

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A part of a word split into single CJK characters and the runs of other characters between them. */
const BREAKABLE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Writes the article heading, its reading hint, then every block of the source with its passages highlighted. */
export function drawArticle(doc: Doc, board: ExportBoard, passages: CitedPassage[]): void {
  put(doc, ["sansBold", 14, INK], "The article", [PAGE.margin, doc.y]).moveDown(0.2);
  const hint = "Passages quoted in the debate are highlighted in their position's colour (lighter, with a dashed underline, when quoted against) and numbered; the outline refers to these numbers. ◆ marks a contested passage, cited by more than one side (see Evidence).";
  put(doc, ["sans", 8.5, GREY], hint, undefined, { width: contentWidth(doc) }).moveDown(0.8);
  splitSourceBlocks(board.source.text).forEach((block, index) => {
    // Pasted articles carry no markup, so guess as the article pane does (components/article/blocks.ts):
    // headline, dateline, sub-headings. One difference: a first line of exactly 200 characters is a
    // headline there and body text here.
    const oneLine = !block.text.includes("\n") && block.text.length < 200;
    const [font, size]: [FontName, number] =
      index === 0 && oneLine && !block.text.endsWith(".") ? ["serifBold", 14]
      : index === 1 && oneLine && block.text.length < 40 && /\d/.test(block.text) ? ["sans", 9]
      : oneLine && block.text.length < 60 && !/[.!?:;,"'”’)…]$/.test(block.text) ? ["sansBold", 11]
      : ["serif", 10.5];
    if (font !== "serif") ensureRoom(doc, size * 5); // keep a heading with the lines after it
    drawBlock(doc, block.text, block.start16, passages, font, size);
    doc.y += size * 0.6;
  });
}

/**
 * Lays out one block of the article: words split at spaces, and into pieces where a passage starts
 * or ends; greedy wrapping; then highlights, underlines and text, line by line. Doing the layout
 * here (not with pdfkit's flowing text) is what lets a highlight follow its passage across lines.
 */
function drawBlock(doc: Doc, text: string, start16: number, passages: CitedPassage[], font: FontName, size: number): void {
  const end16 = start16 + text.length;
  const mine = passages.filter((p) => p.placed && p.start16 < end16 && p.end16 > start16);
  const inner = mine.flatMap((p) => [p.start16, p.end16]).filter((c) => c > start16 && c < end16);
  const cuts = [...new Set([start16, end16, ...inner])].sort((a, b) => a - b);
  const covering = (from: number, to: number) => mine.filter((p) => p.start16 <= from && to <= p.end16);
  // One piece per face run: a word may mix DejaVu with the CJK or emoji face (see fontRuns).
  const measure = (piece: Omit<Piece, "width"> & { font: FontName }): Piece[] => {
    doc.fontSize(piece.size);
    return fontRuns(doc, piece.text, piece.font).map((run) => {
      doc.font(run.font);
      return { ...piece, text: run.text, font: run.font, width: doc.widthOfString(run.text) };
    });
  };
  const words: Piece[][] = [[]];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const opening = mine.filter((p) => p.start16 === cuts[i]);
    if (opening.length) {
      const label = `[${opening.map((p) => p.number).join(",")}]`;
      const markerColor = SVG_COLORS[opening[0].color].strong;
      words.at(-1)!.push(...measure({ text: label, font: "sansBold", size: size * 0.62, cites: covering(cuts[i] - 1, cuts[i] + 1), markerColor }));
      if (opening.some((p) => p.contested)) words.at(-1)!.push(...measure({ text: "◆", font: "sansBold", size: size * 0.62, cites: covering(cuts[i] - 1, cuts[i] + 1), markerColor: INK }));
    }
    const cites = covering(cuts[i], cuts[i + 1]);
    for (const part of text.slice(cuts[i] - start16, cuts[i + 1] - start16).split(/(\s+)/)) {
      if (/^\s+$/.test(part)) words.push(measure({ text: " ", font, size, cites }), []);
      else if (part) {
        // Chinese and Japanese put no spaces between words: a line may break before any of their characters.
        part.match(BREAKABLE)!.forEach((token, t) => {
          if (t > 0 && (CJK_CHAR.test(token) || CJK_CHAR.test(words.at(-1)!.at(-1)?.text.at(-1) ?? ""))) words.push([]);
          words.at(-1)!.push(...measure({ text: token, font, size, cites }));
        });
      }
    }
  }
  const lineHeight = size * 1.55;
  let line: Line = [];
  let x = 0;
  const flush = () => {
    while (line.length && line.at(-1)!.piece.text === " ") line.pop();
    if (!line.length) return;
    ensureRoom(doc, lineHeight);
    paintLine(doc, line, doc.y, size);
    doc.y += lineHeight;
    [line, x] = [[], 0];
  };
  for (const word of words.filter((w) => w.length)) {
    const isSpace = word[0].text === " ";
    if (isSpace && x === 0) continue;
    const width = word.reduce((sum, p) => sum + p.width, 0);
    if (!isSpace && x > 0 && x + width > contentWidth(doc)) flush();
    for (const piece of word) {
      line.push({ x, piece });
      x += piece.width;
    }
  }
  flush();
}

/** Paints one laid-out line: translucent highlight layers (so overlaps darken), underlines, then text. */
function paintLine(doc: Doc, line: Line, top: number, size: number): void {
  const left = PAGE.margin;
  // Runs of pieces sharing a layer become one span: a fill per (colour, stance), an underline in the first passage's style.
  const spans = new Map<string, { x: number; end: number }[]>();
  for (const { x, piece } of line) {
    const keys = new Set(piece.cites.map((c) => `fill:${c.color}:${c.stance}`));
    if (piece.cites.length) keys.add(`line:${piece.cites[0].color}:${piece.cites[0].stance}`);
    for (const key of keys) {
      const list = spans.get(key) ?? [];
      const last = list.at(-1);
      if (last && Math.abs(last.end - x) < 0.01) last.end = x + piece.width;
      else list.push({ x, end: x + piece.width });
      spans.set(key, list);
    }
  }
  for (const [key, list] of spans) {
    const [kind, color, stance] = key.split(":");
    const base = SVG_COLORS[color as PositionColor].base;
    for (const s of list) {
      doc.save();
      if (kind === "fill") doc.rect(left + s.x, top + size * 0.16, s.end - s.x, size * 1.34).fillOpacity(stance === "for" ? 0.2 : 0.08).fill(base);
      else {
        doc.moveTo(left + s.x, top + size * 1.36).lineTo(left + s.end, top + size * 1.36).lineWidth(0.8);
        if (stance === "against") doc.dash(2, { space: 1.5 });
        doc.stroke(base);
      }
      doc.restore();
    }
  }
  // Consecutive pieces in one font are drawn as one string, so text copied from the PDF keeps its spaces.
  for (let i = 0; i < line.length; ) {
    const { x, piece } = line[i];
    let j = i + 1;
    while (j < line.length && !piece.markerColor && !line[j].piece.markerColor && line[j].piece.font === piece.font) j++;
    doc.font(piece.font).fontSize(piece.size).fillColor(piece.markerColor ?? INK);
    const run = line.slice(i, j).map((p) => p.piece.text).join("");
    doc.text(run, left + x, top + (piece.markerColor ? size * 0.1 : size * 0.28), { lineBreak: false });
    i = j;
  }
}
