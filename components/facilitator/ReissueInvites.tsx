"use client";
import { useState } from "react";
import type { Role } from "@/lib/board/roles";
import { InlineError } from "@/components/common/InlineError";
import { teacherRequest } from "./teacher-requests";
import type { Invites } from "./useInvites";
import styles from "./FacilitatorPanel.module.css";
import teacher from "./Teacher.module.css";

interface ReissueInvitesProps {
  boardId: string;
  memberToken: string | undefined;
  onReissued(invites: Invites): void;
}

type Choice = { label: string; roles: Role[]; joinCode: boolean; testId: string };

const CHOICES: Choice[] = [
  { label: "Join code and participant link", roles: ["participant"], joinCode: true, testId: "reissue-participant" },
  { label: "Observer and projector link", roles: ["observer"], joinCode: false, testId: "reissue-observer" },
  { label: "Co-facilitator link", roles: ["facilitator"], joinCode: false, testId: "reissue-facilitator" },
];

/**
 * Revoke & reissue: the old code or link stops working at once (someone shared it beyond the class,
 * or a removed student should not come back); people already on the board stay.
 */
export function ReissueInvites({ boardId, memberToken, onReissued }: ReissueInvitesProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reissue = async (choice: Choice) => {
    setBusy(true);
    const result = await teacherRequest<Invites>(boardId, memberToken, "/invites/reissue", "POST", { roles: choice.roles, joinCode: choice.joinCode });
    setBusy(false);
    setError(result.ok ? null : result.message);
    if (result.ok) {
      onReissued(result.value);
      setDone(`${choice.label}: the old one no longer works; share the new one above.`);
    }
  };
  return (
    <details>
      <summary className={styles.hint}>Revoke &amp; reissue…</summary>
      <div className={teacher.reissue}>
        <p className={styles.hint}>The old code or link stops working at once. People already on the board stay.</p>
        <div className={styles.rowActions}>
          {CHOICES.map((choice) => (
            <button key={choice.testId} type="button" className="btn btn-sm" disabled={busy} onClick={() => void reissue(choice)} data-testid={choice.testId}>
              {choice.label}
            </button>
          ))}
        </div>
        {done ? (
          <p className={styles.hint} role="status">
            {done}
          </p>
        ) : null}
        <InlineError message={error} />
      </div>
    </details>
  );
}
