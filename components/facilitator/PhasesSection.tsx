"use client";
import { useState } from "react";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import { currentPhase, type Phase, type SessionState } from "@/lib/session/session";
import { randomId } from "@/components/identity/useIdentity";
import { useCommandRunner } from "@/components/session/useCommandRunner";
import { PhaseRow } from "./PhaseRow";
import styles from "./FacilitatorPanel.module.css";
import agenda from "./PhasesSection.module.css";
import { InlineError } from "@/components/common/InlineError";

/** The server keeps at most this many phases (lib/session/commands.ts). */
const MAX_PHASES = 12;

interface PhasesSectionProps {
  session: SessionState;
  command(cmd: Command): Promise<CommandAck>;
}

/**
 * The lesson's agenda and its clock. Edits to the agenda collect locally until "Save agenda", so a
 * half-typed name never reaches the class; the clock buttons act at once.
 */
export function PhasesSection({ session, command }: PhasesSectionProps) {
  const { run, busy, error } = useCommandRunner(command);
  const saved = JSON.stringify(session.phases);
  const [base, setBase] = useState(saved);
  const [draft, setDraft] = useState<Phase[]>(session.phases);
  // Another facilitator changed the agenda: follow it, unless this one has unsaved edits.
  if (saved !== base) {
    if (JSON.stringify(draft) === base) setDraft(session.phases);
    setBase(saved);
  }
  const dirty = JSON.stringify(draft) !== saved;
  const phase = currentPhase(session);
  const { clock } = session;
  const paused = clock.pausedRemainingMs !== null;
  const ticking = phase !== null && clock.startedAt !== null && clock.durationMs !== null;
  const isLast = phase !== null && session.phases.indexOf(phase) === session.phases.length - 1;

  const saveAgenda = () => run({ type: "set-phases", phases: draft });
  /** Starting a phase that exists only in the draft saves the draft first. */
  const start = async (phaseId: string) => {
    if (dirty && !(await saveAgenda())) return;
    await run({ type: "start-phase", phaseId });
  };
  const change = (index: number, patch: Partial<Phase>) => setDraft((d) => d.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const next = [...d];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });
  const add = () => setDraft((d) => [...d, { id: `phase-${randomId().slice(0, 8)}`, name: "New phase", durationSec: 300, rule: "anything" }]);

  return (
    <div className={styles.sectionBody}>
      <div className={agenda.clockControls} role="group" aria-label="Clock">
        {!phase ? (
          <button type="button" className="btn btn-primary btn-sm" disabled={busy || draft.length === 0} onClick={() => void start(draft[0].id)} data-testid="phase-start">
            ▶ Start {draft[0]?.name ?? ""}
          </button>
        ) : (
          <>
            <button type="button" className="btn btn-primary btn-sm" disabled={busy || isLast} onClick={() => void run({ type: "next-phase" })} data-testid="phase-next">
              Next phase →
            </button>
            {paused ? (
              <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void run({ type: "resume-clock" })} data-testid="phase-resume">
                ▶ Resume
              </button>
            ) : (
              <button type="button" className="btn btn-sm" disabled={busy || !ticking} onClick={() => void run({ type: "pause-clock" })} data-testid="phase-pause">
                Pause
              </button>
            )}
            <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void run({ type: "stop-clock" })} data-testid="phase-stop">
              Stop
            </button>
          </>
        )}
      </div>
      <ol className={agenda.phases}>
        {draft.map((p, i) => (
          <PhaseRow
            key={p.id}
            phase={p}
            index={i}
            count={draft.length}
            current={p.id === phase?.id}
            busy={busy}
            onChange={(patch) => change(i, patch)}
            onMove={(by) => move(i, by)}
            onRemove={() => setDraft((d) => d.filter((_, j) => j !== i))}
            onStart={() => void start(p.id)}
          />
        ))}
      </ol>
      <div className={styles.rowActions}>
        <button type="button" className="btn btn-ghost btn-sm" onClick={add} disabled={draft.length >= MAX_PHASES} data-testid="phase-add">
          + Add phase
        </button>
        {dirty ? (
          <>
            <span className={styles.spacer} />
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setDraft(session.phases)}>
              Discard
            </button>
            <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => void saveAgenda()} data-testid="phases-save">
              Save agenda
            </button>
          </>
        ) : null}
      </div>
      <InlineError message={error} />
    </div>
  );
}
