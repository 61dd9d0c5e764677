"use client";
import { useEffect, useId, useState, type FormEvent } from "react";
import { Modal } from "@/components/common/Modal";
import { Avatar } from "@/components/common/Avatar";
import { LIMITS } from "@/lib/board/constants";
import { colorForId } from "./palette";
import type { Identity } from "./useIdentity";
import styles from "./NameDialog.module.css";

interface NameDialogProps {
  open: boolean;
  identity: Identity | null;
  /** The name as someone else (another user id) on this board spells it, or null when it is free. */
  takenBy(name: string): string | null;
  onSave(name: string): void;
  /** Closing without a name: "just watch" on first visit, cancel when renaming. */
  onDismiss(): void;
}

export function clashMessage(name: string): string {
  return `Someone here is already called ${name.trim()} — pick another name or add an initial.`;
}

/** Asks for the display name shown on arguments and in the presence strip. */
export function NameDialog({ open, identity, takenBy, onSave, onDismiss }: NameDialogProps) {
  const titleId = useId();
  const hintId = useId();
  const [name, setName] = useState(identity?.name ?? "");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setName(identity?.name ?? "");
    // Opening because the stored name clashes: say so straight away.
    const clash = identity ? takenBy(identity.name) : null;
    setError(clash ? clashMessage(clash) : null);
  }, [open]); // only when the dialog opens, not on every keystroke-driven re-render

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError("Please type a name — it is shown next to your arguments.");
    if (trimmed.length > LIMITS.authorNameMaxChars) return setError(`Keep it under ${LIMITS.authorNameMaxChars} characters.`);
    const clash = takenBy(trimmed);
    if (clash) return setError(clashMessage(clash));
    onSave(trimmed);
  };

  const previewColor = identity?.color ?? colorForId(name || "parley");
  return (
    <Modal open={open} onCancel={onDismiss} labelledBy={titleId} describedBy={hintId} testId="name-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {identity ? "Change your name" : "What should we call you?"}
        </h2>
        <p id={hintId} className="dialog-hint">
          Your name appears on the arguments you write and in the list of people on this board.
        </p>
        <div className={styles.row}>
          <Avatar name={name || "?"} color={previewColor} />
          <input
            className="input"
            data-testid="name-input"
            aria-label="Display name"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${hintId}-error` : undefined}
            autoFocus
            autoComplete="nickname"
            maxLength={LIMITS.authorNameMaxChars}
            placeholder="e.g. Amira K."
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        </div>
        {error ? (
          <p id={`${hintId}-error`} className="error-text" role="alert" data-testid="name-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onDismiss}>
            {identity ? "Cancel" : "Just watch for now"}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="name-save">
            {identity ? "Save name" : "Join the board"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
