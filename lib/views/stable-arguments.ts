import type { Argument } from "../board/argument";

/** Same content: every field, quotes compared by value. */
function sameArgument(a: Argument, b: Argument): boolean {
  if (a.updatedAt !== b.updatedAt || a.text !== b.text || a.stance !== b.stance || a.authorName !== b.authorName) return false;
  if (a.parentId !== b.parentId || a.positionId !== b.positionId || a.authorId !== b.authorId || a.createdAt !== b.createdAt) return false;
  if (a.quotes.length !== b.quotes.length) return false;
  return a.quotes.every((q, i) => {
    const r = b.quotes[i]!;
    return q.start === r.start && q.end === r.end && q.exact === r.exact && q.prefix === r.prefix && q.suffix === r.suffix;
  });
}

/**
 * `next` with every argument whose content did not change replaced by the object from `previous`.
 * The board is re-read from the document on every update, which makes every argument a new object;
 * keeping the old ones lets memoised cards skip the ones that did not change.
 */
export function reuseUnchanged(previous: ReadonlyMap<string, Argument>, next: readonly Argument[]): Argument[] {
  return next.map((arg) => {
    const old = previous.get(arg.id);
    return old && sameArgument(old, arg) ? old : arg;
  });
}
