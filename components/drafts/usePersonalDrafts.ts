"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { BoardState } from "@/lib/board/doc";
import type { Role } from "@/lib/board/roles";
import { mustCiteOn } from "@/lib/board/must-cite";
import type { Command } from "@/lib/session/commands";
import type { CommandAck, PersonalDraftsView } from "@/lib/protocol/protocol";
import type { SessionState } from "@/lib/session/session";
import type { Draft } from "@/components/board/useArgumentDraft";
import { recordFromEditor } from "./draft-record";
import { citeRoute, type CiteRoute } from "./personal-save";
import type { SaveOutcome } from "./useTeamDrafts";

export type PersonalDraft = PersonalDraftsView["drafts"][number];

/** The writer's personal drafts: quoteless arguments on a mustCite board, kept for them alone. */
export interface PersonalDraftsUi {
  /** The board asks every argument to cite the source. */
  mustCite: boolean;
  drafts: PersonalDraft[];
  /** Where Save sends the editor's work (components/drafts/personal-save.ts). */
  route(draft: Draft): CiteRoute;
  /** Keeps the editor's work as a personal draft (a new one, or `draft.personalDraftId` replaced). */
  save(draft: Draft): Promise<SaveOutcome>;
  /** Reopens a personal draft in the editor. */
  edit(draft: PersonalDraft): void;
  remove(id: string): Promise<void>;
  /** The draft `draftId` went onto the board as `argumentId`: drop it once the server has stored that. */
  posted(draftId: string, argumentId: string): void;
}

interface PersonalDraftsInput {
  board: BoardState | null;
  source: string;
  session: SessionState | null;
  me: { role: Role; memberId: string | null } | null;
  view: PersonalDraftsView | null;
  /** Local changes the server has not yet stored or refused (useBoard's `pending`). */
  pending: number;
  displayName: string | null;
  command(command: Command): Promise<CommandAck>;
  resume(draft: Draft): void;
  onError(message: string): void;
}

const NONE: PersonalDraft[] = [];

/** Builds the personal-drafts context value; null for guests and observers (they keep no drafts). */
export function usePersonalDrafts({ board, source, session, me, view, pending, displayName, command, resume, onError }: PersonalDraftsInput): PersonalDraftsUi | null {
  const drafts = view?.drafts ?? NONE;
  const memberId = me?.memberId ?? null;
  const facilitator = me?.role === "facilitator";
  const settings = session?.settings ?? null;
  // Two quick clicks must not file the same text twice under two ids.
  const saving = useRef(false);

  const save = useCallback(
    async (draft: Draft): Promise<SaveOutcome> => {
      if (saving.current) return { ok: false, message: "Still saving the draft…" };
      const previous = drafts.find((d) => d.id === draft.personalDraftId)?.argument ?? null;
      const record = recordFromEditor({ board, source, session, memberId, displayName, facilitator }, draft, previous);
      if (!record.ok) return record;
      saving.current = true;
      const ack = await command({ type: "save-personal-draft", argument: record.value }).finally(() => (saving.current = false));
      return ack.ok ? { ok: true, id: record.value.id } : { ok: false, message: ack.message };
    },
    [board, memberId, session, displayName, facilitator, drafts, source, command],
  );

  const edit = useCallback(
    ({ id, argument }: PersonalDraft) => {
      const { positionId, stance, text, quotes } = argument;
      if (argument.parentId === positionId) return resume({ target: { kind: "new" }, positionId, stance, text, quotes, error: null, personalDraftId: id });
      const parent = board?.arguments.find((a) => a.id === argument.parentId);
      if (!parent) return onError("The argument this draft replies to has been deleted: copy its text into a new argument.");
      resume({ target: { kind: "reply", parent }, positionId, stance, text, quotes, error: null, personalDraftId: id });
    },
    [board, resume, onError],
  );

  const remove = useCallback(
    async (id: string) => {
      const ack = await command({ type: "delete-draft", id });
      if (!ack.ok) onError(ack.message);
    },
    [command, onError],
  );

  // A posted draft is deleted only once nothing is pending: a post the server refused (the phase
  // moved on, say) has left the board by then, and the draft stays for another try.
  const [posting, setPosting] = useState<{ draftId: string; argumentId: string }[]>([]);
  const posted = useCallback((draftId: string, argumentId: string) => setPosting((list) => [...list, { draftId, argumentId }]), []);
  useEffect(() => {
    if (pending > 0 || posting.length === 0 || !board) return;
    for (const p of posting) if (board.arguments.some((a) => a.id === p.argumentId)) void remove(p.draftId);
    setPosting([]);
  }, [pending, posting, board, remove]);

  return useMemo(() => {
    if (!memberId || !me || me.role === "observer") return null;
    return { mustCite: settings ? mustCiteOn(settings) : false, drafts, route: (draft: Draft) => citeRoute(settings, draft), save, edit, remove, posted };
  }, [memberId, me, settings, drafts, save, edit, remove, posted]);
}

export const PersonalDraftsContext = createContext<PersonalDraftsUi | null>(null);

/** The personal-drafts context, or null where there are none (guests, observers, the review screen). */
export function usePersonalDraftsUi(): PersonalDraftsUi | null {
  return useContext(PersonalDraftsContext);
}
