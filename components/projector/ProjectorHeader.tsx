"use client";
import { useEffect, useState } from "react";
import { currentPhase, type SessionState } from "@/lib/session/session";
import type { BoardSummary } from "@/lib/views/board-views";
import { formatClock, ruleNote } from "@/components/session/phaseText";
import { usePhaseClock } from "@/components/session/usePhaseClock";
import styles from "./Projector.module.css";

interface ProjectorHeaderProps {
  summary: BoardSummary;
  session: SessionState | null;
  serverNow(): number;
}

/** Title, the phase and its clock as large as the room needs, and how to join. */
export function ProjectorHeader({ summary, session, serverNow }: ProjectorHeaderProps) {
  const phase = session ? currentPhase(session) : null;
  const left = usePhaseClock(session?.clock ?? null, serverNow);
  const paused = session?.clock.pausedRemainingMs != null;
  const timeUp = left !== null && left <= 0;
  const [host, setHost] = useState("");
  useEffect(() => setHost(window.location.host), []);

  return (
    <header className={styles.header}>
      <div className={styles.titleBlock}>
        <p className={styles.brand}>Parley</p>
        <h1 className={styles.title}>{summary.title}</h1>
      </div>
      <div className={styles.phaseBlock} data-state={!phase ? "idle" : timeUp ? "up" : paused ? "paused" : "running"}>
        <p className={styles.phaseName} data-testid="projector-phase">
          {phase ? phase.name : "Not started"}
        </p>
        {phase ? (
          <p className={styles.timer} data-testid="projector-timer" role="timer">
            {timeUp ? "Time’s up" : left === null ? "—" : formatClock(left)}
            {paused && !timeUp ? <span className={styles.paused}>paused</span> : null}
          </p>
        ) : null}
        {phase && session ? <p className={styles.rule}>{ruleNote(phase.rule, session.settings)}</p> : null}
      </div>
      {/* Only a facilitator's projector holds the code (an observer link must not hand it out). */}
      {summary.joinCode ? (
        <div className={styles.joinBlock}>
          <p className={styles.joinLabel}>Join at {host || "this site"} with the code</p>
          <p className={styles.joinCode} data-testid="projector-join-code">
            {summary.joinCode}
          </p>
        </div>
      ) : null}
    </header>
  );
}
