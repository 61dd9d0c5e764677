"use client";
import { useEffect, useId, useState, type FormEvent } from "react";
import { Modal } from "@/components/common/Modal";
import { Avatar } from "@/components/common/Avatar";
import { LIMITS } from "@/lib/board/constants";
import { colorForId } from "./palette";
import type { Identity } from "./useIdentity";
import styles from "./NameDialog.module.css";

/** What the dialog says: joining a facilitated board reads differently from renaming oneself. */
export interface NameDialogCopy {
  title?: string;
  hint?: string;
  saveLabel?: string;
  /** null: the dialog cannot be dismissed (a facilitated board needs a name to join). */
  dismissLabel?: string | null;
}

interface NameDialogProps {
  open: boolean;
  identity: Identity | null;
  /** The name as someone else (another user id) on this board spells it, or null when it is free. */
  takenBy(name: string): string | null;
  /** May answer later with the server's refusal, shown under the field. */
  onSave(name: string): void | Promise<string | null>;
  /** Closing without a name: "just watch" on first visit, cancel when renaming. */
  onDismiss(): void;
  /** Prefilled name when it differs from the remembered identity's (e.g. the name on this board). */
  initialName?: string;
  copy?: NameDialogCopy;
}

export function clashMessage(name: string): string {
  return `Someone here is already called ${name.trim()} — pick another name or add an initial.`;
}

/** Asks for the display name shown on arguments and in the presence strip. */
export function NameDialog({ open, identity, takenBy, onSave, onDismiss, initialName, copy = {} }: NameDialogProps) {
  const titleId = useId();
  const hintId = useId();
  const [name, setName] = useState(initialName ?? identity?.name ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setBusy(false);
    setName(initialName ?? identity?.name ?? "");
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
    const answer = onSave(trimmed);
    if (!answer) return;
    setBusy(true);
    void answer.then((refusal) => {
      setBusy(false);
      if (refusal) setError(refusal);
    });
  };
  const dismissLabel = copy.dismissLabel === undefined ? (identity ? "Cancel" : "Just watch for now") : copy.dismissLabel;

  const previewColor = identity?.color ?? colorForId(name || "parley");
  return (
    <Modal open={open} onCancel={dismissLabel === null ? undefined : onDismiss} labelledBy={titleId} describedBy={hintId} testId="name-dialog">
      <form onSubmit={submit} noValidate>
        <h2 id={titleId} className="dialog-title">
          {copy.title ?? (identity ? "Change your name" : "What should we call you?")}
        </h2>
        <p id={hintId} className="dialog-hint">
          {copy.hint ?? "Your name appears on the arguments you write and in the list of people on this board."}
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
          {dismissLabel !== null ? (
            <button type="button" className="btn btn-ghost" onClick={onDismiss}>
              {dismissLabel}
            </button>
          ) : null}
          <button type="submit" className="btn btn-primary" data-testid="name-save" disabled={busy}>
            {busy ? "One moment…" : (copy.saveLabel ?? (identity ? "Save name" : "Join the board"))}
          </button>
        </div>
      </form>
    </Modal>
  );
}
