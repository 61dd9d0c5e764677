"use client";
import styles from "./UndoButtons.module.css";
import { useUndoControls } from "./useUndo";

/** "Ctrl" or "⌘", for the tooltips: the shortcut is the same key either way. */
function modifierName(): string {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";
}

/**
 * Undo and redo of this person's own changes, with what each would take back in its tooltip and a
 * live region saying what was done. Renders nothing outside a board screen.
 */
export function UndoButtons() {
  const controls = useUndoControls();
  if (!controls) return null;
  const { undoLabel, redoLabel, undo, redo, announcement } = controls;
  const mod = modifierName();
  const undoTitle = undoLabel ? `Undo ${undoLabel} (${mod}+Z)` : "Nothing of yours to undo";
  const redoTitle = redoLabel ? `Redo ${redoLabel} (${mod}+Shift+Z)` : "Nothing to redo";
  return (
    <div className={styles.group} role="group" aria-label="Undo and redo your changes">
      <button type="button" className="btn btn-ghost btn-sm btn-icon" onClick={undo} disabled={!undoLabel} title={undoTitle} aria-label={undoTitle} data-testid="undo-button">
        <span aria-hidden="true">↶</span>
      </button>
      <button type="button" className="btn btn-ghost btn-sm btn-icon" onClick={redo} disabled={!redoLabel} title={redoTitle} aria-label={redoTitle} data-testid="redo-button">
        <span aria-hidden="true">↷</span>
      </button>
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="undo-announcement">
        {announcement ? <span key={announcement.seq}>{announcement.text}</span> : null}
      </span>
    </div>
  );
}
