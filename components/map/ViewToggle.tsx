"use client";
import type { BoardView } from "@/lib/map/view";
import styles from "./ViewToggle.module.css";

/** "Columns | Map" above the panes on a laptop; on a narrow screen the pane switcher's Map tab does this. */
export function ViewToggle({ view, onChange }: { view: BoardView; onChange(view: BoardView): void }) {
  return (
    <div className={styles.toggle} role="group" aria-label="Arguments view">
      <button type="button" aria-pressed={view === "columns"} onClick={() => onChange("columns")} data-testid="view-columns">
        Columns
      </button>
      <button type="button" aria-pressed={view === "map"} onClick={() => onChange("map")} data-testid="view-map">
        Map
      </button>
    </div>
  );
}
