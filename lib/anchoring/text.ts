/**
 * Text helpers for quote anchoring.
 *
 * Offsets in Parley's model are Unicode code points (as the W3C TextPositionSelector requires),
 * while JavaScript strings index UTF-16 code units. These helpers convert between the two so the
 * rest of the code can slice safely even when a pasted source contains emoji or other astral text.
 */

/** U+00A0 no-break space and friends a browser selection may hand back as plain spaces. */
const SPACE_LIKE = /[\u00a0\u2007\u202f]/g;

/**
 * Folds characters that a browser may report differently from the stored text, keeping the
 * length in UTF-16 units unchanged so an index into the folded string is an index into the original.
 */
export function foldForMatching(text: string): string {
  return text.replace(SPACE_LIKE, " ");
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  // The server measures the same source text for every quote of every update: remember the last long one.
  if (text.length >= LONG_TEXT && text === lastLong.text) return lastLong.count;
  const count = countCodePoints(text);
  if (text.length >= LONG_TEXT) lastLong = { text, count };
  return count;
}

const LONG_TEXT = 4096;
let lastLong = { text: "", count: 0 };

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * Converts a code-point offset into a UTF-16 index of `text`.
 * Returns -1 when the offset lies beyond the end of the text.
 */
export function codePointToUtf16(text: string, codePointOffset: number): number {
  if (codePointOffset < 0) return -1;
  let units = 0;
  for (let cp = 0; cp < codePointOffset; cp++) {
    if (units >= text.length) return -1;
    const unit = text.charCodeAt(units);
    units += unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(units + 1)) ? 2 : 1;
  }
  return units;
}

/** Converts a UTF-16 index of `text` into a code-point offset (an index inside a pair rounds down). */
export function utf16ToCodePoint(text: string, utf16Index: number): number {
  let count = 0;
  for (let i = 0; i < utf16Index && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      if (i + 1 >= utf16Index) break;
      i++;
    }
    count++;
  }
  return count;
}

/** Slices `text` by code-point offsets `[start, end)`. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const from = codePointToUtf16(text, start);
  const to = codePointToUtf16(text, end);
  if (from < 0 || to < 0 || to < from) return "";
  return text.slice(from, to);
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
