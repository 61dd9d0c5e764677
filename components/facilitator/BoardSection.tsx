"use client";
import { useId, useState } from "react";
import type { SessionStatus } from "@/lib/session/session";
import { InlineError } from "@/components/common/InlineError";
import { Modal } from "@/components/common/Modal";
import type { DuplicatedBoard } from "@/lib/views/teacher-views";
import { rememberSeat, teacherRequest } from "./teacher-requests";
import styles from "./FacilitatorPanel.module.css";
import teacher from "./Teacher.module.css";

interface BoardSectionProps {
  boardId: string;
  title: string;
  memberToken: string | undefined;
  /** Live from the board document: when the session ended / the board was archived. */
  status: SessionStatus;
  /** The demo board is everyone's: it cannot be deleted. */
  deletable: boolean;
}

/** The end of a class: end or reopen the session, archive, duplicate for the next class, delete. */
export function BoardSection({ boardId, title, memberToken, status, deletable }: BoardSectionProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copy, setCopy] = useState<DuplicatedBoard | null>(null);
  const [deleting, setDeleting] = useState(false);
  const ended = status.endedAt !== null;
  const archived = status.archivedAt !== null;

  const act = async <T,>(name: string, path: string, method: string, body?: unknown): Promise<T | null> => {
    setBusy(name);
    const result = await teacherRequest<T>(boardId, memberToken, path, method, body);
    setBusy(null);
    setError(result.ok ? null : result.message);
    return result.ok ? result.value : null;
  };
  const duplicate = async () => {
    const seat = await act<DuplicatedBoard>("duplicate", "/duplicate", "POST");
    if (seat) {
      rememberSeat(seat);
      setCopy(seat);
    }
  };

  return (
    <div className={styles.sectionBody} data-testid="board-section">
      <p className={teacher.status} data-testid="session-status">
        <span className={teacher.pill}>{archived ? "Archived" : ended ? "Session ended" : "In session"}</span>
        {archived ? "Hidden from the board list; read-only for the class." : ended ? "The class can read the board but not change it." : "The class can take part."}
      </p>
      <div className={teacher.action}>
        <div className={styles.rowActions}>
          <button type="button" className="btn btn-sm" disabled={busy !== null} onClick={() => void act("session", "/session", "PUT", { ended: !ended })}>
            {ended ? "Reopen the session" : "End the session"}
          </button>
          <button type="button" className="btn btn-sm" disabled={busy !== null} onClick={() => void act("archive", "/archive", "PUT", { archived: !archived })}>
            {archived ? "Unarchive" : "Archive"}
          </button>
        </div>
        <p className={styles.hint}>Ending makes the board read-only for everyone but facilitators; you can reopen it at any time.</p>
      </div>
      <div className={teacher.action}>
        <div className={styles.rowActions}>
          <button type="button" className="btn btn-sm" disabled={busy !== null} onClick={() => void duplicate()}>
            {busy === "duplicate" ? "Duplicating…" : "Duplicate for the next class"}
          </button>
        </div>
        <p className={styles.hint}>Same article, positions, teams and agenda; no arguments and no members but you.</p>
        {copy ? (
          <p className={teacher.done} role="status">
            Ready: <a href={`/b/${encodeURIComponent(copy.boardId)}`} data-testid="duplicate-link">open the new board</a> (code {copy.joinCode}).
          </p>
        ) : null}
      </div>
      <div className={teacher.action}>
        <a className="btn btn-sm" href={`/b/${encodeURIComponent(boardId)}/source`} data-testid="source-revisions-link">
          Source revisions…
        </a>
        <p className={styles.hint}>Replace the article with a corrected version and review where every quote goes.</p>
      </div>
      {deletable ? (
        <div className={styles.rowActions}>
          <button type="button" className="btn btn-sm btn-ghost btn-danger-text" disabled={busy !== null} onClick={() => setDeleting(true)}>
            Delete this board…
          </button>
        </div>
      ) : null}
      <InlineError message={error} />
      <DeleteBoardDialog open={deleting} boardId={boardId} title={title} memberToken={memberToken} onCancel={() => setDeleting(false)} />
    </div>
  );
}

/** Deleting cannot be undone: the teacher types the board's title to confirm, as the server checks too. */
function DeleteBoardDialog({ open, boardId, title, memberToken, onCancel }: { open: boolean; boardId: string; title: string; memberToken: string | undefined; onCancel(): void }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const matches = typed.trim() === title.trim();
  const confirm = async () => {
    setBusy(true);
    const result = await teacherRequest(boardId, memberToken, "", "DELETE", { confirmTitle: typed });
    setBusy(false);
    if (result.ok) window.location.assign("/");
    else setError(result.message);
  };
  return (
    <Modal open={open} onCancel={onCancel} labelledBy={titleId} role="alertdialog" testId="delete-board-dialog">
      <h2 id={titleId} className="dialog-title">
        Delete this board for good?
      </h2>
      <p className="dialog-hint">
        Every argument, vote, draft and member goes, and everyone connected is sent away. This cannot be undone. Type the board&apos;s title,{" "}
        <strong>{title}</strong>, to confirm.
      </p>
      <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="The board's title" data-testid="delete-confirm-title" />
      <InlineError message={error} />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" disabled={!matches || busy} onClick={() => void confirm()} data-testid="confirm-delete-board">
          Delete the board
        </button>
      </div>
    </Modal>
  );
}
