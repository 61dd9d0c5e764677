import DiffMatchPatch from "diff-match-patch";
import { createAnchor, type QuoteAnchor } from "./anchor";
import { mapRange, type SourceDiff } from "./offset-map";
import { contextAgreement } from "./passage-context";
import { textSimilarity } from "./similarity";
import { foldTypography } from "./typography";

/**
 * Candidates a person may confirm when a quote cannot be re-anchored with certainty. Nothing here
 * decides on its own: every candidate carries a score below 1 and goes to review (or is dropped).
 */

export type ReviewReason =
  | "quote-text-changed" // the diff maps the passage, but the quoted words were edited
  | "context-changed" // same words at the mapped place, but the passage around them was rewritten
  | "only-matches-elsewhere" // the words still appear, but not where the old passage went
  | "similar-text-found" // fuzzy match near where the passage used to be
  | "anchor-was-stale"; // the anchor did not fit the old text itself, so its passage is uncertain

export type Candidate = { anchor: QuoteAnchor; score: number; reason: ReviewReason };

/**
 * A candidate's score: mostly its words, then its passage context, then whether it sits where the
 * diff says the old passage went (so a rewritten passage outranks a stray copy of a short quote).
 */
const TEXT_WEIGHT = 0.6;
const CONTEXT_WEIGHT = 0.25;
const PLACEMENT_WEIGHT = 0.15;
/** Occurrences of a repeated quote scored in full (after a cheap context pre-ranking). */
const OCCURRENCES_SCORED = 5;
/** Fuzzy search budget: diff-match-patch's bitap matcher handles patterns up to 32 characters. */
const MATCH_BITS = 32;
const MATCH_THRESHOLD = 0.4;

/** Highest score strictly below 1: a review candidate never looks certain. */
export const REVIEW_SCORE_CEILING = 0.99;

export function scoreCandidate(old: QuoteAnchor, candidate: QuoteAnchor, atMappedPlace: boolean): number {
  const text = textSimilarity(old.exact, candidate.exact);
  const context = contextAgreement(old, candidate);
  const placement = atMappedPlace ? 1 : 0;
  return Math.min(REVIEW_SCORE_CEILING, TEXT_WEIGHT * text + CONTEXT_WEIGHT * context + PLACEMENT_WEIGHT * placement);
}

/**
 * Collects review candidates for `old` in the new text and returns the best one, or null.
 * `oldPattern` is the quote in the diff's one-unit-per-code-point encoding.
 */
export function bestCandidate(diff: SourceDiff, newText: string, old: QuoteAnchor, oldPattern: string): Candidate | null {
  const candidates: Candidate[] = [];
  const consider = (start: number, end: number, mappedPlace: boolean, reason: (anchor: QuoteAnchor) => ReviewReason) => {
    const built = createAnchor(newText, start, end);
    if (!built.ok) return;
    candidates.push({ anchor: built.anchor, score: scoreCandidate(old, built.anchor, mappedPlace), reason: reason(built.anchor) });
  };

  const mapped = mapRange(diff, old.start, old.end);
  const expectedAt = mapped.end > mapped.start ? mapped.start : Math.min(mapped.start, diff.newUnits.length);
  if (mapped.end > mapped.start) {
    consider(mapped.start, mapped.end, true, (anchor) =>
      textSimilarity(anchor.exact, old.exact) === 1 ? "context-changed" : "quote-text-changed",
    );
  }
  for (const at of rankedOccurrences(diff.newUnits, oldPattern, old)) {
    if (at !== mapped.start) consider(at, at + oldPattern.length, false, () => "only-matches-elsewhere");
  }
  if (candidates.length === 0) {
    const fuzzy = fuzzyRange(diff.newUnits, oldPattern, expectedAt);
    if (fuzzy) consider(fuzzy[0], fuzzy[1], false, () => "similar-text-found");
  }
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0] ?? null;
}

/** The occurrences of `pattern` whose neighbouring characters agree most with the old context. */
function rankedOccurrences(units: string, pattern: string, old: QuoteAnchor): number[] {
  if (pattern.length === 0) return [];
  const prefix = foldTypography(old.prefix);
  const suffix = foldTypography(old.suffix);
  const found: Array<{ at: number; agree: number }> = [];
  for (let at = units.indexOf(pattern); at !== -1; at = units.indexOf(pattern, at + 1)) {
    found.push({ at, agree: edgeAgreement(units, at, pattern.length, prefix, suffix) });
  }
  return found
    .sort((a, b) => b.agree - a.agree)
    .slice(0, OCCURRENCES_SCORED)
    .map((entry) => entry.at);
}

/** Characters of prefix (read backwards) and suffix (forwards) that match around an occurrence. */
function edgeAgreement(units: string, at: number, length: number, prefix: string, suffix: string): number {
  let agree = 0;
  for (let i = 1; i <= prefix.length && at - i >= 0 && units[at - i] === prefix[prefix.length - i]; i++) agree++;
  for (let i = 0; i < suffix.length && units[at + length + i] === suffix[i]; i++) agree++;
  return agree;
}

/**
 * A fuzzy match of `pattern` near `expectedAt`: the whole pattern when it is short, otherwise its
 * first and last 32 characters, spanning at most twice the pattern's length.
 */
function fuzzyRange(units: string, pattern: string, expectedAt: number): [number, number] | null {
  if (pattern.length === 0 || units.length === 0) return null;
  const dmp = new DiffMatchPatch();
  dmp.Match_Threshold = MATCH_THRESHOLD;
  const loc = Math.max(0, Math.min(expectedAt, units.length - 1));
  if (pattern.length <= MATCH_BITS) {
    const at = dmp.match_main(units, pattern, loc);
    return at === -1 ? null : [at, Math.min(units.length, at + pattern.length)];
  }
  const head = dmp.match_main(units, pattern.slice(0, MATCH_BITS), loc);
  const tailAt = dmp.match_main(units, pattern.slice(-MATCH_BITS), loc + pattern.length - MATCH_BITS);
  const tailEnd = tailAt === -1 ? -1 : tailAt + MATCH_BITS;
  if (head !== -1 && tailEnd > head && tailEnd - head <= 2 * pattern.length) return [head, tailEnd];
  if (head !== -1) return [head, Math.min(units.length, head + pattern.length)];
  if (tailEnd !== -1) return [Math.max(0, tailEnd - pattern.length), tailEnd];
  return null;
}
