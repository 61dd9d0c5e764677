"use client";
import type { PendingCite } from "./useCiteSelection";
import styles from "./ArticlePane.module.css";

interface CiteButtonProps {
  pending: PendingCite;
  /** True when an argument is already being written: the quote is added to it. */
  addsToDraft: boolean;
  onCite(): void;
}

/** Floats under a selection in the article. A selection that cannot be quoted says why instead. */
export function CiteButton({ pending, addsToDraft, onCite }: CiteButtonProps) {
  const position = { left: pending.x, top: pending.y };
  if (!pending.result.ok) {
    return (
      <div className={styles.citeRefusal} style={position} role="status">
        {pending.result.message}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={`btn btn-primary btn-sm ${styles.citeButton}`}
      style={position}
      data-testid="cite-button"
      aria-label={addsToDraft ? "Cite: add the selected passage to your argument" : "Cite the selected passage in a new argument"}
      // Keep the selection alive: a mousedown on a button would otherwise collapse it first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onCite}
    >
      <span aria-hidden="true" className={styles.citeGlyph}>
        “
      </span>
      Cite
    </button>
  );
}
