"use client";
import { useState } from "react";
import { PHASE_RULES, type Phase } from "@/lib/session/session";
import { RULE_LABELS } from "@/components/session/phaseText";
import styles from "./FacilitatorPanel.module.css";
import agenda from "./PhasesSection.module.css";

interface PhaseRowProps {
  phase: Phase;
  index: number;
  count: number;
  current: boolean;
  busy: boolean;
  onChange(patch: Partial<Phase>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  onStart(): void;
}

/** Minutes as typed ("7.5"), to the seconds the server keeps (10 s to 4 h); blank means no limit. */
function toSeconds(minutes: string): number | null {
  if (!minutes.trim()) return null;
  const sec = Math.round(Number(minutes) * 60);
  return Number.isFinite(sec) ? Math.min(4 * 3600, Math.max(10, sec)) : null;
}

/** One phase of the agenda: its name, length and rule, its place in the order, and a way to jump to it. */
export function PhaseRow({ phase, index, count, current, busy, onChange, onMove, onRemove, onStart }: PhaseRowProps) {
  const minutes = phase.durationSec === null ? "" : String(Math.round((phase.durationSec / 60) * 100) / 100);
  // The field keeps what is typed ("7.", "0") and commits on blur; a change from elsewhere replaces it.
  const [typed, setTyped] = useState(minutes);
  const [shown, setShown] = useState(minutes);
  if (shown !== minutes) {
    setShown(minutes);
    setTyped(minutes);
  }
  return (
    <li className={agenda.phase} data-testid="phase-row" data-current={current || undefined} data-phase-id={phase.id}>
      <div className={agenda.phaseLine}>
        <span className={agenda.phaseNumber} aria-hidden="true">
          {index + 1}
        </span>
        <input
          className={`input ${styles.compact}`}
          value={phase.name}
          maxLength={40}
          aria-label={`Name of phase ${index + 1}`}
          onChange={(e) => onChange({ name: e.target.value })}
          data-testid="phase-name-input"
        />
        {current ? (
          <span className={agenda.nowBadge}>Now</span>
        ) : (
          <button type="button" className="btn btn-ghost btn-sm" disabled={busy || !phase.name.trim()} onClick={onStart} data-testid="phase-row-start">
            Start
          </button>
        )}
      </div>
      <div className={agenda.phaseLine}>
        <label className={agenda.minutes}>
          <input
            className={`input ${styles.compact}`}
            type="number"
            min={0.5}
            max={240}
            step={0.5}
            inputMode="decimal"
            value={typed}
            placeholder="∞"
            aria-label={`Minutes for ${phase.name} (blank: no limit)`}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={() => {
              const sec = toSeconds(typed);
              if (sec === phase.durationSec) setTyped(minutes);
              else onChange({ durationSec: sec });
            }}
            data-testid="phase-minutes"
          />
          <span>min</span>
        </label>
        <select
          className={`input ${styles.compact}`}
          value={phase.rule}
          aria-label={`What ${phase.name} allows`}
          onChange={(e) => onChange({ rule: e.target.value as Phase["rule"] })}
          data-testid="phase-rule"
        >
          {PHASE_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {RULE_LABELS[rule]}
            </option>
          ))}
        </select>
        <span className={agenda.iconGroup}>
          <button type="button" className="btn btn-ghost btn-icon btn-sm" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${phase.name} earlier`}>
            ↑
          </button>
          <button type="button" className="btn btn-ghost btn-icon btn-sm" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${phase.name} later`}>
            ↓
          </button>
          <button type="button" className="btn btn-ghost btn-icon btn-sm btn-danger-text" disabled={current} onClick={onRemove} aria-label={`Remove ${phase.name}`}>
            ×
          </button>
        </span>
      </div>
    </li>
  );
}
