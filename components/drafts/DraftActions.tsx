"use client";
import { useState } from "react";
import type { TeamDraft } from "./draft-groups";
import type { TeamDraftsUi } from "./useTeamDrafts";
import styles from "./Drafts.module.css";

/**
 * Edit and Delete for one draft, on its card and in the drafts panel. Delete asks once more in place:
 * a draft has no undo, but a full dialog would be heavy for something only the team has seen.
 */
export function DraftActions({ ui, draft }: { ui: TeamDraftsUi; draft: TeamDraft }) {
  const [confirming, setConfirming] = useState(false);
  if (!ui.canChange(draft)) return null;
  if (confirming) {
    return (
      <span className={styles.actions} role="group" aria-label="Confirm deleting the draft">
        <span className={styles.ask}>Delete this draft?</span>
        <button type="button" className="btn btn-ghost btn-sm btn-danger-text" data-testid="draft-delete-confirm" onClick={() => void ui.remove(draft)}>
          Delete
        </button>
        <button type="button" className="btn btn-ghost btn-sm" autoFocus onClick={() => setConfirming(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <span className={styles.actions}>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        data-testid="draft-edit"
        disabled={!ui.active}
        title={ui.active ? "Open this draft in the editor" : "Drafting is over: drafts can no longer be changed, only revealed or deleted."}
        onClick={() => ui.edit(draft)}
      >
        Edit
      </button>
      <button type="button" className="btn btn-ghost btn-sm btn-danger-text" data-testid="draft-delete" onClick={() => setConfirming(true)}>
        Delete
      </button>
    </span>
  );
}
