import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { ExportBoard } from "../../lib/export/board-export";
import { numberPassages, type CitedPassage } from "../../lib/export/passages";
import { SVG_COLORS } from "../../lib/export/svg";
import { drawArticle } from "./pdf-article";
import { drawEvidence } from "./pdf-evidence";
import { contentWidth, GREY, INK, PAGE, put, stripControls, type Doc, type FontName } from "./pdf-layout";
import { drawOutline, drawResults } from "./pdf-outline";
import { drawMapPages } from "./pdf-map";
import type { MapLayout } from "../../lib/map/layout";
import { revisionLabel } from "../../lib/revisions/revision-views";

/**
 * The classroom handout: a title block, the article with every cited passage highlighted in its
 * position's colour and numbered [1], [2] … in reading order (pdf-article.ts), then the argument
 * outline whose quotes point back to those numbers (pdf-outline.ts). Fonts are the bundled DejaVu
 * faces (serif for the article, sans for the rest), embedded so the handout prints the same
 * everywhere. Deterministic: every date comes from the board unless the caller passes one, so the
 * same board gives the same bytes.
 */

// The numbering is pure and lives in lib/; re-exported so this stays the handout's one entry point.
export { numberPassages, type CitedPassage };

export interface PdfOptions {
  /** Leave content streams uncompressed, so tests can read the text back. Default: compressed. */
  compress?: boolean;
  /** The "generated" date on the title page and in the metadata; default: the board's last change. */
  generatedAt?: Date;
  /** The argument map's layout (layoutBoardMap, in the render worker): adds the map pages at the end. */
  map?: MapLayout;
}

const FONT_FILES = {
  sans: "DejaVuSans.ttf",
  sansBold: "DejaVuSans-Bold.ttf",
  serif: "DejaVuSerif.ttf",
  serifBold: "DejaVuSerif-Bold.ttf",
  serifItalic: "DejaVuSerif-Italic.ttf",
} as const satisfies Record<FontName, string>;
let fontData: Record<FontName, Buffer> | null = null;

const fontDir = () => join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** The font files, read once per process: a handout embeds subsets of five faces. */
function fonts(): Record<FontName, Buffer> {
  fontData ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(join(fontDir(), file))])) as Record<FontName, Buffer>;
  return fontData;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const longDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return y && m >= 1 && m <= 12 && d ? `${d} ${MONTHS[m - 1]} ${y}` : iso;
};

function drawTitleBlock(doc: Doc, board: ExportBoard, passages: CitedPassage[], generatedAt: Date): void {
  const { source } = board;
  const width = contentWidth(doc);
  put(doc, ["sansBold", 8.5, GREY], "Parley · Debate handout").moveDown(0.5);
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

/** The board's title and "Page n of N" at the foot of every page, written last, once N is known. */
function drawFooters(doc: Doc, title: string, revision: string): void {
  const { start, count } = doc.bufferedPageRange();
  const short = title.length > 80 ? `${title.slice(0, 79)}…` : title;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text inside the bottom margin would otherwise start a new page
    const y = doc.page.height - 40;
    const label = `Page ${i + 1} of ${count}`;
    put(doc, ["sans", 8, GREY], `${short} · quotes from ${revision} · Parley`, [PAGE.margin, y], { lineBreak: false });
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
  drawResults(doc, board);
  drawEvidence(doc, board);
  if (options.map) drawMapPages(doc, board, options.map);
  drawFooters(doc, title, revisionLabel(board.sourceRevision ?? 1, board.source.sha256));
  doc.end();
  return done;
}
