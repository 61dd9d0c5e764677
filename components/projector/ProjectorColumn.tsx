"use client";
import type { Stance } from "@/lib/board/argument";
import type { PositionColumn } from "@/lib/board/tree";
import type { SessionState } from "@/lib/session/session";
import { positionStyle } from "@/components/common/positionColors";
import { ProjectorCard } from "./ProjectorCard";
import styles from "./Projector.module.css";

const LANES: { stance: Stance; title: string }[] = [
  { stance: "for", title: "For" },
  { stance: "against", title: "Against" },
];

/** One position: its name, then the arguments for it and against it. */
export function ProjectorColumn({ column, session, spotlightId }: { column: PositionColumn; session: SessionState | null; spotlightId: string | null }) {
  const { position, lanes } = column;
  return (
    <section className={styles.column} style={positionStyle(position.color)} aria-label={position.label}>
      <h2 className={styles.columnTitle}>{position.label}</h2>
      {LANES.map(({ stance, title }) => (
        <div key={stance} className={styles.lane} data-stance={stance}>
          <h3 className={styles.laneTitle}>
            {title} <span className={styles.laneCount}>{lanes[stance].length}</span>
          </h3>
          {lanes[stance].length === 0 ? <p className={styles.empty}>Nothing yet.</p> : null}
          {lanes[stance].map((node) => (
            <ProjectorCard key={node.argument.id} node={node} session={session} spotlightId={spotlightId} />
          ))}
        </div>
      ))}
    </section>
  );
}
