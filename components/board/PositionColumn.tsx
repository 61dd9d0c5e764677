"use client";
import { useId } from "react";
import type { Stance } from "@/lib/board/argument";
import type { ArgumentNode, PositionColumn as Column } from "@/lib/board/tree";
import { positionStyle } from "@/components/common/positionColors";
import { LaneDrafts } from "@/components/drafts/DraftCard";
import { ArgumentCard } from "./ArgumentCard";
import { useBoardUi } from "./BoardUiContext";
import { useRules } from "./useBoardRules";
import styles from "./ArgumentBoard.module.css";

const LANE_TITLES: Record<Stance, string> = { for: "For", against: "Against" };

function countAll(nodes: ArgumentNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countAll(n.children), 0);
}

/** One position: its header, then a For lane and an Against lane of argument threads. */
export function PositionColumn({ column }: { column: Column }) {
  const { position, lanes } = column;
  const headingId = useId();
  const total = countAll(lanes.for) + countAll(lanes.against);
  return (
    <section
      className={styles.column}
      style={positionStyle(position.color)}
      data-testid={`position-column-${position.key}`}
      aria-labelledby={headingId}
    >
      <header className={styles.columnHead}>
        <h2 id={headingId} className={styles.columnTitle}>
          {position.label}
        </h2>
        <span className={styles.columnCount}>
          {total} argument{total === 1 ? "" : "s"}
        </span>
      </header>
      <div className={styles.lanes}>
        {(["for", "against"] as const).map((stance) => (
          <Lane key={stance} stance={stance} positionId={position.id} positionLabel={position.label} nodes={lanes[stance]} />
        ))}
      </div>
    </section>
  );
}

interface LaneProps {
  stance: Stance;
  positionId: string;
  positionLabel: string;
  nodes: ArgumentNode[];
}

function Lane({ stance, positionId, positionLabel, nodes }: LaneProps) {
  const ui = useBoardUi();
  const rules = useRules();
  return (
    // Named with its position: every column has a For and an Against lane, and region names must differ.
    <section className={styles.lane} data-stance={stance} data-testid={`lane-${stance}`} aria-label={`Arguments ${stance} ${positionLabel}`}>
      <header className={styles.laneHead}>
        <h3 className={styles.laneTitle}>
          <span className={styles.laneMark} data-stance={stance} aria-hidden="true" />
          {LANE_TITLES[stance]}
          <span className={styles.laneCount}>
            {nodes.length}
            <span className="visually-hidden"> argument{nodes.length === 1 ? "" : "s"}</span>
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
      {nodes.length === 0 ? (
        <p className={styles.empty}>
          No arguments {stance} this position yet
          {rules.canAddTopLevel ? (
            <>
              {" "}
              — select a passage in the article and press <strong>Cite</strong>.
            </>
          ) : (
            "."
          )}
        </p>
      ) : (
        <div className={styles.threads}>
          {nodes.map((node) => (
            <ArgumentCard key={node.argument.id} node={node} />
          ))}
        </div>
      )}
      <LaneDrafts positionId={positionId} stance={stance} />
    </section>
  );
}
