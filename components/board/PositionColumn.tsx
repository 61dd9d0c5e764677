"use client";
import { memo, useId } from "react";
import type { Stance } from "@/lib/board/argument";
import type { ColumnView, LaneView } from "@/lib/views/argument-query";
import { positionStyle } from "@/components/common/positionColors";
import { LaneDrafts } from "@/components/drafts/DraftCard";
import { LaneRows } from "./LaneRows";
import { useBoardUi } from "./BoardUiContext";
import { useRules } from "./useBoardRules";
import styles from "./ArgumentBoard.module.css";

const LANE_TITLES: Record<Stance, string> = { for: "For", against: "Against" };

/** One position: its header, then a For lane and an Against lane (or the one the stance filter keeps). */
function PositionColumnView({ column, narrowed }: { column: ColumnView; narrowed: boolean }) {
  const { position, lanes, total } = column;
  const headingId = useId();
  return (
    <section
      className={styles.column}
      style={positionStyle(position.color)}
      data-testid={`position-column-${position.key}`}
      data-lanes={lanes.length}
      aria-labelledby={headingId}
    >
      <header className={styles.columnHead}>
        <h2 id={headingId} className={styles.columnTitle} title={position.label}>
          {position.label}
        </h2>
        <span className={styles.columnCount}>
          {total} argument{total === 1 ? "" : "s"}
        </span>
      </header>
      <div className={styles.lanes}>
        {lanes.map((lane) => (
          <Lane key={lane.stance} lane={lane} positionId={position.id} positionLabel={position.label} narrowed={narrowed} />
        ))}
      </div>
    </section>
  );
}

export const PositionColumn = memo(PositionColumnView);

interface LaneProps {
  lane: LaneView;
  positionId: string;
  positionLabel: string;
  /** A search or filter is on: an empty lane means "nothing matches", not "nothing written". */
  narrowed: boolean;
}

function Lane({ lane, positionId, positionLabel, narrowed }: LaneProps) {
  const { stance, rows, threads } = lane;
  const ui = useBoardUi();
  const rules = useRules();
  return (
    // Named with its position: every column has a For and an Against lane, and region names must differ.
    <section className={styles.lane} data-stance={stance} data-testid={`lane-${stance}`} aria-label={`Arguments ${stance} ${positionLabel}`}>
      <header className={styles.laneHead}>
        <h3 className={styles.laneTitle}>
          <span className={styles.laneMark} data-stance={stance} aria-hidden="true" />
          {LANE_TITLES[stance]}
          <span className={styles.laneCount} title={`${threads} thread${threads === 1 ? "" : "s"}`}>
            {threads}
            <span className="visually-hidden"> thread{threads === 1 ? "" : "s"}</span>
          </span>
        </h3>
        {rules.canAddTopLevel ? (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={`Add an argument ${stance} ${positionLabel}`}
            data-testid={`lane-add-${stance}`}
            onClick={() => ui.startNew(positionId, stance)}
          >
            + Add
          </button>
        ) : null}
      </header>
      {rows.length === 0 ? (
        <p className={styles.empty}>
          {narrowed ? (
            "Nothing here matches the search and filters."
          ) : (
            <>
              No arguments {stance} this position yet
              {rules.canAddTopLevel ? (
                <>
                  {" "}
                  — select a passage in the article and press <strong>Cite</strong>.
                </>
              ) : (
                "."
              )}
            </>
          )}
        </p>
      ) : (
        <LaneRows rows={rows} />
      )}
      <LaneDrafts positionId={positionId} stance={stance} />
    </section>
  );
}
