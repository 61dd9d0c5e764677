"use client";
import { useState } from "react";
import { ROLES, type Role } from "@/lib/board/roles";
import type { Team } from "@/lib/session/session";
import { InlineError } from "@/components/common/InlineError";
import type { Person } from "@/lib/views/teacher-views";
import styles from "./FacilitatorPanel.module.css";
import teacher from "./Teacher.module.css";
import teamStyles from "./TeamsSection.module.css";

const ROLE_LABELS: Record<Role, string> = { facilitator: "Facilitator", participant: "Participant", observer: "Observer" };

interface PersonRowProps {
  person: Person;
  self: boolean;
  online: boolean;
  teams: Team[];
  teamId: string | null;
  /** Resolves with the server's refusal, or null once the change is stored. */
  onChange(body: { displayName?: string; role?: Role }): Promise<string | null>;
  onAssign(teamId: string | null): Promise<void>;
  onRemove(): void;
}

/** One person on the class list: name, role, team, and Rename / Remove. */
export function PersonRow({ person, self, online, teams, teamId, onChange, onAssign, onRemove }: PersonRowProps) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(person.displayName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (body: { displayName?: string; role?: Role }) => {
    setBusy(true);
    const refusal = await onChange(body);
    setBusy(false);
    setError(refusal);
    if (!refusal) setRenaming(false);
  };

  return (
    <li className={teacher.person} data-testid="person-row" data-name={person.displayName}>
      <span className={teamStyles.onlineDot} data-online={online || undefined} title={online ? "Here now" : "Not here now"} />
      <span className={teacher.name}>
        {person.displayName}
        {self ? <span className={teacher.you}>(you)</span> : null}
      </span>
      <span />
      {renaming ? (
        <form
          className={teacher.renameRow}
          onSubmit={(e) => {
            e.preventDefault();
            void save({ displayName: name });
          }}
        >
          <input className={`input ${styles.compact}`} value={name} onChange={(e) => setName(e.target.value)} aria-label={`New name for ${person.displayName}`} maxLength={60} autoFocus />
          <button type="submit" className="btn btn-sm btn-primary" disabled={busy || !name.trim()}>
            Save
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => (setRenaming(false), setName(person.displayName), setError(null))}>
            Cancel
          </button>
        </form>
      ) : (
        <div className={teacher.controls}>
          <select
            className={`input ${styles.compact}`}
            value={person.role}
            disabled={busy}
            aria-label={`Role of ${person.displayName}`}
            onChange={(e) => void save({ role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
          {person.role === "participant" && teams.length ? (
            <select
              className={`input ${styles.compact}`}
              value={teamId ?? ""}
              aria-label={`Team of ${person.displayName}`}
              onChange={(e) => void onAssign(e.target.value || null)}
            >
              <option value="">No team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          ) : null}
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setRenaming(true)} aria-label={`Rename ${person.displayName}`}>
            Rename
          </button>
          <button type="button" className="btn btn-sm btn-ghost btn-danger-text" onClick={onRemove} aria-label={`Remove ${person.displayName}`}>
            Remove
          </button>
        </div>
      )}
      {error ? (
        <div className={teacher.rowError}>
          <InlineError message={error} />
        </div>
      ) : null}
    </li>
  );
}
