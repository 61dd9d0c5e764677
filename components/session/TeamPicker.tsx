"use client";
import { useState, type CSSProperties } from "react";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import { teamOf, teamPickRefusal, type SessionState } from "@/lib/session/session";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { useCommandRunner } from "./useCommandRunner";
import styles from "./SessionControls.module.css";

interface TeamPickerProps {
  session: SessionState;
  memberId: string;
  command(cmd: Command): Promise<CommandAck>;
}

/**
 * "Your team" in the top bar: a choice when the facilitator lets people pick, otherwise just the team
 * they were put in (nothing when they have none).
 */
export function TeamPicker({ session, memberId, command }: TeamPickerProps) {
  const { run, busy, error } = useCommandRunner(command);
  // The choice shows at once; the session update (or a refusal) settles it.
  const [picking, setPicking] = useState<string | null>(null);
  const pick = async (teamId: string) => {
    setPicking(teamId);
    await run({ type: "pick-team", teamId });
    setPicking(null);
  };
  const mine = session.teams.find((t) => t.id === picking) ?? teamOf(session, memberId);
  const dot = mine ? ({ "--team": POSITION_PALETTES[mine.color].base } as CSSProperties) : undefined;
  // Once drafting has started, or for someone the facilitator placed, the server refuses a pick: show the team only.
  if (!session.settings.teamPick || teamPickRefusal(session, memberId)) {
    return mine ? (
      <span className={styles.teamChip} style={dot} data-testid="my-team">
        <span className={styles.teamDot} aria-hidden="true" />
        {mine.name}
      </span>
    ) : null;
  }
  if (session.teams.length === 0) return null;
  return (
    <label className={styles.teamPicker} style={dot}>
      <span className={styles.teamDot} aria-hidden="true" />
      <span className="visually-hidden">Your team</span>
      <select
        className={styles.select}
        value={mine?.id ?? ""}
        disabled={busy}
        onChange={(e) => e.target.value && void pick(e.target.value)}
        data-testid="team-picker"
      >
        {mine ? null : <option value="">Pick your team…</option>}
        {session.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {error ? (
        <span className={styles.inlineError} role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
