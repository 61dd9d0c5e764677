import { createAnchor, QuoteAnchorSchema, resolveAnchor, verifyAnchor, type QuoteAnchor } from "./anchor";
import { deletedShare, diffSources, insertedShare, mapRange, type SourceDiff } from "./offset-map";
import { contextAgreement, passageContext } from "./passage-context";
import { bestCandidate, REVIEW_SCORE_CEILING, type ReviewReason } from "./reanchor-candidates";
import { readableDiff, type DiffOp } from "./similarity";
import { foldTypography, typographyKey } from "./typography";
import { codePointLength } from "./text";

/**
 * Re-anchoring quotes when a board's source text is replaced by a corrected version.
 *
 * The rule: a quote is moved without asking only when it is certain to be the same words in the same
 * passage — the diff of the two texts carries the old passage to its new place, the words there are
 * the same (typography aside) and the passage around them still agrees. Anything else (edited words,
 * a deleted passage, a short quote that merely appears elsewhere) goes to a person, or is orphaned.
 */

export type { ReviewReason } from "./reanchor-candidates";
export type CertainReason = "same-place" | "passage-shifted" | "passage-moved";
export type OrphanReason = "invalid-anchor" | "passage-gone";

/** What the review screen shows: the old quote, the proposed one, and the edit between them. */
export type ReviewDiff = { before: string; after: string; ops: DiffOp[] };

export type ReanchorProposal =
  | { status: "unchanged" | "moved"; anchor: QuoteAnchor; score: 1; reason: CertainReason }
  | { status: "needs-review"; anchor: QuoteAnchor; score: number; reason: ReviewReason; diff: ReviewDiff }
  | { status: "orphaned"; anchor: null; score: 0; reason: OrphanReason };

/** Minimum agreement of the in-paragraph context for a move to count as certain. */
export const CONTEXT_CONFIRMS = 0.8;
/** A moved block must carry at least this many code points of quote plus context to be recognised. */
export const MOVED_WINDOW_MIN = 40;
/** Share of a window the diff must mark as deleted (old side) and inserted (new side) to call it moved. */
const MOVED_SHARE_MIN = 0.5;
/** Review candidates scoring below this are not worth a person's time: the quote is orphaned. */
export const ORPHAN_BELOW = 0.5;
/** Score of an otherwise certain placement of an anchor that did not fit the old text. */
const STALE_SCORE = 0.9;

/**
 * Plans how each anchor on `oldText` carries over to `newText`. One proposal per anchor, same order.
 * Offsets are code points. Pure: nothing is applied here.
 */
export function planReanchoring(oldText: string, newText: string, anchors: QuoteAnchor[]): ReanchorProposal[] {
  if (anchors.length === 0) return [];
  const diff = diffSources(oldText, newText);
  return anchors.map((anchor) => planOne(diff, oldText, newText, anchor));
}

function planOne(diff: SourceDiff, oldText: string, newText: string, given: QuoteAnchor): ReanchorProposal {
  if (!QuoteAnchorSchema.safeParse(given).success) return orphaned("invalid-anchor");
  const direct = verifyAnchor(oldText, given);
  const resolved = direct.ok ? direct : resolveAnchor(oldText, given);
  // Not even in the old text: search the new text for the words alone (astral characters, encoded
  // differently in the diff, then only match through the fuzzy search).
  if (!resolved.ok) return fromCandidate(diff, newText, given, foldTypography(given.exact), true);
  const old = resolved.anchor;
  const stale = !direct.ok;

  const certain = certainPlacement(diff, newText, old);
  if (certain && !stale) {
    const unchanged = certain.anchor.start === old.start && certain.anchor.end === old.end && certain.anchor.exact === old.exact;
    return { status: unchanged ? "unchanged" : "moved", anchor: certain.anchor, score: 1, reason: unchanged ? "same-place" : certain.reason };
  }
  if (certain) return review(old, certain.anchor, STALE_SCORE, "anchor-was-stale");
  return fromCandidate(diff, newText, old, diff.oldUnits.slice(old.start, old.end), stale);
}

/** The new anchor when the quote's passage is certainly found again, else null. */
function certainPlacement(
  diff: SourceDiff,
  newText: string,
  old: QuoteAnchor,
): { anchor: QuoteAnchor; reason: CertainReason } | null {
  const mapped = mapRange(diff, old.start, old.end);
  if (mapped.end > mapped.start) {
    const built = createAnchor(newText, mapped.start, mapped.end);
    if (built.ok && confirms(old, built.anchor)) return { anchor: built.anchor, reason: "passage-shifted" };
  }
  const moved = movedBlock(diff, newText, old);
  return moved && confirms(old, moved) ? { anchor: moved, reason: "passage-moved" } : null;
}

/** Same words (typography aside) and the passage around them still agrees. */
function confirms(old: QuoteAnchor, candidate: QuoteAnchor): boolean {
  return typographyKey(candidate.exact) === typographyKey(old.exact) && contextAgreement(old, candidate) >= CONTEXT_CONFIRMS;
}

/**
 * A passage the diff deleted in one place and inserted in another (swapped or moved paragraphs):
 * the quote with its in-paragraph context must occur exactly once in each text, be mostly deleted on
 * the old side and mostly inserted on the new side. Returns the quote's anchor inside the moved block.
 */
function movedBlock(diff: SourceDiff, newText: string, old: QuoteAnchor): QuoteAnchor | null {
  const context = passageContext(old);
  const before = codePointLength(context.before);
  const after = codePointLength(context.after);
  const oldFrom = old.start - before;
  const oldTo = old.end + after;
  if (oldTo - oldFrom < MOVED_WINDOW_MIN) return null;
  const window = diff.oldUnits.slice(oldFrom, oldTo);
  if (!occursOnce(diff.oldUnits, window)) return null;
  const newFrom = diff.newUnits.indexOf(window);
  if (newFrom === -1 || !occursOnce(diff.newUnits, window)) return null;
  const newTo = newFrom + window.length;
  if (deletedShare(diff, oldFrom, oldTo) < MOVED_SHARE_MIN || insertedShare(diff, newFrom, newTo) < MOVED_SHARE_MIN) return null;
  const built = createAnchor(newText, newFrom + before, newTo - after);
  return built.ok ? built.anchor : null;
}

function occursOnce(haystack: string, needle: string): boolean {
  const first = haystack.indexOf(needle);
  return first !== -1 && haystack.indexOf(needle, first + 1) === -1;
}

function fromCandidate(diff: SourceDiff, newText: string, old: QuoteAnchor, pattern: string, stale: boolean): ReanchorProposal {
  const best = bestCandidate(diff, newText, old, pattern);
  if (!best || best.score < ORPHAN_BELOW) return orphaned("passage-gone");
  return review(old, best.anchor, stale ? Math.min(best.score, STALE_SCORE) : best.score, stale ? "anchor-was-stale" : best.reason);
}

function review(old: QuoteAnchor, anchor: QuoteAnchor, score: number, reason: ReviewReason): ReanchorProposal {
  return {
    status: "needs-review",
    anchor,
    score: Math.min(REVIEW_SCORE_CEILING, Math.max(0.01, score)),
    reason,
    diff: { before: old.exact, after: anchor.exact, ops: readableDiff(old.exact, anchor.exact) },
  };
}

function orphaned(reason: OrphanReason): ReanchorProposal {
  return { status: "orphaned", anchor: null, score: 0, reason };
}
