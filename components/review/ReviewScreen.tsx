"use client";
import Link from "next/link";
import { useMemo } from "react";
import { stateAtStep, stepAt } from "@/lib/review/replay";
import type { BoardSummary } from "@/lib/views/board-views";
import { EvidenceReportSection } from "@/components/evidence/EvidenceReportTable";
import { ActivityFeed } from "./ActivityFeed";
import { ContributionsTable } from "./ContributionsTable";
import { ReplayBoard } from "./ReplayBoard";
import { TimelineControls } from "./TimelineControls";
import { useReviewSession, type ReviewData } from "./useReviewSession";
import { useTimeline } from "./useTimeline";
import styles from "./Review.module.css";

/** The after-class review of one board: replay, activity feed and contributions, for its facilitator. */
export function ReviewScreen({ board }: { board: BoardSummary }) {
  const load = useReviewSession(board.id);
  return (
    <main className={styles.page} data-testid="review-page">
      <header className={styles.header}>
        <Link href={`/b/${board.id}`} className="btn btn-ghost btn-sm">
          ← Back to the board
        </Link>
        <div>
          <p className={styles.kicker}>Session review</p>
          <h1 className={styles.title}>{board.title}</h1>
        </div>
      </header>
      {load.status === "forbidden" ? <Forbidden boardId={board.id} /> : null}
      {load.status === "checking" || load.status === "loading" ? <p className={styles.status}>Loading the session…</p> : null}
      {load.status === "error" ? (
        <p className="error-text" role="alert">
          {load.message}
        </p>
      ) : null}
      {load.status === "ready" ? <Review boardId={board.id} data={load.data} /> : null}
    </main>
  );
}

function Review({ boardId, data }: { boardId: string; data: ReviewData }) {
  const { replay, activity } = data;
  const timeline = useTimeline(replay, activity);
  const index = stepAt(replay, timeline.t);
  const state = useMemo(() => stateAtStep(replay, index), [replay, index]);
  // The arguments touched at the latest moment shown, so the eye finds what just changed.
  const recent = useMemo(() => {
    const latest = timeline.stops.findLast((s) => s <= timeline.t);
    return new Set(activity.filter((e) => e.at === latest).map((e) => e.argumentId));
  }, [activity, timeline.stops, timeline.t]);

  return (
    <>
      <TimelineControls timeline={timeline} eventCount={timeline.stops.length} />
      <div className={styles.layout}>
        <ReplayBoard state={state} recent={recent} />
        <ActivityFeed activity={activity} describe={data.describe} t={timeline.t} follow={timeline.playing} onSelect={timeline.seek} />
      </div>
      <ContributionsTable boardId={boardId} rows={data.rows} members={data.history.members} token={data.token} />
      <EvidenceReportSection boardId={boardId} token={data.token} />
    </>
  );
}

/** Shown to anyone but a facilitator: the review names every member, even on an anonymous board. */
function Forbidden({ boardId }: { boardId: string }) {
  return (
    <div className={styles.forbidden} role="alert" data-testid="review-forbidden">
      <h2 className={styles.sectionTitle}>Only the board&rsquo;s facilitator can review the session</h2>
      <p>
        The review shows who wrote, changed and rated what, so it is open to the facilitator alone. If you run this debate, open the
        facilitator invite link on this device first.
      </p>
      <Link href={`/b/${boardId}`} className="btn btn-primary">
        Back to the board
      </Link>
    </div>
  );
}
