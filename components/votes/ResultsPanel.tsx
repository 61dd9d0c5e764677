"use client";
import { useId, useMemo, useState } from "react";
import { Modal } from "@/components/common/Modal";
import { ArgumentTable } from "./ArgumentTable";
import { BalanceTimeline } from "./BalanceTimeline";
import { ratedCounts } from "./results-rows";
import { SideBars } from "./SideBars";
import { TeamTotals } from "./TeamTotals";
import { useVotes, type VotesUi } from "./VotesContext";
import styles from "./ResultsPanel.module.css";

interface ResultsPanelProps {
  open: boolean;
  onClose(): void;
}

/**
 * The vote results: strength per position, how the balance moved, team totals and every argument's
 * averages. A wide native <dialog> (focus trap and inert background for free). Facilitators also
 * reveal or hide the votes here; everyone else only gets here once they are revealed.
 */
export function ResultsPanel({ open, onClose }: ResultsPanelProps) {
  const titleId = useId();
  const ui = useVotes();

  return (
    <Modal open={open && ui !== null} onCancel={onClose} labelledBy={titleId} testId="results-panel" classNames={{ dialog: styles.dialog, body: styles.body }}>
      {ui ? (
        <>
          <header className={styles.head}>
            <div>
              <h2 id={titleId} className={styles.title}>
                Results
              </h2>
              <p className={styles.subtitle} data-testid="results-subtitle">
                Everyone rates arguments 1 (weak) to 5 (strong); each argument gets the average of its ratings. The charts and team totals
                add those averages up, so a side with more strong arguments weighs more.
              </p>
            </div>
            <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label="Close the results" onClick={onClose}>
              ×
            </button>
          </header>
          {ui.role === "facilitator" ? <RevealControls ui={ui} /> : null}
          <ResultsBody ui={ui} />
        </>
      ) : null}
    </Modal>
  );
}

function RevealControls({ ui }: { ui: VotesUi }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setMessage(null);
    const ack = await ui.setRevealed(!ui.revealed);
    setBusy(false);
    if (!ack.ok) setMessage(ack.message);
  };
  const ballots = ui.ballots ?? 0;
  return (
    <div className={styles.facilitator} role="group" aria-label="Facilitator controls">
      <p className={styles.status} aria-live="polite">
        <strong>{ui.revealed ? "Visible to everyone." : "Hidden from participants."}</strong> {ballots} ballot{ballots === 1 ? "" : "s"} cast.
      </p>
      <button type="button" className={`btn btn-sm ${ui.revealed ? "" : "btn-primary"}`} disabled={busy} data-testid="reveal-votes" data-revealed={ui.revealed} onClick={() => void toggle()}>
        {ui.revealed ? "Hide votes" : "Reveal votes"}
      </button>
      {message ? (
        <p className="error-text" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function ResultsBody({ ui }: { ui: VotesUi }) {
  const { results, board } = ui;
  const counts = useMemo(() => ratedCounts(board?.arguments ?? [], results?.tallies ?? []), [board, results]);
  if (!results || !board) {
    return <p className={styles.empty}>Votes are hidden until the facilitator reveals them.</p>;
  }
  return (
    <div className={styles.sections}>
      <section aria-labelledby="results-bars-heading">
        <h3 id="results-bars-heading" className={styles.sectionTitle}>
          Total strength by position
        </h3>
        <SideBars sides={results.sides} positions={board.positions} counts={counts} />
      </section>
      <section aria-labelledby="results-timeline-heading">
        <h3 id="results-timeline-heading" className={styles.sectionTitle}>
          How the balance moved
        </h3>
        <BalanceTimeline timeline={results.timeline} positions={board.positions} />
      </section>
      <section aria-labelledby="results-teams-heading">
        <h3 id="results-teams-heading" className={styles.sectionTitle}>
          Teams
        </h3>
        <TeamTotals totals={results.teams} teams={ui.teams} positions={board.positions} />
      </section>
      <section aria-labelledby="results-table-heading" className={styles.wide}>
        <h3 id="results-table-heading" className={styles.sectionTitle}>
          Arguments
        </h3>
        <ArgumentTable args={board.arguments} positions={board.positions} tallies={results.tallies} />
      </section>
    </div>
  );
}
