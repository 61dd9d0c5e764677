"use client";
import { useId, useRef, useState } from "react";
import { createAnchor } from "@/lib/anchoring/anchor";
import { utf16ToCodePoint } from "@/lib/anchoring/text";
import styles from "./SourceRevision.module.css";

export interface PickedPassage {
  start: number;
  end: number;
  exact: string;
}

/**
 * The corrected text, read-only, in which the facilitator selects a passage with the mouse or the
 * keyboard (Shift + arrows) for the quote being re-anchored. Offsets are sent as code points, like
 * every anchor; the server checks the passage again.
 */
export function PassagePicker({ text, label, onPick, onCancel }: { text: string; label: string; onPick(passage: PickedPassage): void; onCancel(): void }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const use = () => {
    const element = area.current;
    if (!element) return;
    const start = utf16ToCodePoint(text, element.selectionStart);
    const end = utf16ToCodePoint(text, element.selectionEnd);
    const built = createAnchor(text, start, end);
    if (!built.ok) return setError(end === start ? "Select the passage first." : built.message);
    setError(null);
    onPick({ start, end, exact: built.anchor.exact });
  };
  return (
    <div className={styles.picker} data-testid="passage-picker">
      <label className={styles.label}>
        {label}
        <textarea ref={area} className={styles.preview} readOnly value={text} rows={10} aria-describedby={hintId} data-testid="passage-preview" />
      </label>
      <p id={hintId} className={styles.hint}>
        Select the words with the mouse, or with Shift and the arrow keys, then choose “Use the selected passage”.
      </p>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <div className={styles.row}>
        <button type="button" className="btn btn-sm btn-primary" onClick={use} data-testid="use-selection">
          Use the selected passage
        </button>
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
