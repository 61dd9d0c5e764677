"use client";
import { useState } from "react";
import type { Comment } from "@/lib/board/comments";
import { CommentComposer } from "./CommentComposer";
import { CommentItem } from "./CommentItem";
import { useComments } from "./useComments";
import styles from "./Comments.module.css";

/**
 * An argument's comments, under its card: top comments oldest first, each with its replies (one level)
 * and a Reply button, then a composer for a new comment. Observers read but get no composer.
 */
export function CommentThread({ argumentId, author, now }: { argumentId: string; author: string; now: number }) {
  const comments = useComments();
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  if (!comments) return null;
  const all = comments.byArgument.get(argumentId) ?? [];
  const tops = all.filter((c) => c.replyTo === null);
  const repliesTo = (id: string): Comment[] => all.filter((c) => c.replyTo === id);
  return (
    <section id={`comments-${argumentId}`} className={styles.thread} aria-label={`Comments on ${author}'s argument`} data-testid="comment-thread">
      {tops.length === 0 ? <p className={styles.empty}>No comments yet.</p> : null}
      <ol className={styles.list}>
        {tops.map((top) => {
          const replies = repliesTo(top.id);
          return (
            <CommentItem
              key={top.id}
              comment={top}
              comments={comments}
              now={now}
              actions={
                comments.canComment ? (
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    data-testid="comment-reply"
                    aria-expanded={replyingTo === top.id}
                    aria-label={`Reply to ${comments.nameOf(top)}'s comment`}
                    onClick={() => setReplyingTo((id) => (id === top.id ? null : top.id))}
                  >
                    Reply
                  </button>
                ) : null
              }
            >
              {replies.length > 0 ? (
                <ol className={styles.replies} aria-label={`Replies to ${comments.nameOf(top)}`}>
                  {replies.map((reply) => (
                    <CommentItem key={reply.id} comment={reply} comments={comments} now={now} />
                  ))}
                </ol>
              ) : null}
              {replyingTo === top.id && comments.canComment ? (
                <CommentComposer
                  label={`Your reply to ${comments.nameOf(top)}`}
                  submitLabel="Reply"
                  autoFocus
                  onSubmit={(text) => {
                    const problem = comments.add(argumentId, top.id, text);
                    if (!problem) setReplyingTo(null);
                    return problem;
                  }}
                  onCancel={() => setReplyingTo(null)}
                />
              ) : null}
            </CommentItem>
          );
        })}
      </ol>
      {comments.canComment ? <CommentComposer label="Add a comment" submitLabel="Comment" onSubmit={(text) => comments.add(argumentId, null, text)} /> : null}
    </section>
  );
}
