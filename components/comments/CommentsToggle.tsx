"use client";
import { useComments } from "./useComments";

/**
 * The card's "Comments (n)" button. Hidden when there is nothing to read and nothing this person may
 * write (an observer on a card without comments), so read-only boards carry no dead controls.
 */
export function CommentsToggle({ argumentId, open, onToggle }: { argumentId: string; open: boolean; onToggle(): void }) {
  const comments = useComments();
  if (!comments) return null;
  const count = comments.byArgument.get(argumentId)?.length ?? 0;
  if (count === 0 && !comments.canComment) return null;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm"
      data-testid="card-comments-toggle"
      data-count={count}
      aria-expanded={open}
      aria-controls={open ? `comments-${argumentId}` : undefined}
      onClick={onToggle}
    >
      Comments ({count})
    </button>
  );
}
