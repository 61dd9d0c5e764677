"use client";
import { useCallback } from "react";
import type { Argument } from "@/lib/board/argument";
import type { ModelResult } from "@/lib/board/validate";
import type { BoardActions } from "@/components/sync/useBoard";
import type { Identity } from "@/components/identity/useIdentity";
import type { TeamDraftsUi } from "@/components/drafts/useTeamDrafts";
import type { PersonalDraftsUi } from "@/components/drafts/usePersonalDrafts";
import type { Draft, DraftControls } from "./useArgumentDraft";

interface SaveDraftOptions {
  draft: Draft | null;
  identity: Identity | null;
  actions: BoardActions;
  drafts: Pick<DraftControls, "fail" | "close">;
  /** Called with the saved argument's id, to bring its card into view. */
  onSaved(id: string): void;
  /** Private team drafts, on boards with members (components/drafts). */
  teamDrafts?: Pick<TeamDraftsUi, "savesNew" | "save"> | null;
  /** Personal drafts, on boards that ask every argument to cite the source. */
  personalDrafts?: Pick<PersonalDraftsUi, "route" | "save" | "posted"> | null;
}

/**
 * Writes the draft through the board model. The model is the rule book (empty text, quote not in the
 * source, parent deleted meanwhile…); whatever it refuses is shown in the editor in its own words.
 */
export function useSaveDraft({ draft, identity, actions, drafts, onSaved, teamDrafts, personalDrafts }: SaveDraftOptions): () => void {
  const { fail, close } = drafts;
  return useCallback(() => {
    if (!draft) return;
    if (!identity) return fail("Set your name (top right) before saving — it is shown with your argument.");
    const { text, stance, quotes, target } = draft;
    // During private drafting new arguments go to the team's drafts: the server refuses them on the board.
    if (teamDrafts && (draft.draftId || (teamDrafts.savesNew && target.kind !== "edit"))) {
      void teamDrafts.save(draft).then((saved) => (saved.ok ? (close(), onSaved(saved.id)) : fail(saved.message)));
      return;
    }
    // No quote yet on a board that asks for one: kept for the writer alone (or refused, for an edit).
    const route = personalDrafts?.route(draft) ?? "post";
    if (typeof route === "object") return fail(route.refuse);
    if (route === "keep" && personalDrafts) {
      void personalDrafts.save(draft).then((saved) => (saved.ok ? close() : fail(saved.message)));
      return;
    }
    let result: ModelResult<Argument>;
    try {
      result =
        target.kind === "edit"
          ? actions.update(target.argument.id, { text, stance, quotes })
          : actions.add({
              parentId: target.kind === "reply" ? target.parent.id : draft.positionId,
              stance,
              text,
              quotes,
              author: { id: identity.id, name: identity.name },
            });
    } catch (error) {
      // The model should answer with a result, but a browser quirk must not lose the writer's text.
      console.error("Saving the argument failed", error);
      return fail("This argument could not be saved in this browser. Copy your text, reload the page and try again.");
    }
    if (!result.ok) return fail(result.error.message);
    // A personal draft now on the board is no longer a draft.
    if (draft.personalDraftId) personalDrafts?.posted(draft.personalDraftId, result.value.id);
    close();
    onSaved(result.value.id);
  }, [draft, identity, actions, fail, close, onSaved, teamDrafts, personalDrafts]);
}
