"use client";
import { useEffect } from "react";
import styles from "./BoardScreen.module.css";

/** Long enough to read aloud to a class; it can always be closed sooner. */
const VISIBLE_MS = 12_000;
/** A refusal that names the argument and the reason runs long: give it reading time (about 12 characters a second). */
const MS_PER_CHARACTER = 80;

/** A dismissible notice for errors that do not belong to any one field (server refusals, lost edits). */
export function ErrorToast({ message, onDismiss }: { message: string; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, Math.max(VISIBLE_MS, message.length * MS_PER_CHARACTER));
    return () => clearTimeout(timer);
  }, [message, onDismiss]);

  return (
    <div className={styles.toast} role="alert" data-testid="error-toast">
      <span className={styles.toastIcon} aria-hidden="true">
        !
      </span>
      <p className={styles.toastText}>{message}</p>
      <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={onDismiss} aria-label="Dismiss this message">
        ×
      </button>
    </div>
  );
}
