import type { QuoteAnchor } from "../anchoring/anchor";
import type { Argument, Stance } from "../board/argument";
import type { CommentActivityKind } from "./comment-activity";

/** What one accepted update did to one argument (or to a comment on it: comment-activity.ts), as the activity feed tells it. */
export type ArgumentActivityKind = "added" | "edited" | "deleted" | "cited" | "uncited" | CommentActivityKind;

/** Who sent an update and when (the server's clock, not the client's). */
export interface StepInfo {
  seq: number;
  at: number;
  memberId: string | null;
}

export interface ArgumentActivity extends StepInfo {
  kind: ArgumentActivityKind;
  argumentId: string;
  /** A short excerpt of the argument's text (as it was before a deletion, after anything else). */
  summary: string;
  /** The argument's author as written on it: the only name there is for a guest on an open board. */
  authorName: string;
  positionId: string;
  parentId: string;
  stance: Stance;
  /** "cited" / "uncited": the quoted passage. */
  quote?: string;
  /** "edited": which of the argument's claims changed. */
  changes?: ("text" | "stance")[];
  /** "deleted": replies that went with it (they get no events of their own). */
  replies?: number;
  /** Comment events: an excerpt of the comment (then `authorName` is the comment's signer). */
  comment?: string;
}

/** Longest excerpt shown for an argument or a quote in the feed. */
export const EXCERPT_CHARS = 40;

/** The first words of `text` on one line, cut at a word boundary with an ellipsis when longer than `max`. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  // A break far back would leave a stub ("Tying…"), so only use one in the last third.
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The events that turn the visible arguments `before` into `after` (both keyed by id). Pure.
 * Unchanged arguments must be the same object in both maps: the replay re-reads only the records an
 * update touched, so identity is what makes this linear in practice. Changes to `updatedAt` alone
 * (a save that changed nothing a reader sees) produce no event.
 */
export function diffArguments(before: ReadonlyMap<string, Argument>, after: ReadonlyMap<string, Argument>, step: StepInfo): ArgumentActivity[] {
  const events: ArgumentActivity[] = [];
  const event = (kind: ArgumentActivityKind, arg: Argument, extra: Partial<ArgumentActivity> = {}): ArgumentActivity => ({
    ...step,
    kind,
    argumentId: arg.id,
    summary: excerpt(arg.text),
    authorName: arg.authorName,
    positionId: arg.positionId,
    parentId: arg.parentId,
    stance: arg.stance,
    ...extra,
  });
  for (const [id, arg] of after) {
    const previous = before.get(id);
    if (previous === arg) continue;
    if (!previous) {
      events.push(event("added", arg));
      for (const quote of arg.quotes) events.push(event("cited", arg, { quote: excerpt(quote.exact) }));
      continue;
    }
    const changes = [...(previous.text !== arg.text ? ["text" as const] : []), ...(previous.stance !== arg.stance ? ["stance" as const] : [])];
    if (changes.length > 0) events.push(event("edited", arg, { changes }));
    const had = new Set(previous.quotes.map(quoteKey));
    const has = new Set(arg.quotes.map(quoteKey));
    for (const quote of arg.quotes) if (!had.has(quoteKey(quote))) events.push(event("cited", arg, { quote: excerpt(quote.exact) }));
    for (const quote of previous.quotes) if (!has.has(quoteKey(quote))) events.push(event("uncited", arg, { quote: excerpt(quote.exact) }));
  }
  // Deleting a thread removes its replies too; the feed says "deleted X and its 2 replies" once.
  const removed = [...before.values()].filter((arg) => !after.has(arg.id));
  const removedIds = new Set(removed.map((arg) => arg.id));
  const roots = removed.filter((arg) => !removedIds.has(arg.parentId));
  const rootOf = (arg: Argument): string => (removedIds.has(arg.parentId) ? rootOf(before.get(arg.parentId)!) : arg.id);
  const replyCounts = new Map<string, number>();
  for (const arg of removed) {
    const root = rootOf(arg);
    if (root !== arg.id) replyCounts.set(root, (replyCounts.get(root) ?? 0) + 1);
  }
  for (const arg of roots) events.push(event("deleted", arg, replyCounts.has(arg.id) ? { replies: replyCounts.get(arg.id) } : {}));
  return events;
}

/** A quote's identity on its argument: its place in the source (an accepted anchor's text follows from it). */
function quoteKey(quote: QuoteAnchor): string {
  return `${quote.start}:${quote.end}`;
}
