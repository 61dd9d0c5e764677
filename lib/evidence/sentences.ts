import { splitSourceBlocks } from "../board/source-blocks";
import { utf16ToCodePoint } from "../anchoring/text";

/** One sentence of the source. Offsets are code points, like a quote's (lib/anchoring/anchor.ts). */
export interface SourceSentence {
  /** Its position in reading order: the search index's document id. */
  index: number;
  text: string;
  start: number;
  end: number;
}

/**
 * A sentence ends at . ! or ? (with any closing quote or bracket) followed by space and a capital,
 * a digit or an opening quote. A period after a lone capital or a title ("U.S. aid", "Mr. Khan") is
 * an abbreviation, not an end.
 */
const SENTENCE_END = /[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[\p{Lu}\d$])/gu;
const ABBREVIATION = /(?:\b\p{Lu}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Prof|Jr|Sr|vs|No))\.$/u;

/**
 * Splits `source` into sentences within its blocks (a heading or a paragraph never runs into the
 * next), in reading order. Invariant: each sentence's text is the source's code points [start, end).
 */
export function splitSentences(source: string): SourceSentence[] {
  const sentences: SourceSentence[] = [];
  for (const block of splitSourceBlocks(source)) {
    let from = 0;
    const push = (to16: number) => {
      const raw = block.text.slice(from, to16);
      const text = raw.trim();
      if (text) {
        const start16 = block.start16 + from + (raw.length - raw.trimStart().length);
        const start = utf16ToCodePoint(source, start16);
        const end = utf16ToCodePoint(source, start16 + text.length);
        sentences.push({ index: sentences.length, text, start, end });
      }
    };
    for (const match of block.text.matchAll(SENTENCE_END)) {
      const endOfSentence = match.index + match[0].trimEnd().length;
      if (ABBREVIATION.test(block.text.slice(Math.max(0, match.index - 5), match.index + 1))) continue;
      push(endOfSentence);
      from = endOfSentence;
    }
    push(block.text.length);
  }
  return sentences;
}
