"use client";
import { useId, useState, type KeyboardEvent } from "react";
import { LIMITS } from "@/lib/board/constants";
import { InlineError } from "@/components/common/InlineError";
import styles from "./Comments.module.css";

interface CommentComposerProps {
  /** The field's visible label, e.g. "Add a comment" or "Reply to Ayesha". */
  label: string;
  submitLabel: string;
  initialText?: string;
  autoFocus?: boolean;
  /** Saves the text; returns why it was not saved, or null (then the composer clears). */
  onSubmit(text: string): string | null;
  onCancel?(): void;
}

/** A small form for a comment, a reply or an edit. Ctrl+Enter (⌘+Enter) sends, Escape cancels. */
export function CommentComposer({ label, submitLabel, initialText = "", autoFocus = false, onSubmit, onCancel }: CommentComposerProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const problem = onSubmit(text);
    setError(problem);
    if (!problem) setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };
  const over = text.length > LIMITS.commentMaxChars;
  return (
    <form
      className={styles.composer}
      data-testid="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      <textarea
        id={id}
        className={styles.field}
        data-testid="comment-text"
        rows={2}
        value={text}
        autoFocus={autoFocus}
        aria-describedby={`${id}-hint`}
        aria-invalid={over || undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className={styles.composerRow}>
        <span id={`${id}-hint`} className={styles.hint} data-over={over || undefined}>
          {over ? `${text.length}/${LIMITS.commentMaxChars} characters` : "Ctrl+Enter to send"}
        </span>
        {onCancel ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary btn-sm" data-testid="comment-submit" disabled={!text.trim() || over}>
          {submitLabel}
        </button>
      </div>
      <InlineError message={error} />
    </form>
  );
}
