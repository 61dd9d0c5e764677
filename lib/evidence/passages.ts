import { splitSourceBlocks } from "../board/source-blocks";

/**
 * The passages the heat-map shades: the sentences of the source, each inside one block (paragraph),
 * with both offset systems — code points, as quote anchors count, and UTF-16, as the DOM and pdfkit do.
 * Intl.Segmenter finds the sentences; leading and trailing whitespace is left out of each.
 */
export interface PassageUnit {
  /** Reading order, from 0. */
  index: number;
  /** Which source block (lib/board/source-blocks.ts) holds it. */
  blockIndex: number;
  text: string;
  start: number;
  end: number;
  start16: number;
  end16: number;
}

/** Code points in `text[from16, to16)`: whole surrogate pairs count once. */
function countCodePoints(text: string, from16: number, to16: number): number {
  let n = 0;
  for (let i = from16; i < to16; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > from16 && isHigh(text.charCodeAt(i - 1))) continue;
    n++;
  }
  return n;
}
const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

const segmenters = new Map<string, Intl.Segmenter>();
function sentenceSegmenter(locale: string | undefined): Intl.Segmenter {
  const key = locale ?? "";
  let found = segmenters.get(key);
  if (!found) {
    try {
      found = new Intl.Segmenter(locale || undefined, { granularity: "sentence" });
    } catch {
      found = new Intl.Segmenter(undefined, { granularity: "sentence" }); // an unknown language tag
    }
    segmenters.set(key, found);
  }
  return found;
}

/** Splits `source` into sentence units in reading order; `locale` is the source's language. */
export function passageUnits(source: string, locale?: string): PassageUnit[] {
  const units: PassageUnit[] = [];
  const segmenter = sentenceSegmenter(locale);
  let cp = 0;
  let seen16 = 0;
  splitSourceBlocks(source).forEach((block, blockIndex) => {
    for (const piece of segmenter.segment(block.text)) {
      let start16 = block.start16 + piece.index;
      let end16 = start16 + piece.segment.length;
      while (start16 < end16 && /\s/.test(source[start16])) start16++;
      while (end16 > start16 && /\s/.test(source[end16 - 1])) end16--;
      if (start16 === end16) continue;
      cp += countCodePoints(source, seen16, start16);
      const length = countCodePoints(source, start16, end16);
      units.push({ index: units.length, blockIndex, text: source.slice(start16, end16), start: cp, end: cp + length, start16, end16 });
      cp += length;
      seen16 = end16;
    }
  });
  return units;
}
