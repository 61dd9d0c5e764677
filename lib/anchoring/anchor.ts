import { z } from "zod";
import { LIMITS } from "../board/constants";
import { codePointLength, codePointToUtf16, foldForMatching, sliceCodePoints, utf16ToCodePoint } from "./text";

/** Characters of context kept on each side of a quote, so a stale offset can be re-found. */
export const ANCHOR_CONTEXT_LENGTH = 32;

/**
 * A quote anchored to the board's source text (the W3C TextQuoteSelector + TextPositionSelector pair).
 * Invariant once accepted: `exact` equals the source's code points `[start, end)`, character for character.
 */
export const QuoteAnchorSchema = z
  .object({
    exact: z.string().min(1, "A quote cannot be empty.").max(LIMITS.quoteMaxChars, `A quote can be at most ${LIMITS.quoteMaxChars} characters.`),
    prefix: z.string().max(ANCHOR_CONTEXT_LENGTH * 2),
    suffix: z.string().max(ANCHOR_CONTEXT_LENGTH * 2),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
  })
  .refine((a) => a.end > a.start, { message: "A quote must end after it starts." });
export type QuoteAnchor = z.infer<typeof QuoteAnchorSchema>;

export type AnchorRejection =
  | "quote-empty"
  | "quote-too-long"
  | "quote-not-found"
  | "quote-ambiguous"
  | "offsets-out-of-range";

export const ANCHOR_REJECTION_MESSAGES: Record<AnchorRejection, string> = {
  "quote-empty": "A quote cannot be empty.",
  "quote-too-long": `A quote can be at most ${LIMITS.quoteMaxChars} characters.`,
  "quote-not-found": "That quote does not appear in the source text.",
  "quote-ambiguous": "That quote appears more than once in the source and its context does not say which.",
  "offsets-out-of-range": "The quote's position lies outside the source text.",
};

export type AnchorResult =
  | { ok: true; anchor: QuoteAnchor; reanchored: boolean }
  | { ok: false; reason: AnchorRejection; message: string };

function reject(reason: AnchorRejection): AnchorResult {
  return { ok: false, reason, message: ANCHOR_REJECTION_MESSAGES[reason] };
}

/**
 * Builds an anchor for the code-point range `[start, end)` of `source`.
 * The quote is taken from the source itself, so it is exact by construction.
 */
export function createAnchor(source: string, start: number, end: number): AnchorResult {
  const total = codePointLength(source);
  if (start < 0 || end > total || end <= start) return reject(end === start ? "quote-empty" : "offsets-out-of-range");
  const exact = sliceCodePoints(source, start, end);
  if (exact.trim() === "") return reject("quote-empty");
  if (exact.length > LIMITS.quoteMaxChars) return reject("quote-too-long");
  return {
    ok: true,
    reanchored: false,
    anchor: {
      exact,
      prefix: sliceCodePoints(source, Math.max(0, start - ANCHOR_CONTEXT_LENGTH), start),
      suffix: sliceCodePoints(source, end, Math.min(total, end + ANCHOR_CONTEXT_LENGTH)),
      start,
      end,
    },
  };
}

/**
 * Accepts an anchor only if its `exact` text sits in `source` at `[start, end)` (no-break spaces and
 * plain spaces count as equal). The returned anchor carries the source's own characters and context.
 * Use on the server, where a stale offset must be refused rather than guessed.
 */
export function verifyAnchor(source: string, anchor: QuoteAnchor): AnchorResult {
  const shape = basicShape(anchor);
  if (shape) return reject(shape);
  const total = codePointLength(source);
  if (anchor.end > total) return reject("offsets-out-of-range");
  const found = sliceCodePoints(source, anchor.start, anchor.end);
  if (foldForMatching(found) !== foldForMatching(anchor.exact)) return reject("quote-not-found");
  return createAnchor(source, anchor.start, anchor.end);
}

/**
 * Like {@link verifyAnchor}, but when the offsets are stale it re-finds the quote: the only occurrence
 * of `exact`, or else the occurrence whose surrounding text best matches `prefix`/`suffix`.
 * Rejects with a reason when the quote is absent or no occurrence is better than the others.
 */
export function resolveAnchor(source: string, anchor: QuoteAnchor): AnchorResult {
  const direct = verifyAnchor(source, anchor);
  if (direct.ok) return direct;
  const shape = basicShape(anchor);
  if (shape) return reject(shape);

  const haystack = foldForMatching(source);
  const needle = foldForMatching(anchor.exact);
  const candidates: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) candidates.push(at);
  if (candidates.length === 0) return reject("quote-not-found");

  const scored = candidates
    .map((at) => ({ at, score: contextScore(haystack, at, needle.length, anchor) }))
    .sort((a, b) => b.score - a.score);
  if (scored.length > 1 && scored[0].score === scored[1].score) return reject("quote-ambiguous");

  const startUnits = scored[0].at;
  const start = utf16ToCodePoint(source, startUnits);
  const end = start + codePointLength(source.slice(startUnits, startUnits + needle.length));
  const rebuilt = createAnchor(source, start, end);
  return rebuilt.ok ? { ...rebuilt, reanchored: true } : rebuilt;
}

function basicShape(anchor: QuoteAnchor): AnchorRejection | null {
  if (anchor.exact.trim() === "") return "quote-empty";
  if (anchor.exact.length > LIMITS.quoteMaxChars) return "quote-too-long";
  if (anchor.start < 0 || anchor.end <= anchor.start) return "offsets-out-of-range";
  return null;
}

/** How many characters of prefix (read backwards) and suffix (forwards) agree around a candidate. */
function contextScore(haystack: string, at: number, length: number, anchor: QuoteAnchor): number {
  const prefix = foldForMatching(anchor.prefix);
  const suffix = foldForMatching(anchor.suffix);
  let score = 0;
  for (let i = 1; i <= prefix.length && at - i >= 0; i++) {
    if (haystack[at - i] !== prefix[prefix.length - i]) break;
    score++;
  }
  for (let i = 0; i < suffix.length && at + length + i < haystack.length; i++) {
    if (haystack[at + length + i] !== suffix[i]) break;
    score++;
  }
  return score;
}

/** UTF-16 range of an accepted anchor, for slicing and DOM work in the browser. */
export function anchorToUtf16Range(source: string, anchor: Pick<QuoteAnchor, "start" | "end">): [number, number] {
  return [codePointToUtf16(source, anchor.start), codePointToUtf16(source, anchor.end)];
}
