"use client";
import type { ReactNode } from "react";
import { currentPhase, type SessionState } from "@/lib/session/session";
import { formatClock, ruleNote } from "./phaseText";
import { usePhaseClock } from "./usePhaseClock";
import styles from "./PhaseBar.module.css";

interface PhaseBarProps {
  session: SessionState;
  serverNow(): number;
  facilitator: boolean;
  /** Controls on the right end (follow spotlight). */
  children?: ReactNode;
}

/**
 * The agenda in one line under the top bar: which phase, how long is left, and what it allows. Every
 * screen counts down from the same server time, so the class and the teacher see the same second.
 */
export function PhaseBar({ session, serverNow, facilitator, children }: PhaseBarProps) {
  const phase = currentPhase(session);
  const left = usePhaseClock(session.clock, serverNow);
  const paused = session.clock.pausedRemainingMs !== null;
  const timeUp = left !== null && left <= 0;
  const index = phase ? session.phases.indexOf(phase) : -1;
  const state = !phase ? "idle" : timeUp ? "up" : paused ? "paused" : "running";

  return (
    <div className={styles.bar} data-testid="phase-bar" data-state={state} role="region" aria-label="Debate phase">
      {phase ? (
        <>
          <span className={styles.step}>
            Phase {index + 1} of {session.phases.length}
          </span>
          <strong className={styles.name} data-testid="phase-name">
            {phase.name}
          </strong>
          <span className={styles.timer} data-testid="phase-timer" role="timer" aria-label={left === null ? "No time limit" : `${formatClock(left)} left`}>
            {left === null ? "no limit" : formatClock(left)}
          </span>
          {timeUp ? <span className={`${styles.badge} ${styles.up}`}>Time’s up</span> : paused ? <span className={styles.badge}>Paused</span> : null}
          <span className={styles.note}>{ruleNote(phase.rule, session.settings)}</span>
        </>
      ) : (
        <>
          <strong className={styles.name} data-testid="phase-name">
            Not started
          </strong>
          <span className={styles.note}>
            {facilitator ? "Start a phase from Facilitate when the class is ready." : "The facilitator has not started the clock yet."}
          </span>
        </>
      )}
      {/* Said once when it happens, not every second. */}
      <span className="visually-hidden" aria-live="polite">
        {timeUp && phase ? `Time is up for ${phase.name}.` : ""}
      </span>
      <span className={styles.spacer} />
      {children}
    </div>
  );
}
