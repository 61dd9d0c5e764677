"use client";
import { useId, useState } from "react";
import { ROLES, type Role } from "@/lib/board/roles";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { Command } from "@/lib/session/commands";
import type { SessionState } from "@/lib/session/session";
import { InlineError } from "@/components/common/InlineError";
import { Modal } from "@/components/common/Modal";
import type { RosterView } from "@/components/sync/board-client";
import { PersonRow } from "./PersonRow";
import type { Person } from "@/lib/views/teacher-views";
import { teacherRequest } from "./teacher-requests";
import { usePeople } from "./usePeople";
import styles from "./FacilitatorPanel.module.css";
import teacher from "./Teacher.module.css";

interface PeopleSectionProps {
  boardId: string;
  memberToken: string | undefined;
  /** The facilitator's own member id: they are marked "you". */
  selfId: string | null;
  session: SessionState;
  roster: RosterView | null;
  online: ReadonlySet<string>;
  command(cmd: Command): Promise<CommandAck>;
}

/**
 * The class list: everyone who joined, with their role and team, to rename, reassign or remove.
 * Removed people stay listed below (their work still counts in the review).
 */
export function PeopleSection({ boardId, memberToken, selfId, session, roster, online, command }: PeopleSectionProps) {
  const { state, reload } = usePeople(boardId, memberToken, roster);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);
  const titleId = useId();

  const change = async (person: Person, body: { displayName?: string; role?: Role }): Promise<string | null> => {
    const result = await teacherRequest(boardId, memberToken, `/members/${encodeURIComponent(person.id)}`, "PATCH", body);
    reload();
    return result.ok ? null : result.message;
  };
  const assign = async (person: Person, teamId: string | null) => {
    const ack = await command({ type: "assign-team", memberId: person.id, teamId });
    setError(ack.ok ? null : ack.message);
  };
  const confirmRemove = async () => {
    if (!removing) return;
    const result = await teacherRequest(boardId, memberToken, `/members/${encodeURIComponent(removing.id)}`, "DELETE");
    setError(result.ok ? null : result.message);
    setRemoving(null);
    reload();
  };

  if (state.status === "loading") return <p className={`${styles.sectionBody} ${styles.hint}`}>Loading the class list…</p>;
  if (state.status === "error") return <p className={`${styles.sectionBody} error-text`}>{state.message}</p>;
  const present = state.people
    .filter((p) => p.removedAt === null)
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || Number(online.has(b.id)) - Number(online.has(a.id)) || a.displayName.localeCompare(b.displayName));
  const removed = state.people.filter((p) => p.removedAt !== null);

  return (
    <div className={styles.sectionBody} data-testid="people-section">
      <p className={styles.hint}>
        {present.length} {present.length === 1 ? "person" : "people"} on this board. Changing someone&apos;s role or name takes effect on their screen at once.
      </p>
      <ul className={teacher.list}>
        {present.map((person) => (
          <PersonRow
            key={person.id}
            person={person}
            self={person.id === selfId}
            online={online.has(person.id)}
            teams={session.teams}
            teamId={session.assignments[person.id] ?? null}
            onChange={(body) => change(person, body)}
            onAssign={(teamId) => assign(person, teamId)}
            onRemove={() => setRemoving(person)}
          />
        ))}
      </ul>
      {removed.length ? (
        <details>
          <summary className={styles.hint}>Removed ({removed.length})</summary>
          <ul className={teacher.removedList}>
            {removed.map((p) => (
              <li key={p.id} className={teacher.removed} data-testid="removed-person">
                {p.displayName}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <InlineError message={error} />
      <Modal open={removing !== null} onCancel={() => setRemoving(null)} labelledBy={titleId} role="alertdialog" testId="remove-dialog">
        <h2 id={titleId} className="dialog-title">
          Remove {removing?.displayName} from this board?
        </h2>
        <p className="dialog-hint">
          They are disconnected now and their link stops working. Their arguments and votes stay on the board and in the review. To keep them
          from joining again with the code, reissue the join code under Invite.
        </p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setRemoving(null)}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={() => void confirmRemove()} data-testid="confirm-remove">
            Remove {removing?.displayName}
          </button>
        </div>
      </Modal>
    </div>
  );
}
