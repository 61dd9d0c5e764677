import type { QuoteAnchor } from "./anchor";
import { textSimilarity } from "./similarity";

/**
 * The context that identifies a quote's passage: its stored prefix and suffix, cut at the paragraph
 * edges. Text across a paragraph break belongs to a neighbouring passage, which may legitimately
 * change (a paragraph inserted before, two paragraphs swapped) without the quote's passage changing.
 */
export function passageContext(anchor: Pick<QuoteAnchor, "prefix" | "suffix">): { before: string; after: string } {
  const breakBefore = anchor.prefix.lastIndexOf("\n");
  const breakAfter = anchor.suffix.indexOf("\n");
  return {
    before: breakBefore === -1 ? anchor.prefix : anchor.prefix.slice(breakBefore + 1),
    after: breakAfter === -1 ? anchor.suffix : anchor.suffix.slice(0, breakAfter),
  };
}

/**
 * How well the passage around a candidate agrees with the passage around the old quote, in [0, 1]:
 * the similarity of the in-paragraph context on each side, weighted by its length. A quote that is
 * a whole paragraph has no in-paragraph context; its own text is then the only evidence (1).
 */
export function contextAgreement(
  old: Pick<QuoteAnchor, "prefix" | "suffix">,
  candidate: Pick<QuoteAnchor, "prefix" | "suffix">,
): number {
  const before = passageContext(old);
  const after = passageContext(candidate);
  const sides: Array<[string, string]> = [
    [before.before, after.before],
    [before.after, after.after],
  ];
  let weight = 0;
  let agreement = 0;
  for (const [was, now] of sides) {
    const length = Math.max(was.trim().length, now.trim().length);
    weight += length;
    agreement += length * textSimilarity(was, now);
  }
  return weight === 0 ? 1 : agreement / weight;
}
