import type { Settings } from "../session/session";
import type { Argument } from "./argument";
import type { ArgumentChange } from "./permissions";

/**
 * "Every argument must cite the article": with the board's mustCite setting on, an argument reaches
 * the board only with at least one quote of the source. It binds everyone, facilitators too (the
 * rule says *every* argument), and replies as much as top-level arguments: a rebuttal that points at
 * the text is the habit the setting teaches. What has no quote yet stays its author's personal draft.
 *
 * Only what an update *does* is judged: a new argument without a quote, or an edit that takes away
 * its last quote. An argument already on the board without one (posted before the setting was
 * switched on) may still be edited or deleted.
 */

export const MUST_CITE_MESSAGE = "This board asks every argument to cite the source: add a quote, or save it as a draft only you see.";

/** Whether the board's setting is on (absent on older boards: off). */
export function mustCiteOn(settings: Pick<Settings, "mustCite">): boolean {
  return settings.mustCite === true;
}

/** Whether an argument carries at least one quote. */
export function hasQuote(argument: Pick<Argument, "quotes">): boolean {
  return argument.quotes.length > 0;
}

/** The first change that breaks the rule, with the reason to show, or null when every change keeps it. */
export function citeRefusal(settings: Pick<Settings, "mustCite">, changes: readonly ArgumentChange[]): { argumentId: string; message: string } | null {
  if (!mustCiteOn(settings)) return null;
  for (const { id, before, after } of changes) {
    if (!after || hasQuote(after)) continue;
    const losesLastQuote = before !== null && hasQuote(before);
    if (before === null || losesLastQuote) return { argumentId: id, message: MUST_CITE_MESSAGE };
  }
  return null;
}
