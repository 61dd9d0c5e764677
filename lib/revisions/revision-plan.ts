import { z } from "zod";
import type { QuoteAnchor } from "../anchoring/anchor";
import { planReanchoring, type ReanchorProposal } from "../anchoring/reanchor";
import type { DiffOp } from "../anchoring/similarity";
import type { Argument } from "../board/argument";
import { LIMITS } from "../board/constants";
import { wordDiff } from "./word-diff";

/**
 * The plan of a source revision, quote by quote: what re-anchoring proposes for every quote of every
 * argument when the board's source is replaced. Pure; nothing is applied here (see ./revision-decisions).
 */

export type QuoteStatus = ReanchorProposal["status"];

/** One quote of one argument, as the review screen shows it. */
export interface QuotePlan {
  argumentId: string;
  /** The argument's text, so the reviewer knows what the quote supports. */
  argumentText: string;
  /** Position of the quote in its argument's `quotes`. */
  quoteIndex: number;
  status: QuoteStatus;
  /** 1 for certain placements, 0 for orphans, in between for a proposal a person must judge. */
  score: number;
  reason: ReanchorProposal["reason"];
  /** The quote on the current text (its prefix and suffix are the context shown around it). */
  before: QuoteAnchor;
  /** The proposed quote on the new text; null for an orphan (nothing worth proposing). */
  after: QuoteAnchor | null;
  /** Word diff from before.exact to after.exact ([] for an orphan). */
  diff: DiffOp[];
}

export interface RevisionPlan {
  quotes: QuotePlan[];
  counts: Record<QuoteStatus, number>;
}

/** The corrected text a facilitator sends: same bounds as a new board's source. */
export const RevisionTextSchema = z
  .string({ error: "Send the corrected source as `text`." })
  .refine((text) => text.trim() !== "", "The corrected source is empty.")
  .refine((text) => text.length <= LIMITS.sourceMaxChars, `A source can be at most ${LIMITS.sourceMaxChars.toLocaleString("en")} characters.`);

/** What a plan is made from: the current source, the corrected one and every argument on the board (plain data, so it can cross to a worker thread). */
export interface RevisionPlanInput {
  oldText: string;
  newText: string;
  args: readonly Argument[];
}

/** Plans every quote of `args` from `oldText` to `newText`, in argument order then quote order. */
export function planSourceRevision(oldText: string, newText: string, args: readonly Argument[]): RevisionPlan {
  const refs = args.flatMap((arg) => arg.quotes.map((quote, quoteIndex) => ({ argumentId: arg.id, argumentText: arg.text, quoteIndex, quote })));
  const proposals = planReanchoring(oldText, newText, refs.map((ref) => ref.quote));
  const quotes = refs.map((ref, i): QuotePlan => {
    const proposal = proposals[i];
    return {
      argumentId: ref.argumentId,
      argumentText: ref.argumentText,
      quoteIndex: ref.quoteIndex,
      status: proposal.status,
      score: proposal.score,
      reason: proposal.reason,
      before: ref.quote,
      after: proposal.anchor,
      diff: proposal.anchor ? wordDiff(ref.quote.exact, proposal.anchor.exact) : [],
    };
  });
  const counts: Record<QuoteStatus, number> = { unchanged: 0, moved: 0, "needs-review": 0, orphaned: 0 };
  for (const quote of quotes) counts[quote.status]++;
  return { quotes, counts };
}

/** True when applying the plan needs a person's decision on this quote. */
export function needsDecision(quote: Pick<QuotePlan, "status">): boolean {
  return quote.status === "needs-review" || quote.status === "orphaned";
}
