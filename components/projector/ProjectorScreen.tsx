"use client";
import { useEffect, useMemo } from "react";
import { buildColumns } from "@/lib/board/tree";
import type { BoardSummary, SourceView } from "@/lib/views/board-views";
import { ProjectorHeatMap, ProjectorHeatToggle, useProjectorHeat } from "@/components/evidence/ProjectorHeatMap";
import { scrollCardIntoView, useSpotlightFollow } from "@/components/session/useSpotlightFollow";
import { useBoard } from "@/components/sync/useBoard";
import { ProjectorColumn } from "./ProjectorColumn";
import { ProjectorHeader } from "./ProjectorHeader";
import { ProjectorResults } from "./ProjectorResults";
import { ProjectorSpotlight } from "./ProjectorSpotlight";
import { useProjectorAccess } from "./useProjectorAccess";
import styles from "./Projector.module.css";
import stage from "./ProjectorStage.module.css";

/**
 * The board on the classroom's big screen: the phase and clock, the join code, the spotlit argument
 * and (once revealed) the vote results on a stage beside the board, and each position's arguments in
 * type readable from the back row. Read-only, and it always follows the spotlight.
 */
export function ProjectorScreen({ summary, source }: { summary: BoardSummary; source?: SourceView }) {
  const access = useProjectorAccess(summary);
  // No source text (nothing is written here) and no presence (a projector is not a person).
  const { board, status, error, session, votes, serverNow } = useBoard(summary.id, "", null, { memberToken: access.memberToken, connect: access.connect });
  const columns = useMemo(() => (board ? buildColumns(board.positions, board.arguments) : []), [board]);
  useSpotlightFollow(session?.spotlight ?? null, true, scrollCardIntoView, board);

  const { expire } = access;
  useEffect(() => {
    if (status === "failed" && error?.code === "forbidden") expire(error.message);
  }, [status, error, expire]);

  if (access.refusal) {
    return (
      <main className={styles.refused} data-testid="projector-page" data-state="join-required">
        <h1>{summary.title}</h1>
        <p data-testid="join-required">{access.refusal}</p>
      </main>
    );
  }

  const spotlightId = session?.spotlight.argumentId ?? null;
  const spotlit = board && spotlightId ? board.arguments.some((a) => a.id === spotlightId) : false;
  // A teacher's laptop (facilitator) receives results before the reveal: the room sees them only after.
  const revealed = votes?.revealed ?? session?.voting.revealed ?? false;
  const results = revealed ? (votes?.results ?? null) : null;
  const [heatOn, toggleHeat] = useProjectorHeat();
  const heat = heatOn && source && board ? <ProjectorHeatMap source={source} positions={board.positions} args={board.arguments} /> : null;
  const staged = Boolean(board && (spotlit || results || heat));
  return (
    <main className={styles.page} data-testid="projector-page" data-status={status}>
      <ProjectorHeader summary={summary} session={session} serverNow={serverNow} />
      {status === "failed" ? <p className={styles.problem}>{error?.message ?? "The projector could not connect to this board."}</p> : null}
      <div className={styles.body} data-staged={staged || undefined}>
        {board && staged ? (
          <aside className={stage.stage} aria-label="Spotlight and results" data-testid="projector-stage">
            {spotlit && spotlightId ? <ProjectorSpotlight board={board} session={session} argumentId={spotlightId} /> : null}
            {results ? <ProjectorResults board={board} results={results} /> : null}
            {heat}
          </aside>
        ) : null}
        {columns.length === 0 ? (
          <p className={styles.loading} aria-busy="true">
            Loading the arguments…
          </p>
        ) : (
          <div className={styles.columns} style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(0, 1fr))` }}>
            {columns.map((column) => (
              <ProjectorColumn key={column.position.id} column={column} session={session} spotlightId={spotlightId} />
            ))}
          </div>
        )}
      </div>
      {source ? <ProjectorHeatToggle on={heatOn} onToggle={toggleHeat} /> : null}
    </main>
  );
}
