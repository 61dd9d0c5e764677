"use client";
import { useId } from "react";
import type { Argument } from "@/lib/board/argument";
import { Modal } from "@/components/common/Modal";

interface ConfirmDeleteProps {
  argument: Argument | null;
  /** Replies below the argument, which go with it. */
  replyCount: number;
  onConfirm(): void;
  onCancel(): void;
}

const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 117).trimEnd()}…` : text);

/** Deleting removes a whole thread for everyone, so it says exactly how much will go. */
export function ConfirmDelete({ argument, replyCount, onConfirm, onCancel }: ConfirmDeleteProps) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <Modal open={argument !== null} onCancel={onCancel} labelledBy={titleId} describedBy={bodyId} role="alertdialog" testId="delete-dialog">
      <h2 id={titleId} className="dialog-title">
        Delete this argument?
      </h2>
      <div id={bodyId}>
        {argument ? <blockquote className="quote-excerpt">{excerpt(argument.text)}</blockquote> : null}
        <p className="dialog-hint">
          {replyCount === 0
            ? "It will be removed for everyone on the board."
            : `Its ${replyCount} ${replyCount === 1 ? "reply" : "replies"} will also be deleted, for everyone on the board.`}
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel} autoFocus data-testid="delete-cancel">
          Keep it
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} data-testid="delete-confirm">
          {replyCount === 0 ? "Delete" : `Delete ${replyCount + 1} arguments`}
        </button>
      </div>
    </Modal>
  );
}
