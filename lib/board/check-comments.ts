import * as Y from "yjs";
import { ANONYMOUS_NAME, closedReason, currentPhase, type SessionState } from "../session/session";
import type { CommentChanges, CommentChange } from "./comment-changes";
import { CommentSchema, commentsMap, IMMUTABLE_COMMENT_FIELDS, readComment, threadError, type Comment } from "./comments";
import { argumentsMap, readArgument, recordToJSON } from "./doc";
import { expectedSignature } from "./permissions";
import type { Actor } from "./roles";

/** Why an update's comments are refused: `forbidden` (who may) or `invalid` (what was written). */
export type CommentRefusal = { code: "forbidden"; message: string } | { code: "invalid"; message: string; argumentId: string };

/**
 * The server's rules for comments, run on every update after it was applied to the trial copy
 * (check-update.ts). Returns null when the comments it touched may stand.
 */
export function checkCommentUpdate(trial: Y.Doc, changes: CommentChanges, actor: Actor | undefined, session: SessionState): CommentRefusal | null {
  if (!changes.ok) return { code: "invalid", message: changes.message, argumentId: "" };
  const list: CommentChange[] = changes.ids
    .map((id) => ({ id, before: changes.before.get(id) ?? null, after: readComment(trial, id) }))
    // Added and deleted again within one update: never on the board, so it asks for nothing.
    .filter((change) => change.before !== null || change.after !== null || commentsMap(trial).has(change.id));
  if (actor) {
    const denial = authorizeComments(actor, session, list);
    if (denial) return { code: "forbidden", message: denial };
  }
  for (const { id } of list) {
    const problem = commentRecordError(trial, id, changes.before.get(id) ?? null);
    if (problem) return { code: "invalid", message: problem, argumentId: readComment(trial, id)?.argumentId ?? id };
  }
  return null;
}

/**
 * Who may comment. The same rules as arguments (lib/board/permissions.ts), with one decision of our own:
 * comments are conversation, allowed in every phase in which the board is open for discussion
 * (anything, drafting, openings, rebuttals) and refused while voting or closed, when the board holds still.
 * A comment is signed speech: only its author (or anyone, when co-editing is on) may reword it;
 * facilitators moderate by deleting.
 */
export function authorizeComments(actor: Actor, session: SessionState, changes: CommentChange[]): string | null {
  if (changes.length === 0) return null;
  if (actor.role === "observer") return "Observers can follow the board but not comment.";
  const facilitator = actor.role === "facilitator";
  if (!facilitator) {
    const closed = closedReason(session);
    if (closed) return closed;
    if (session.settings.locked) return "The facilitator has locked the board.";
    const phase = currentPhase(session);
    if (phase && (phase.rule === "voting" || phase.rule === "closed")) return `During ${phase.name}, comments cannot be added or changed.`;
  }
  for (const { before, after } of changes) {
    if (before === null) {
      if (!after) continue;
      if (actor.memberId !== null && after.authorId !== actor.memberId) return "A new comment must carry your own name.";
      if (session.settings.anonymous && !facilitator && after.authorName !== ANONYMOUS_NAME) return `This board is anonymous: comments are posted as "${ANONYMOUS_NAME}".`;
      const signature = expectedSignature(actor, session);
      if (signature !== null && after.authorName !== signature) return `Sign your comments as "${signature}".`;
      continue;
    }
    const own = actor.memberId !== null && before.authorId === actor.memberId;
    if (own || session.settings.coEditing) continue;
    if (after === null && facilitator) continue;
    return `Only ${before.authorName}${after === null ? " or a facilitator" : ""} can ${after === null ? "delete" : "change"} this comment.`;
  }
  return null;
}

/**
 * What is wrong with the comment stored under `id` in `trial`, or null. A deletion is always well formed.
 * `previous` is the comment before the update (null: new).
 */
export function commentRecordError(trial: Y.Doc, id: string, previous: Comment | null): string | null {
  const value = commentsMap(trial).get(id);
  if (value === undefined) return null;
  if (!(value instanceof Y.Map)) return "A comment must be a record.";
  for (const field of value.values()) if (field instanceof Y.AbstractType) return "A comment's fields are plain values.";
  const parsed = CommentSchema.safeParse(recordToJSON(value));
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "The comment is not valid.";
  const comment = parsed.data;
  if (comment.id !== id) return "A comment's id must match its key.";
  if (previous) {
    for (const field of IMMUTABLE_COMMENT_FIELDS) if (previous[field] !== comment[field]) return `A comment's ${field} cannot change.`;
    return comment.updatedAt >= previous.updatedAt ? null : "A comment's updatedAt cannot go back.";
  }
  // Written while someone deleted the argument (or the top comment): accepted as an invisible orphan,
  // because refusing it would strand the writer's later edits, which build on it.
  const argumentDeleted = argumentsMap(trial)._map.get(comment.argumentId)?.deleted === true;
  if (!readArgument(trial, comment.argumentId) && !argumentDeleted) return "The argument this comments on does not exist.";
  if (comment.replyTo !== null && commentsMap(trial)._map.get(comment.replyTo)?.deleted === true && !commentsMap(trial).has(comment.replyTo)) return null;
  return threadError(comment, (other) => readComment(trial, other));
}
