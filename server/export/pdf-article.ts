import type { HeatMap, PassageHeat } from "../../lib/evidence/heat";
import { splitSourceBlocks } from "../../lib/board/source-blocks";
import type { ExportBoard } from "../../lib/export/board-export";
import type { CitedPassage } from "../../lib/export/passages";
import { SVG_COLORS } from "../../lib/export/svg";
import { heatOf, HEAT_TINT, passagePaint, SIDE_DASH } from "./pdf-evidence";
import { contentWidth, ensureRoom, fontRuns, GREY, INK, PAGE, put, type Doc, type FaceName, type FontName } from "./pdf-layout";

/**
 * The handout's article section: the source text as the screen's heat-map shades it (lib/evidence):
 * every cited sentence tinted by each side citing it, darker the more of that side's arguments cite it,
 * with one underline per side and a ◆ in the margin where a contested sentence starts; a [n] marker
 * where each quote starts. Shading and the margin mark are drawn shapes, so copied text is just the
 * article. The layout is done here rather than by pdfkit so shading can follow a sentence across lines.
 */

interface Piece {
  text: string;
  font: FaceName;
  size: number;
  /** The cited sentence holding this piece; a space or a marker takes the one holding both its neighbours. */
  heat?: PassageHeat;
  /** The first piece of a contested sentence: its line gets the margin mark. */
  opensContested?: boolean;
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
  const heat = heatOf(board);
  put(doc, ["sansBold", 14, INK], "The article", [PAGE.margin, doc.y]).moveDown(0.2);
  const hint = "Each sentence quoted in the debate is tinted in the colour of every side citing it, darker the more of that side's arguments cite it, and underlined once per side; a sentence cited by more than one side (contested) carries ◆ in the margin. Numbers [n] mark where each quote starts; the outline refers to them.";
  put(doc, ["sans", 8.5, GREY], hint, undefined, { width: contentWidth(doc) }).moveDown(0.4);
  drawHeatLegend(doc, heat);
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
    drawBlock(doc, block.text, block.start16, passages, heat, font, size);
    doc.y += size * 0.6;
  });
}

/**
 * Lays out one block of the article: words split at spaces, and into pieces where a passage starts
 * or ends; greedy wrapping; then highlights, underlines and text, line by line. Doing the layout
 * here (not with pdfkit's flowing text) is what lets a highlight follow its passage across lines.
 */
function drawBlock(doc: Doc, text: string, start16: number, passages: CitedPassage[], heat: HeatMap, font: FontName, size: number): void {
  const end16 = start16 + text.length;
  const mine = passages.filter((p) => p.placed && p.start16 < end16 && p.end16 > start16);
  const sentences = heat.passages.filter((p) => p.arguments > 0 && p.unit.start16 < end16 && p.unit.end16 > start16);
  const inner = [...mine.flatMap((p) => [p.start16, p.end16]), ...sentences.flatMap((p) => [p.unit.start16, p.unit.end16])].filter((c) => c > start16 && c < end16);
  const cuts = [...new Set([start16, end16, ...inner])].sort((a, b) => a - b);
  const covering = (from: number, to: number) => sentences.find((p) => p.unit.start16 <= from && to <= p.unit.end16);
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
      words.at(-1)!.push(...measure({ text: label, font: "sansBold", size: size * 0.62, heat: covering(cuts[i] - 1, cuts[i] + 1), markerColor }));
    }
    const cites = covering(cuts[i], cuts[i + 1]);
    let opensContested = cites !== undefined && cites.contested && cites.unit.start16 === cuts[i];
    for (const part of text.slice(cuts[i] - start16, cuts[i + 1] - start16).split(/(\s+)/)) {
      if (/^\s+$/.test(part)) words.push(measure({ text: " ", font, size, heat: cites }), []);
      else if (part) {
        // Chinese and Japanese put no spaces between words: a line may break before any of their characters.
        part.match(BREAKABLE)!.forEach((token, t) => {
          if (t > 0 && (CJK_CHAR.test(token) || CJK_CHAR.test(words.at(-1)!.at(-1)?.text.at(-1) ?? ""))) words.push([]);
          words.at(-1)!.push(...measure({ text: token, font, size, heat: cites, opensContested }));
          opensContested = false;
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
    paintLine(doc, line, doc.y, size, heat);
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

/**
 * Paints one laid-out line: under each cited sentence one band per citing side (stacked, so a
 * contested sentence shows every side's colour unmixed) and one underline per side, a margin ◆ where
 * a contested sentence starts, then the text on top.
 */
function paintLine(doc: Doc, line: Line, top: number, size: number, heat: HeatMap): void {
  const left = PAGE.margin;
  // Runs of pieces in one sentence become one span.
  const spans: { passage: PassageHeat; x: number; end: number }[] = [];
  for (const { x, piece } of line) {
    if (!piece.heat) continue;
    const last = spans.at(-1);
    if (last && last.passage === piece.heat && Math.abs(last.end - x) < 0.01) last.end = x + piece.width;
    else spans.push({ passage: piece.heat, x, end: x + piece.width });
  }
  const bandTop = top + size * 0.16;
  const bandHeight = size * 1.34;
  for (const span of spans) {
    const { sides } = passagePaint(span.passage, heat);
    sides.forEach((side, i) => {
      doc.save();
      doc.rect(left + span.x, bandTop + (i * bandHeight) / sides.length, span.end - span.x, bandHeight / sides.length).fillOpacity(side.tint).fill(side.color);
      doc.restore();
      doc.save();
      const y = top + size * 1.36 + i * 1.3;
      doc.moveTo(left + span.x, y).lineTo(left + span.end, y).lineWidth(0.7);
      if (side.dash) doc.dash(side.dash.length, { space: side.dash.space });
      doc.stroke(side.color);
      doc.restore();
    });
  }
  if (line.some(({ piece }) => piece.opensContested)) contestedMark(doc, left - 10, top + size * 0.83, size * 0.3);
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

/** The margin ◆ drawn as a shape (not a glyph), so copying the article's text does not pick it up. */
function contestedMark(doc: Doc, cx: number, cy: number, r: number): void {
  doc.save();
  doc.moveTo(cx, cy - r).lineTo(cx + r, cy).lineTo(cx, cy + r).lineTo(cx - r, cy).closePath().fill(INK);
  doc.restore();
}

/**
 * The key to the shading, one row per side: its four tints from few to most citing arguments (the top
 * step is the most arguments of one side on one sentence), its underline, and what ◆ means.
 */
function drawHeatLegend(doc: Doc, heat: HeatMap): void {
  if (heat.maxPerSide === 0) {
    doc.moveDown(0.4);
    return;
  }
  const swatch = 14;
  heat.sides.forEach((side, index) => {
    ensureRoom(doc, 14);
    const y = doc.y;
    const color = SVG_COLORS[side.color].base;
    for (let level = 1; level <= 4; level++) {
      doc.save();
      doc.rect(PAGE.margin + (level - 1) * swatch, y + 1, swatch - 1, 9).fillOpacity(HEAT_TINT[level]).fill(color);
      doc.restore();
    }
    const dash = SIDE_DASH[index % SIDE_DASH.length];
    doc.save();
    doc.moveTo(PAGE.margin, y + 11.5).lineTo(PAGE.margin + 4 * swatch - 1, y + 11.5).lineWidth(0.7);
    if (dash) doc.dash(dash.length, { space: dash.space });
    doc.stroke(color);
    doc.restore();
    const most = heat.maxPerSide === 1 ? "1 argument" : `1 to ${heat.maxPerSide} arguments`;
    put(doc, ["sans", 8.5, INK], `${side.label}: paler to darker as ${most} of this side cite a sentence`, [PAGE.margin + 4 * swatch + 6, y], { width: contentWidth(doc) - 4 * swatch - 6 });
  });
  const y = doc.y;
  contestedMark(doc, PAGE.margin + 4, y + 5.5, 3);
  put(doc, ["sans", 8.5, INK], "Contested: cited by more than one side; each side's tint takes its own band of the line.", [PAGE.margin + 4 * swatch + 6, y], { width: contentWidth(doc) - 4 * swatch - 6 });
  doc.moveDown(0.8);
}
