"use client";
import type { PendingCite } from "./useCiteSelection";
import styles from "./ArticlePane.module.css";

interface CiteButtonProps {
  pending: PendingCite;
  /** True when an argument is already being written: the quote is added to it. */
  addsToDraft: boolean;
  onCite(): void;
}

/** The button's visible text, which its accessible name starts with (WCAG 2.5.3, label in name). */
const citeText = (count: number) => (count > 1 ? `Cite ${count} quotes` : "Cite");

/** What the Cite button says to a screen reader: how many passages, and where they go. */
export function citeLabel(count: number, addsToDraft: boolean): string {
  if (count > 1) return `${citeText(count)}, one per selected paragraph, ${addsToDraft ? "added to your argument" : "in a new argument"}`;
  return addsToDraft ? "Cite: add the selected passage to your argument" : "Cite the selected passage in a new argument";
}

/**
 * Floats under a selection in the article. A selection that cannot be quoted says why instead; one
 * across a paragraph break is cited as one quote per paragraph, and the button says how many.
 */
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
      aria-label={citeLabel(pending.result.anchors.length, addsToDraft)}
      // Keep the selection alive: a mousedown on a button would otherwise collapse it first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onCite}
    >
      <span aria-hidden="true" className={styles.citeGlyph}>
        “
      </span>
      {citeText(pending.result.anchors.length)}
    </button>
  );
}
