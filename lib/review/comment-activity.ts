import type { Argument } from "../board/argument";
import type { Comment } from "../board/comments";
import { excerpt, type ArgumentActivity, type StepInfo } from "./diff";

/** Feed kinds for comments; each names the argument the comment is on (its id, excerpt and place). */
export const COMMENT_ACTIVITY_KINDS = ["commented", "replied", "comment-edited", "comment-deleted"] as const;
export type CommentActivityKind = (typeof COMMENT_ACTIVITY_KINDS)[number];

/**
 * The feed entry for what one update did to one comment, or null when a reader would see no change
 * (only `updatedAt` moved) or the comment's argument was never on the board (an orphan). Pure.
 * The entry's `authorName` is the comment's signer and `comment` an excerpt of its text.
 */
export function diffComment(before: Comment | null, after: Comment | null, argument: Argument | undefined, step: StepInfo): ArgumentActivity | null {
  const comment = after ?? before;
  if (!comment || !argument) return null;
  const kind: CommentActivityKind | null =
    before === null ? (comment.replyTo === null ? "commented" : "replied") : after === null ? "comment-deleted" : before.text !== after.text ? "comment-edited" : null;
  if (!kind) return null;
  return {
    ...step,
    kind,
    argumentId: argument.id,
    summary: excerpt(argument.text),
    authorName: comment.authorName,
    positionId: argument.positionId,
    parentId: argument.parentId,
    stance: argument.stance,
    comment: excerpt(comment.text),
  };
}
