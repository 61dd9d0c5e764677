"use client";
import type { CSSProperties } from "react";
import { POSITION_COLORS } from "@/lib/board/constants";
import type { Position } from "@/lib/board/position";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import type { SessionState, Team } from "@/lib/session/session";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { randomId } from "@/components/identity/useIdentity";
import { useCommandRunner } from "@/components/session/useCommandRunner";
import type { RosterView } from "@/components/sync/board-client";
import { AssignList } from "./AssignList";
import styles from "./FacilitatorPanel.module.css";
import teamStyles from "./TeamsSection.module.css";
import { InlineError } from "@/components/common/InlineError";

/** The server keeps at most this many teams (lib/session/commands.ts). */
const MAX_TEAMS = 8;

interface TeamsSectionProps {
  session: SessionState;
  positions: Position[];
  roster: RosterView | null;
  /** Member ids with a screen open right now. */
  online: ReadonlySet<string>;
  command(cmd: Command): Promise<CommandAck>;
}

/** Teams, the side each one argues, and who is in which. Every change goes to the class at once. */
export function TeamsSection({ session, positions, roster, online, command }: TeamsSectionProps) {
  const { run, busy, error } = useCommandRunner(command);
  const { teams } = session;
  const save = (next: Team[]) => void run({ type: "set-teams", teams: next });
  const update = (id: string, patch: Partial<Team>) => save(teams.map((t) => (t.id === id ? { ...t, ...patch } : t)));
  const add = () => {
    const color = POSITION_COLORS.find((c) => !teams.some((t) => t.color === c)) ?? POSITION_COLORS[0];
    save([...teams, { id: `team-${randomId().slice(0, 8)}`, name: `Team ${teams.length + 1}`, positionId: positions[0].id, color }]);
  };
  const sideName = (positionId: string) => positions.find((p) => p.id === positionId)?.label ?? "no side";

  return (
    <div className={styles.sectionBody}>
      <ul className={teamStyles.teams}>
        {teams.map((team) => (
          <li key={team.id} className={teamStyles.team} data-testid="team-row" style={{ "--team": POSITION_PALETTES[team.color].base } as CSSProperties}>
            <div className={teamStyles.teamLine}>
              <span className={teamStyles.teamSwatch} aria-hidden="true" />
              <input
                key={team.name /* a rename from elsewhere replaces what is shown */}
                className={`input ${styles.compact}`}
                defaultValue={team.name}
                maxLength={40}
                aria-label="Team name"
                data-testid="team-name"
                onBlur={(e) => {
                  const name = e.target.value.trim();
                  if (name && name !== team.name) update(team.id, { name });
                  else e.target.value = team.name;
                }}
                onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
              />
              <button
                type="button"
                className="btn btn-ghost btn-icon btn-sm btn-danger-text"
                disabled={busy || teams.length <= 1}
                onClick={() => save(teams.filter((t) => t.id !== team.id))}
                aria-label={`Remove ${team.name}`}
              >
                ×
              </button>
            </div>
            <div className={teamStyles.teamLine}>
              <label className={teamStyles.inlineField}>
                <span>Argues</span>
                <select className={`input ${styles.compact}`} value={team.positionId} disabled={busy} onChange={(e) => update(team.id, { positionId: e.target.value })} data-testid="team-side">
                  {positions.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className={teamStyles.inlineField}>
                <span className="visually-hidden">Colour</span>
                <select className={`input ${styles.compact}`} value={team.color} disabled={busy} onChange={(e) => update(team.id, { color: e.target.value as Team["color"] })} data-testid="team-color">
                  {POSITION_COLORS.map((c) => (
                    <option key={c} value={c}>
                      {c[0].toUpperCase() + c.slice(1)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </li>
        ))}
      </ul>
      <div className={styles.rowActions}>
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy || teams.length >= MAX_TEAMS || positions.length === 0} onClick={add} data-testid="team-add">
          + Add team
        </button>
        <span className={styles.spacer} />
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy || teams.length === 0}
          onClick={() => void run({ type: "swap-sides" })}
          data-testid="swap-sides"
          title={teams.map((t) => `${t.name}: ${sideName(t.positionId)}`).join("\n")}
        >
          ⇄ Swap sides
        </button>
      </div>
      <InlineError message={error} />
      <AssignList session={session} roster={roster} online={online} command={command} />
    </div>
  );
}
