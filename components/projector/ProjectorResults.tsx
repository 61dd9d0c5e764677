"use client";
import { useMemo } from "react";
import type { BoardState } from "@/lib/board/doc";
import type { Results } from "@/lib/session/votes";
import { SideBars } from "@/components/votes/SideBars";
import { ratedCounts } from "@/components/votes/results-rows";
import styles from "./ProjectorStage.module.css";
import { useStageReveal } from "./useStageReveal";

/**
 * A narrow drawing shown at the stage's width prints the chart's type about twice as large as in
 * the results dialog (SVG text scales with the drawing).
 */
const CHART_WIDTH = 380;

/** The revealed vote results on the big screen: each position's total strength, For and Against. */
export function ProjectorResults({ board, results }: { board: BoardState; results: Results }) {
  // Once, when the results appear: a later vote does not pull the stage away from the spotlight.
  const ref = useStageReveal<HTMLElement>(true);
  const counts = useMemo(() => ratedCounts(board.arguments, results.tallies), [board, results]);
  return (
    <section ref={ref} className={styles.results} aria-labelledby="projector-results-title" data-testid="projector-results">
      <h2 id="projector-results-title" className={styles.resultsTitle}>
        Results
      </h2>
      <SideBars sides={results.sides} positions={board.positions} counts={counts} width={CHART_WIDTH} chartOnly />
    </section>
  );
}
