"use client";
import type { Draft } from "@/components/board/useArgumentDraft";
import { usePersonalDraftsUi } from "./usePersonalDrafts";
import styles from "./Drafts.module.css";

/** Tells the writer, inside the editor, why Save keeps a quoteless argument as a private draft. */
export function PersonalDraftNote({ draft }: { draft: Draft }) {
  const ui = usePersonalDraftsUi();
  if (!ui || ui.route(draft) !== "keep") return null;
  return (
    <p className={styles.editorNote} data-testid="editor-personal-note">
      {draft.personalDraftId ? "Editing your draft. " : ""}This board asks every argument to cite the article. Without a quote, Save keeps this as a
      draft only you see; cite a passage to post it.
    </p>
  );
}

/** The Save button's words: what it will do with this draft. */
export function useSaveLabel(draft: Draft): string {
  const ui = usePersonalDraftsUi();
  if (ui?.route(draft) === "keep") return "Save as draft (only you see it)";
  if (draft.target.kind === "edit") return "Save changes";
  return draft.personalDraftId ? "Post" : "Save";
}
