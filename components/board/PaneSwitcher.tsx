"use client";
import styles from "./BoardScreen.module.css";

export type PaneName = "article" | "board" | "map";

/** On a narrow screen (tablet portrait) only one pane fits; this switches between them. */
export function PaneSwitcher({ pane, onChange, argumentCount, draftCount = 0 }: { pane: PaneName; onChange(p: PaneName): void; argumentCount: number; draftCount?: number }) {
  return (
    <div className={styles.switcher} role="group" aria-label="Show">
      <button type="button" aria-pressed={pane === "article"} aria-controls="pane-article" onClick={() => onChange("article")} data-testid="show-article">
        Article
      </button>
      <button type="button" aria-pressed={pane === "board"} aria-controls="pane-board" onClick={() => onChange("board")} data-testid="show-board">
        Arguments <span className={styles.switcherCount}>{argumentCount}</span>
        {/* While a team drafts privately its work is on the board too, just not posted yet. */}
        {draftCount > 0 ? (
          <span className={styles.switcherCount} data-testid="show-board-drafts">
            +{draftCount} draft{draftCount === 1 ? "" : "s"}
          </span>
        ) : null}
      </button>
      <button type="button" className={styles.switcherMap} aria-pressed={pane === "map"} aria-controls="pane-map" onClick={() => onChange("map")} data-testid="show-map">
        Map
      </button>
    </div>
  );
}
