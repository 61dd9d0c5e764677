"use client";
import type { Position } from "@/lib/board/position";
import type { Team } from "@/lib/session/session";
import type { TeamTotal } from "@/lib/session/votes";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { formatTotal } from "./chart-scale";
import styles from "./ResultsPanel.module.css";
import tables from "./ResultsTables.module.css";

/**
 * Per team: how many arguments its members wrote, the votes those arguments drew and the sum of
 * their average strengths. Teams come from the session, so a team with no arguments still shows.
 * The side a team argues sits under its name rather than in a column of its own, so the table fits
 * a phone without scrolling sideways.
 */
export function TeamTotals({ totals, teams, positions }: { totals: TeamTotal[]; teams: Team[]; positions: Position[] }) {
  if (teams.length === 0) {
    return (
      <p className={styles.empty} data-testid="results-teams">
        This board has no teams.
      </p>
    );
  }
  const labels = new Map(positions.map((p) => [p.id, p.label]));
  return (
    <div className={tables.scroll}>
      <table className={`${tables.table} ${tables.fitted}`} data-testid="results-teams">
        <caption className="visually-hidden">Totals per team</caption>
        <thead>
          <tr>
            <th scope="col">Team and side</th>
            <th scope="col" className={tables.num}>
              {/* A soft hyphen: on a phone the header breaks rather than widening its column. */}
              Argu{"\u00ad"}ments
            </th>
            <th scope="col" className={tables.num}>Votes</th>
            <th scope="col" className={tables.num}>
              Strength <span className={tables.unit}>(sum of averages)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => {
            const total = totals.find((t) => t.teamId === team.id);
            return (
              <tr key={team.id} data-team-id={team.id}>
                <th scope="row" className={tables.teamName}>
                  <span className={tables.swatch} style={{ background: POSITION_PALETTES[team.color].base }} aria-hidden="true" />
                  {team.name}
                  <span className={tables.teamSide}>{labels.get(team.positionId) ?? "No side"}</span>
                </th>
                <td className={tables.num}>{total?.arguments ?? 0}</td>
                <td className={tables.num}>{total?.votes ?? 0}</td>
                <td className={tables.num}>{formatTotal(total?.strength ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
