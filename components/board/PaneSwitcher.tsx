"use client";
import styles from "./BoardScreen.module.css";

export type PaneName = "article" | "board";

/** On a narrow screen (tablet portrait) only one pane fits; this switches between them. */
export function PaneSwitcher({ pane, onChange, argumentCount }: { pane: PaneName; onChange(p: PaneName): void; argumentCount: number }) {
  return (
    <div className={styles.switcher} role="group" aria-label="Show">
      <button type="button" aria-pressed={pane === "article"} aria-controls="pane-article" onClick={() => onChange("article")} data-testid="show-article">
        Article
      </button>
      <button type="button" aria-pressed={pane === "board"} aria-controls="pane-board" onClick={() => onChange("board")} data-testid="show-board">
        Arguments <span className={styles.switcherCount}>{argumentCount}</span>
      </button>
    </div>
  );
}
