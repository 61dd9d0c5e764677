import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { Argument, Stance } from "../../lib/board/argument";
import type { PositionColor } from "../../lib/board/position";
import { buildColumns, type ArgumentNode } from "../../lib/board/tree";
import type { ExportBoard } from "../../lib/export/board-export";
import { RELATION_COLORS, SVG_COLORS } from "../../lib/export/svg";

/**
 * The classroom handout: a title block, the article with every cited passage highlighted in its
 * position's colour and numbered [1], [2] … in reading order, then the argument outline whose quotes
 * point back to those numbers. Fonts are the bundled DejaVu faces (serif for the article, sans for
 * the rest), embedded so the handout prints the same everywhere. Deterministic: every date comes from
 * the board unless the caller passes one, so the same board gives the same bytes.
 */

export interface PdfOptions {
  /** Leave content streams uncompressed, so tests can read the text back. Default: compressed. */
  compress?: boolean;
  /** The "generated" date on the title page and in the metadata; default: the board's last change. */
  generatedAt?: Date;
}

/** One quote, numbered as the article shows it. `start16`/`end16` index the source as a JS string. */
export interface CitedPassage {
  number: number;
  argumentId: string;
  quoteIndex: number;
  exact: string;
  color: PositionColor;
  stance: Stance;
  /** False when the offsets no longer match the source: listed in the outline, not highlighted. */
  placed: boolean;
  start16: number;
  end16: number;
}

const FONT_FILES = {
  sans: "DejaVuSans.ttf",
  sansBold: "DejaVuSans-Bold.ttf",
  serif: "DejaVuSerif.ttf",
  serifBold: "DejaVuSerif-Bold.ttf",
  serifItalic: "DejaVuSerif-Italic.ttf",
} as const;
type FontName = keyof typeof FONT_FILES;
let fontData: Record<FontName, Buffer> | null = null;

const fontDir = () => join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The font files, read once per process: a handout embeds subsets of five faces. */
function fonts(): Record<FontName, Buffer> {
  fontData ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(join(fontDir(), file))])) as Record<FontName, Buffer>;
  return fontData;
}

/** UTF-16 index of each code-point offset in `points`, found in one pass; offsets past the end are absent. */
function toUtf16(text: string, points: number[]): Map<number, number> {
  const out = new Map<number, number>();
  let cp = 0;
  let unit = 0;
  for (const target of [...new Set(points)].sort((a, b) => a - b)) {
    while (cp < target && unit < text.length) {
      const high = text.charCodeAt(unit);
      const low = text.charCodeAt(unit + 1);
      unit += high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
      cp++;
    }
    if (cp === target) out.set(target, unit);
  }
  return out;
}

/**
 * Numbers every quote on the board: passages found in the source first, in reading order (by start,
 * then end), then any whose offsets went stale. Overlapping or repeated quotes each get a number.
 */
export function numberPassages(board: ExportBoard): CitedPassage[] {
  const colorOf = new Map(board.positions.map((p) => [p.id, p.color]));
  const text = board.source.text;
  const offsets = toUtf16(text, board.arguments.flatMap((a) => a.quotes.flatMap((q) => [q.start, q.end])));
  const fold = (s: string) => s.replace(/[\u00a0\u2007\u202f]/g, " "); // as anchoring compares quotes
  const all = board.arguments.flatMap((arg) =>
    arg.quotes.map((q, quoteIndex) => {
      const start16 = offsets.get(q.start) ?? -1;
      const end16 = offsets.get(q.end) ?? -1;
      const placed = start16 >= 0 && end16 > start16 && fold(text.slice(start16, end16)) === fold(q.exact);
      const color = colorOf.get(arg.positionId) ?? "indigo";
      return { number: 0, argumentId: arg.id, quoteIndex, exact: q.exact, color, stance: arg.stance, placed, start16, end16 };
    }),
  );
  const placed = all.filter((p) => p.placed).sort((a, b) => a.start16 - b.start16 || a.end16 - b.end16);
  return [...placed, ...all.filter((p) => !p.placed)].map((p, i) => ({ ...p, number: i + 1 }));
}

type Doc = PDFKit.PDFDocument;
type Style = readonly [FontName, number, string]; // face, size in pt, colour
const PAGE = { margin: 60, top: 56, bottom: 64 };
const INK = "#161b26";
const GREY = "#475063";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const longDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return y && m >= 1 && m <= 12 && d ? `${d} ${MONTHS[m - 1]} ${y}` : iso;
};
const contentWidth = (doc: Doc) => doc.page.width - PAGE.margin * 2;
/** Tabs become spaces; other control characters have no glyph and are dropped. */
const stripControls = (s: string) => s.replace(/\t/g, " ").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
/** Joiners, variation selectors, skin-tone and tag modifiers: they only decorate a glyph DejaVu lacks anyway. */
const INVISIBLE = /[\u200d\ufe00-\ufe0f]|\ud83c[\udffb-\udfff]|\udb40[\udc20-\udc7f]/g;

/**
 * Text the current font can draw. pdfkit 0.20 draws a missing glyph as .notdef but writes that
 * glyph's width in font units rather than thousandths of an em, so viewers place it about twice as
 * wide as measured and every highlight after it on the line drifts. A white square (which DejaVu
 * has) stands in instead. pdfkit offers no glyph query, so this asks the fontkit face it keeps
 * privately, and only strips control characters if that field ever goes away.
 */
function printable(doc: Doc, text: string): string {
  const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  const base = stripControls(text).replace(INVISIBLE, "");
  if (typeof face?.hasGlyphForCodePoint !== "function") return base;
  if (/^[\x20-\x7e\n]*$/.test(base)) return base; // DejaVu covers ASCII; skip the (slow) cmap lookups
  let out = "";
  for (const ch of base) out += ch === "\n" || face.hasGlyphForCodePoint(ch.codePointAt(0)!) ? ch : "\u25a1";
  return out;
}

/** Sets the style and writes `text` (at x, y when given) through pdfkit's flowing layout. */
function put(doc: Doc, [font, size, color]: Style, text: string, at?: [number, number], options: PDFKit.Mixins.TextOptions = {}): Doc {
  doc.font(font).fontSize(size).fillColor(color);
  return at ? doc.text(printable(doc, text), at[0], at[1], options) : doc.text(printable(doc, text), options);
}

function heightOf(doc: Doc, [font, size]: Style, text: string, width: number): number {
  doc.font(font).fontSize(size);
  return doc.heightOfString(printable(doc, text), { width });
}

/** Moves to a new page unless `height` points still fit on this one. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - PAGE.bottom) doc.addPage();
}

interface Piece {
  text: string;
  font: FontName;
  size: number;
  /** Passages covering this piece; a space or a marker takes those covering both its neighbours. */
  cites: CitedPassage[];
  /** Set on a [n] marker: the colour of the passage it opens. */
  markerColor?: string;
  width: number;
}
type Line = { x: number; piece: Piece }[];

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
  const measure = (piece: Omit<Piece, "width">): Piece => {
    doc.font(piece.font).fontSize(piece.size);
    const printed = printable(doc, piece.text);
    return { ...piece, text: printed, width: doc.widthOfString(printed) };
  };
  const words: Piece[][] = [[]];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const opening = mine.filter((p) => p.start16 === cuts[i]);
    if (opening.length) {
      const label = `[${opening.map((p) => p.number).join(",")}]`;
      const markerColor = SVG_COLORS[opening[0].color].strong;
      words.at(-1)!.push(measure({ text: label, font: "sansBold", size: size * 0.62, cites: covering(cuts[i] - 1, cuts[i] + 1), markerColor }));
    }
    const cites = covering(cuts[i], cuts[i + 1]);
    for (const part of text.slice(cuts[i] - start16, cuts[i + 1] - start16).split(/(\s+)/)) {
      if (/^\s+$/.test(part)) words.push([measure({ text: " ", font, size, cites })], []);
      else if (part) words.at(-1)!.push(measure({ text: part, font, size, cites }));
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

/** Blocks separated by blank lines, as UTF-16 ranges with surrounding whitespace left out. */
function blocksOf(text: string): { start16: number; text: string }[] {
  return [...text.matchAll(/\S(?:[^\n]|\n(?![^\S\n]*\n))*/g)].map((m) => ({ start16: m.index, text: m[0].trimEnd() }));
}

function drawArticle(doc: Doc, board: ExportBoard, passages: CitedPassage[]): void {
  put(doc, ["sansBold", 14, INK], "The article", [PAGE.margin, doc.y]).moveDown(0.2);
  const hint = "Passages quoted in the debate are highlighted in their position's colour (lighter, with a dashed underline, when quoted against) and numbered; the outline refers to these numbers.";
  put(doc, ["sans", 8.5, GREY], hint, undefined, { width: contentWidth(doc) }).moveDown(0.8);
  blocksOf(board.source.text).forEach((block, index) => {
    // Pasted articles carry no markup, so guess as the article pane does: headline, dateline, sub-headings.
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

function drawTitleBlock(doc: Doc, board: ExportBoard, passages: CitedPassage[], generatedAt: Date): void {
  const { source } = board;
  const width = contentWidth(doc);
  put(doc, ["sansBold", 8, GREY], "PARLEY  ·  DEBATE HANDOUT", undefined, { characterSpacing: 1.2 }).moveDown(0.5);
  put(doc, ["sansBold", 22, INK], board.board.title, undefined, { width }).moveDown(0.3);
  put(doc, ["serifItalic", 13, INK], source.title, undefined, { width }).moveDown(0.15);
  const published = [source.publisher, source.publishedOn && `published ${longDate(source.publishedOn)}`].filter(Boolean);
  if (published.length) put(doc, ["sans", 9.5, GREY], published.join(" · "), undefined, { width });
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const counts = [count(board.positions.length, "position"), count(board.arguments.length, "argument"), count(passages.length, "quote")].join(" · ");
  put(doc, ["sans", 9.5, GREY], `${counts} · generated ${longDate(generatedAt.toISOString())}`, undefined, { width }).moveDown(0.7);
  for (const position of [...board.positions].sort((a, b) => a.order - b.order)) {
    const y = doc.y;
    doc.rect(PAGE.margin, y + 1, 9, 9).fill(SVG_COLORS[position.color].base);
    put(doc, ["sansBold", 9.5, SVG_COLORS[position.color].strong], position.label, [PAGE.margin + 15, y], { width: width - 15 });
  }
  doc.moveDown(0.6).moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + width, doc.y).lineWidth(0.6).stroke("#c4cad4");
  doc.y += 14;
}

const TEXT: Style = ["sans", 10, INK];
const AUTHOR: Style = ["sans", 8.5, GREY];
const NOTE: Style = ["serifItalic", 8.5, GREY];

/** One argument of the outline (then its replies): relation label, text, author, its quotes as numbered notes. */
function drawArgument(doc: Doc, node: ArgumentNode, color: PositionColor, notes: Map<string, CitedPassage[]>, byId: Map<string, Argument>): void {
  const arg = node.argument;
  const indent = Math.min(node.depth, 6) * 18; // deeper chains stop indenting so text keeps a readable width
  const x = PAGE.margin + indent + 10;
  const width = contentWidth(doc) - indent - 10;
  const mine = notes.get(arg.id) ?? [];
  const parent = byId.get(arg.parentId);
  const relationColor = arg.stance === "for" ? RELATION_COLORS.support : RELATION_COLORS.attack;
  const label = parent ? `${arg.stance === "for" ? "SUPPORTS" : "REBUTS"} ${parent.authorName}` : null;
  const refs = mine.length ? ` · quotes ${mine.map((p) => `[${p.number}]`).join(" ")}` : "";
  const note = (p: CitedPassage) => `“${p.exact.replace(/\s+/g, " ")}”${p.placed ? "" : " (no longer found in the article)"}`;
  const height = (label ? 12 : 0) + heightOf(doc, TEXT, arg.text, width) + 14 + mine.reduce((sum, p) => sum + heightOf(doc, NOTE, note(p), width - 36) + 2, 0);
  ensureRoom(doc, Math.min(height + 10, doc.page.height - PAGE.top - PAGE.bottom));
  const [top, page] = [doc.y, doc.page];
  if (label) put(doc, ["sansBold", 7.5, relationColor], label, [x, doc.y], { characterSpacing: 0.6, width });
  put(doc, TEXT, arg.text, [x, doc.y + (label ? 1 : 0)], { width, lineGap: 1 });
  put(doc, AUTHOR, `— ${arg.authorName}${refs}`, [x, doc.y + 2], { width });
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
  for (const child of node.children) drawArgument(doc, child, color, notes, byId);
}

function drawOutline(doc: Doc, board: ExportBoard, passages: CitedPassage[]): void {
  doc.addPage();
  put(doc, ["sansBold", 16, INK], "The argument outline", [PAGE.margin, PAGE.top]).moveDown(0.2);
  const intro = "Each position's arguments for and against it; replies are indented under what they answer. Numbers in brackets are the passages highlighted in the article.";
  put(doc, ["sans", 8.5, GREY], intro, undefined, { width: contentWidth(doc) }).moveDown(1);
  const notes = new Map<string, CitedPassage[]>();
  for (const p of [...passages].sort((a, b) => a.quoteIndex - b.quoteIndex)) notes.set(p.argumentId, [...(notes.get(p.argumentId) ?? []), p]);
  const byId = new Map(board.arguments.map((a) => [a.id, a]));
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
      put(doc, ["sansBold", 8.5, GREY], `${stance.toUpperCase()} (${nodes.length})`, [PAGE.margin, doc.y], { characterSpacing: 1 }).moveDown(0.5);
      if (!nodes.length) put(doc, ["sans", 9, GREY], `No arguments ${stance} yet.`, [PAGE.margin + 10, doc.y]).moveDown(0.8);
      for (const node of nodes) drawArgument(doc, node, column.position.color, notes, byId);
      doc.y += 6;
    }
    doc.y += 10;
  }
}

/** The board's title and "Page n of N" at the foot of every page, written last, once N is known. */
function drawFooters(doc: Doc, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  const short = title.length > 80 ? `${title.slice(0, 79)}…` : title;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text inside the bottom margin would otherwise start a new page
    const y = doc.page.height - 40;
    const label = `Page ${i + 1} of ${count}`;
    put(doc, ["sans", 8, GREY], `${short} · Parley`, [PAGE.margin, y], { lineBreak: false });
    const labelWidth = doc.widthOfString(label); // measured in the footer's font, still current
    put(doc, ["sans", 8, GREY], label, [doc.page.width - PAGE.margin - labelWidth, y], { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders the board's handout as PDF bytes. */
export function renderPdfHandout(board: ExportBoard, options: PdfOptions = {}): Promise<Uint8Array> {
  const updated = new Date(board.board.updatedAt);
  const stamp = Number.isNaN(updated.getTime()) ? new Date(0) : updated;
  const generatedAt = options.generatedAt ?? stamp;
  const title = stripControls(board.board.title);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin },
    compress: options.compress ?? true,
    bufferPages: true,
    lang: board.source.language,
    displayTitle: true,
    font: join(fontDir(), FONT_FILES.sans), // not pdfkit's Helvetica, whose metrics files a bundler may leave behind
    info: { Title: title, Author: "Parley", Subject: `Debate handout: ${stripControls(board.source.title)}`, Creator: "Parley", Producer: "Parley", CreationDate: generatedAt, ModDate: stamp },
  });
  for (const [name, data] of Object.entries(fonts())) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const passages = numberPassages(board);
  drawTitleBlock(doc, board, passages, generatedAt);
  drawArticle(doc, board, passages);
  drawOutline(doc, board, passages);
  drawFooters(doc, title);
  doc.end();
  return done;
}
