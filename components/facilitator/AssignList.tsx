"use client";
import { useState } from "react";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import type { SessionState } from "@/lib/session/session";
import { useCommandRunner } from "@/components/session/useCommandRunner";
import type { RosterView } from "@/components/sync/board-client";
import styles from "./FacilitatorPanel.module.css";
import teamStyles from "./TeamsSection.module.css";
import { InlineError } from "@/components/common/InlineError";

interface AssignListProps {
  session: SessionState;
  roster: RosterView | null;
  online: ReadonlySet<string>;
  command(cmd: Command): Promise<CommandAck>;
}

/** Everyone who joined as a participant, with the team they are in; here first, then by name. */
export function AssignList({ session, roster, online, command }: AssignListProps) {
  // Not disabled while one assignment travels: a teacher sorts a class of thirty in a row.
  const { run, error } = useCommandRunner(command);
  // A choice shows at once; the session update (or a refusal) settles it.
  const [pending, setPending] = useState<Record<string, string>>({});
  const assign = async (memberId: string, teamId: string) => {
    setPending((p) => ({ ...p, [memberId]: teamId }));
    await run({ type: "assign-team", memberId, teamId: teamId || null });
    setPending(({ [memberId]: _done, ...rest }) => rest);
  };
  const people = (roster?.members ?? [])
    .filter((m) => m.role === "participant")
    .sort((a, b) => Number(online.has(b.id)) - Number(online.has(a.id)) || a.displayName.localeCompare(b.displayName));

  return (
    <div className={teamStyles.assign}>
      <h3 className={teamStyles.subheading}>
        People <span className={teamStyles.count}>{people.length}</span>
      </h3>
      {roster === null ? <p className={styles.hint}>Loading the class list…</p> : null}
      {roster !== null && people.length === 0 ? <p className={styles.hint}>Nobody has joined yet: share the code or the link above.</p> : null}
      <ul className={teamStyles.people}>
        {people.map((m) => (
          <li key={m.id} className={teamStyles.person}>
            <span className={teamStyles.onlineDot} data-online={online.has(m.id) || undefined} title={online.has(m.id) ? "Here now" : "Not here now"} />
            <span className={teamStyles.personName}>{m.displayName}</span>
            <select
              className={`input ${styles.compact}`}
              value={pending[m.id] ?? session.assignments[m.id] ?? ""}
              aria-label={`Team of ${m.displayName}`}
              onChange={(e) => void assign(m.id, e.target.value)}
              data-testid={`assign-${m.id}`}
            >
              <option value="">No team</option>
              {session.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <InlineError message={error} />
    </div>
  );
}
