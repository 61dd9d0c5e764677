"use client";
import { useState, type ReactNode } from "react";
import type { Comment } from "@/lib/board/comments";
import { ANONYMOUS_NAME } from "@/lib/session/session";
import { Avatar } from "@/components/common/Avatar";
import { absoluteTime, relativeTime } from "@/components/common/time";
import { colorForId } from "@/components/identity/palette";
import { InlineError } from "@/components/common/InlineError";
import { CommentComposer } from "./CommentComposer";
import type { CommentsUi } from "./useComments";
import styles from "./Comments.module.css";

interface CommentItemProps {
  comment: Comment;
  comments: CommentsUi;
  now: number;
  /** Shown after the comment's own buttons: the Reply button of a top comment. */
  actions?: ReactNode;
  /** The replies and the reply composer, for a top comment. */
  children?: ReactNode;
}

/** One comment: author, time (relative, absolute on hover), text, and Edit / Delete for those who may. */
export function CommentItem({ comment, comments, now, actions, children }: CommentItemProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = comments.nameOf(comment);
  const edited = comment.updatedAt - comment.createdAt > 1000;
  const remove = () => {
    if (!confirming) return setConfirming(true);
    setError(comments.remove(comment.id));
    setConfirming(false);
  };
  return (
    <li className={styles.item} data-testid="comment" data-comment-id={comment.id} data-reply={comment.replyTo !== null || undefined}>
      <div className={styles.meta}>
        <Avatar name={name} color={name === ANONYMOUS_NAME ? "#5f6878" : colorForId(comment.authorId)} size="sm" />
        <span className={styles.author} data-testid="comment-author">
          {name}
        </span>
        <span aria-hidden="true">·</span>
        <time dateTime={new Date(comment.createdAt).toISOString()} title={now ? absoluteTime(comment.createdAt) : undefined}>
          {now ? relativeTime(comment.createdAt, now) : ""}
        </time>
        {edited ? <span className={styles.edited}>· edited</span> : null}
      </div>
      {editing ? (
        <CommentComposer
          label="Edit your comment"
          submitLabel="Save"
          initialText={comment.text}
          autoFocus
          onSubmit={(text) => {
            const problem = comments.edit(comment.id, text);
            if (!problem) setEditing(false);
            return problem;
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className={styles.text} data-testid="comment-body">
          {comment.text}
        </p>
      )}
      {!editing ? (
        <div className={styles.actions}>
          {actions}
          {comments.canEdit(comment) ? (
            <button type="button" className="btn btn-ghost btn-sm" data-testid="comment-edit" aria-label={`Edit ${name}'s comment`} onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {comments.canDelete(comment) ? (
            <button
              type="button"
              className="btn btn-ghost btn-sm btn-danger-text"
              data-testid="comment-delete"
              aria-label={confirming ? `Confirm delete of ${name}'s comment` : `Delete ${name}'s comment`}
              onClick={remove}
              onBlur={() => setConfirming(false)}
            >
              {confirming ? "Confirm delete" : "Delete"}
            </button>
          ) : null}
        </div>
      ) : null}
      <InlineError message={error} />
      {children}
    </li>
  );
}
