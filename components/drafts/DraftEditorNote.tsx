"use client";
import type { Draft } from "@/components/board/useArgumentDraft";
import { useTeamDraftsUi } from "./useTeamDrafts";
import styles from "./Drafts.module.css";

/** Tells the writer, inside the editor, that Save goes to the team's drafts rather than the board. */
export function DraftEditorNote({ draft }: { draft: Draft }) {
  const ui = useTeamDraftsUi();
  if (!ui || (!ui.savesNew && !draft.draftId) || draft.target.kind === "edit") return null;
  return (
    <p className={styles.editorNote} data-testid="editor-draft-note">
      {draft.draftId ? "Editing a team draft. " : ""}Saving puts this in your team’s drafts{ui.myTeam ? ` (${ui.myTeam.name})` : ""}: only your team and
      the facilitator see it until the facilitator reveals all drafts.
    </p>
  );
}
