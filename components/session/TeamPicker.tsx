"use client";
import { useState, type CSSProperties } from "react";
import type { Position } from "@/lib/board/position";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import { teamOf, teamPickRefusal, type SessionState, type Team } from "@/lib/session/session";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { useCommandRunner } from "./useCommandRunner";
import styles from "./SessionControls.module.css";

interface TeamPickerProps {
  session: SessionState;
  memberId: string;
  /** The board's positions: a team is shown by the side it argues now, which Swap sides changes. */
  positions: Position[];
  command(cmd: Command): Promise<CommandAck>;
}

/**
 * "Your team" in the top bar, with the side it argues ("You argue: …", in that position's colour): a
 * choice when the facilitator lets people pick, otherwise just the team they were put in (nothing when
 * they have none). Someone the facilitator placed sees no choice: the server would refuse it.
 */
export function TeamPicker({ session, memberId, positions, command }: TeamPickerProps) {
  const { run, busy, error } = useCommandRunner(command);
  // The choice shows at once; the session update (or a refusal) settles it.
  const [picking, setPicking] = useState<string | null>(null);
  const pick = async (teamId: string) => {
    setPicking(teamId);
    await run({ type: "pick-team", teamId });
    setPicking(null);
  };
  const mine = session.teams.find((t) => t.id === picking) ?? teamOf(session, memberId);
  const side = mine ? (positions.find((p) => p.id === mine.positionId) ?? null) : null;
  const dot = { "--team": POSITION_PALETTES[side?.color ?? mine?.color ?? "indigo"].base } as CSSProperties;
  if (!session.settings.teamPick || teamPickRefusal(session, memberId)) {
    return mine ? (
      <span className={styles.teamChip} style={dot} data-testid="my-team-chip" data-team-id={mine.id}>
        <span className={styles.teamDot} aria-hidden="true" />
        <span className={styles.teamName} data-testid="my-team">
          {mine.name}
        </span>
        <MySide side={side} />
      </span>
    ) : null;
  }
  if (session.teams.length === 0) return null;
  return (
    <label className={styles.teamPicker} style={mine ? dot : undefined}>
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
            {optionLabel(t, positions)}
          </option>
        ))}
      </select>
      {mine ? <MySide side={side} /> : null}
      {error ? (
        <span className={styles.inlineError} role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** "You argue: <position>", coloured as that position is on the board. */
function MySide({ side }: { side: Position | null }) {
  if (!side) return null;
  return (
    <span className={styles.mySide} style={{ "--side": POSITION_PALETTES[side.color].strong } as CSSProperties} data-testid="my-side" data-position-id={side.id}>
      You argue: <strong>{side.label}</strong>
    </span>
  );
}

function optionLabel(team: Team, positions: Position[]): string {
  const side = positions.find((p) => p.id === team.positionId);
  return side ? `${team.name} — ${side.label}` : team.name;
}
