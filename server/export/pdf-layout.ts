import { fallbackFontData, fallbackFor, type FallbackFace } from "./fallback-fonts";

/**
 * The handout's page geometry, inks and text primitives, shared by its sections (pdf.ts's title
 * block and footers, pdf-article.ts, pdf-outline.ts). No section-specific layout lives here.
 */

export type Doc = PDFKit.PDFDocument;
/** The faces pdf.ts registers with every document, by name. */
export type FontName = "sans" | "sansBold" | "serif" | "serifBold" | "serifItalic";
/** A default face or a fallback face (registered on first use, see fontRuns). */
export type FaceName = FontName | FallbackFace;
export type Style = readonly [FontName, number, string]; // face, size in pt, colour

export const PAGE = { margin: 60, top: 56, bottom: 64 };
export const INK = "#161b26";
export const GREY = "#475063";

export const contentWidth = (doc: Doc) => doc.page.width - PAGE.margin * 2;

/** Tabs become spaces; other control characters have no glyph and are dropped. */
export const stripControls = (s: string) => s.replace(/\t/g, " ").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
/** Joiners, variation selectors, skin-tone and tag modifiers: pdfkit does not shape emoji sequences, so they only decorate. */
const INVISIBLE = /[\u200d\ufe00-\ufe0f]|\ud83c[\udffb-\udfff]|\udb40[\udc20-\udc7f]/g;

type Face = { hasGlyphForCodePoint?: (cp: number) => boolean };
/** pdfkit offers no glyph query, so this asks the fontkit face it keeps privately (null if that field ever goes away). */
const currentFace = (doc: Doc): Face | null => {
  const face = (doc as unknown as { _font?: { font?: Face } })._font?.font;
  return typeof face?.hasGlyphForCodePoint === "function" ? face : null;
};
const registered = new WeakMap<Doc, Set<FallbackFace>>();

/** The face `name` of this document, registering a fallback face on first use (so only handouts that need one embed it). */
function faceOf(doc: Doc, name: FaceName): Face | null {
  if (name === "cjk" || name === "cjkBold" || name === "emoji") {
    const faces = registered.get(doc) ?? new Set();
    if (!faces.has(name)) doc.registerFont(name, fallbackFontData(name));
    registered.set(doc, faces.add(name));
  }
  doc.font(name);
  return currentFace(doc);
}

/**
 * Splits text into runs, each in a face that has its glyphs: `base` where it can, Noto Sans SC or
 * Noto Emoji for what it lacks (pdfkit has no font fallback of its own). A character no bundled face
 * has becomes a white square: pdfkit 0.20 draws a missing glyph as .notdef but writes that glyph's
 * width in font units rather than thousandths of an em, so viewers place it about twice as wide as
 * measured and every highlight after it on the line drifts. Leaves `base` as the current font.
 */
export function fontRuns(doc: Doc, text: string, base: FontName): { text: string; font: FaceName }[] {
  const clean = stripControls(text).replace(INVISIBLE, "");
  if (/^[\x20-\x7e\n]*$/.test(clean)) {
    doc.font(base);
    return [{ text: clean, font: base }]; // DejaVu covers ASCII; skip the (slow) cmap lookups
  }
  const baseFace = faceOf(doc, base);
  if (!baseFace) return [{ text: clean, font: base }];
  const bold = base.endsWith("Bold");
  const runs: { text: string; font: FaceName }[] = [];
  for (const char of clean) {
    const cp = char.codePointAt(0)!;
    let font: FaceName = base;
    let shown = char;
    if (char !== "\n" && !baseFace.hasGlyphForCodePoint!(cp)) {
      const fallback = fallbackFor(char, bold);
      if (fallback && faceOf(doc, fallback)?.hasGlyphForCodePoint!(cp)) font = fallback;
      else shown = "\u25a1";
    }
    const last = runs.at(-1);
    if (last && last.font === font) last.text += shown;
    else runs.push({ text: shown, font });
  }
  doc.font(base);
  return runs;
}

/** Text drawable in `base` alone (what the others lack as a white square): for measuring only. */
export function printable(doc: Doc, text: string, base: FontName): string {
  return fontRuns(doc, text, base)
    .map((run) => (run.font === base ? run.text : "\u25a1".repeat([...run.text].length)))
    .join("");
}

/**
 * Sets the style and writes `text` (at x, y when given) through pdfkit's flowing layout, run by run
 * when it needs fallback faces (pdfkit's `continued` keeps the runs on one line and wraps them together).
 */
export function put(doc: Doc, [font, size, color]: Style, text: string, at?: [number, number], options: PDFKit.Mixins.TextOptions = {}): Doc {
  doc.fontSize(size).fillColor(color);
  const runs = fontRuns(doc, text, font);
  runs.forEach((run, i) => {
    doc.font(run.font);
    const runOptions = i < runs.length - 1 ? { ...options, continued: true } : options;
    if (i === 0 && at) doc.text(run.text, at[0], at[1], runOptions);
    else doc.text(run.text, runOptions);
  });
  return doc.font(font);
}

/** Height `text` would take in `style` at `width`; leaves the style's font and size set. */
export function heightOf(doc: Doc, [font, size]: Style, text: string, width: number): number {
  doc.font(font).fontSize(size);
  return doc.heightOfString(printable(doc, text, font), { width });
}

/** Moves to a new page unless `height` points still fit on this one. */
export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - PAGE.bottom) doc.addPage();
}
