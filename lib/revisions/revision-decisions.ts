import { z } from "zod";
import { createAnchor, type QuoteAnchor } from "../anchoring/anchor";
import type { ModelResult } from "../board/validate";
import { needsDecision, type QuotePlan } from "./revision-plan";

const QuoteRef = { argumentId: z.string().min(1).max(64), quoteIndex: z.number().int().nonnegative().max(64) };

/**
 * What the facilitator decided about one quote: keep the proposal (`accept`), take the quote off its
 * argument (`reject`: it is recorded as retired, never silently dropped), or anchor it to a passage of
 * the new text they selected (`reselect`, code points [start, end)).
 */
export const QuoteDecisionSchema = z.discriminatedUnion("action", [
  z.object({ ...QuoteRef, action: z.literal("accept") }).strict(),
  z.object({ ...QuoteRef, action: z.literal("reject") }).strict(),
  z.object({ ...QuoteRef, action: z.literal("reselect"), start: z.number().int().nonnegative(), end: z.number().int().positive() }).strict(),
]);
export type QuoteDecision = z.infer<typeof QuoteDecisionSchema>;

/** A quote taken off its argument by a revision, kept so nothing is lost silently. */
export interface RetiredQuote {
  argumentId: string;
  quote: QuoteAnchor;
}

export interface RevisionOutcome {
  /** The new `quotes` of every argument whose quotes change, by argument id. */
  quotes: Map<string, QuoteAnchor[]>;
  retired: RetiredQuote[];
}

const key = (argumentId: string, quoteIndex: number) => `${argumentId}#${quoteIndex}`;

/**
 * Turns a plan and the facilitator's decisions into the quotes each argument will carry on `newText`.
 * Certain placements (unchanged, moved) apply without a decision; every needs-review and orphaned quote
 * must have one. A re-selected passage is checked against the new text. Pure.
 */
export function resolveRevision(newText: string, plan: readonly QuotePlan[], decisions: readonly QuoteDecision[]): ModelResult<RevisionOutcome> {
  const byKey = new Map<string, QuoteDecision>();
  const planned = new Set(plan.map((quote) => key(quote.argumentId, quote.quoteIndex)));
  for (const decision of decisions) {
    const at = key(decision.argumentId, decision.quoteIndex);
    if (!planned.has(at)) return fail(`There is no quote ${decision.quoteIndex + 1} on argument "${decision.argumentId}" to decide about.`);
    if (byKey.has(at)) return fail(`Quote ${decision.quoteIndex + 1} of argument "${decision.argumentId}" has two decisions.`);
    byKey.set(at, decision);
  }

  const quotes = new Map<string, QuoteAnchor[]>();
  const retired: RetiredQuote[] = [];
  const changed = new Set<string>();
  for (const quote of plan) {
    const decision = byKey.get(key(quote.argumentId, quote.quoteIndex));
    const where = `quote ${quote.quoteIndex + 1} of argument "${quote.argumentId}"`;
    let next: QuoteAnchor | null;
    if (!decision) {
      if (needsDecision(quote) || !quote.after) return fail(`Decide about ${where} (${quote.status}) before applying.`);
      next = quote.after;
    } else if (decision.action === "accept") {
      if (!quote.after) return fail(`${capital(where)} has no proposal to accept: reject it or select a passage for it.`);
      next = quote.after;
    } else if (decision.action === "reject") {
      next = null;
    } else {
      const built = createAnchor(newText, decision.start, decision.end);
      if (!built.ok) return fail(`The passage selected for ${where}: ${built.message}`);
      next = built.anchor;
    }
    const list = quotes.get(quote.argumentId) ?? [];
    quotes.set(quote.argumentId, list);
    if (next) list.push(next);
    else retired.push({ argumentId: quote.argumentId, quote: quote.before });
    if (!next || !sameAnchor(next, quote.before)) changed.add(quote.argumentId);
  }
  for (const argumentId of [...quotes.keys()]) if (!changed.has(argumentId)) quotes.delete(argumentId);
  return { ok: true, value: { quotes, retired } };
}

function sameAnchor(a: QuoteAnchor, b: QuoteAnchor): boolean {
  return a.start === b.start && a.end === b.end && a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fail(message: string): ModelResult<never> {
  return { ok: false, error: { code: "invalid-argument", message } };
}
