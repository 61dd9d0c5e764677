/**
 * The handout's page geometry, inks and text primitives, shared by its sections (pdf.ts's title
 * block and footers, pdf-article.ts, pdf-outline.ts). No section-specific layout lives here.
 */

export type Doc = PDFKit.PDFDocument;
/** The faces pdf.ts registers with every document, by name. */
export type FontName = "sans" | "sansBold" | "serif" | "serifBold" | "serifItalic";
export type Style = readonly [FontName, number, string]; // face, size in pt, colour

export const PAGE = { margin: 60, top: 56, bottom: 64 };
export const INK = "#161b26";
export const GREY = "#475063";

export const contentWidth = (doc: Doc) => doc.page.width - PAGE.margin * 2;

/** Tabs become spaces; other control characters have no glyph and are dropped. */
export const stripControls = (s: string) => s.replace(/\t/g, " ").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
/** Joiners, variation selectors, skin-tone and tag modifiers: they only decorate a glyph DejaVu lacks anyway. */
const INVISIBLE = /[\u200d\ufe00-\ufe0f]|\ud83c[\udffb-\udfff]|\udb40[\udc20-\udc7f]/g;

/**
 * Text the current font can draw. pdfkit 0.20 draws a missing glyph as .notdef but writes that
 * glyph's width in font units rather than thousandths of an em, so viewers place it about twice as
 * wide as measured and every highlight after it on the line drifts. A white square (which DejaVu
 * has) stands in instead. pdfkit offers no glyph query, so this asks the fontkit face it keeps
 * privately, and only strips control characters if that field ever goes away.
 */
export function printable(doc: Doc, text: string): string {
  const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font;
  const base = stripControls(text).replace(INVISIBLE, "");
  if (typeof face?.hasGlyphForCodePoint !== "function") return base;
  if (/^[\x20-\x7e\n]*$/.test(base)) return base; // DejaVu covers ASCII; skip the (slow) cmap lookups
  let out = "";
  for (const ch of base) out += ch === "\n" || face.hasGlyphForCodePoint(ch.codePointAt(0)!) ? ch : "\u25a1";
  return out;
}

/** Sets the style and writes `text` (at x, y when given) through pdfkit's flowing layout. */
export function put(doc: Doc, [font, size, color]: Style, text: string, at?: [number, number], options: PDFKit.Mixins.TextOptions = {}): Doc {
  doc.font(font).fontSize(size).fillColor(color);
  return at ? doc.text(printable(doc, text), at[0], at[1], options) : doc.text(printable(doc, text), options);
}

/** Height `text` would take in `style` at `width`; leaves the style's font and size set. */
export function heightOf(doc: Doc, [font, size]: Style, text: string, width: number): number {
  doc.font(font).fontSize(size);
  return doc.heightOfString(printable(doc, text), { width });
}

/** Moves to a new page unless `height` points still fit on this one. */
export function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - PAGE.bottom) doc.addPage();
}
