"use client";
import { createContext, useCallback, useContext, useMemo, useRef } from "react";
import type { BoardState } from "@/lib/board/doc";
import type { Position } from "@/lib/board/position";
import type { Role } from "@/lib/board/roles";
import type { Command } from "@/lib/session/commands";
import { teamOf, type SessionState, type Team } from "@/lib/session/session";
import type { CommandAck } from "@/lib/protocol/protocol";
import type { DraftsView } from "@/components/sync/board-client";
import type { Draft } from "@/components/board/useArgumentDraft";
import { recordFromEditor } from "./draft-record";
import { placeDrafts, privateDraftingActive, type DraftPlaces, type TeamDraft } from "./draft-groups";

export type SaveOutcome = { ok: true; id: string } | { ok: false; message: string };

/** Private team drafts as this person sees them, and what they can do with them. */
export interface TeamDraftsUi {
  /** Private drafting is on and a drafting phase is in force. */
  active: boolean;
  /** This person's new arguments go to drafts now: a participant while `active` (facilitators still post). */
  savesNew: boolean;
  /** The facilitator has switched private drafting on (whatever the phase). */
  enabled: boolean;
  facilitator: boolean;
  memberId: string;
  myTeam: Team | null;
  teams: Team[];
  /** The drafts the server lets this person see: their team's, or all of them for facilitators. */
  drafts: TeamDraft[];
  places: DraftPlaces;
  positions: Position[];
  /** Own drafts, or any for a facilitator (the server's rule). */
  canChange(draft: TeamDraft): boolean;
  /** Sends the editor's work to the team's drafts (a new draft, or `draft.draftId` replaced). */
  save(draft: Draft): Promise<SaveOutcome>;
  /** Reopens a draft in the editor. */
  edit(draft: TeamDraft): void;
  remove(draft: TeamDraft): Promise<void>;
  reveal(): Promise<CommandAck>;
}

interface TeamDraftsInput {
  board: BoardState | null;
  source: string;
  session: SessionState | null;
  me: { role: Role; memberId: string | null } | null;
  view: DraftsView | null;
  /** The name this person writes under. */
  displayName: string | null;
  command(command: Command): Promise<CommandAck>;
  resume(draft: Draft): void;
  onError(message: string): void;
}

const NO_DRAFTS: TeamDraft[] = [];
const NO_POSITIONS: Position[] = [];

/** Builds the team-drafts context value; null for guests and observers (they do not draft). */
export function useTeamDrafts({ board, source, session, me, view, displayName, command, resume, onError }: TeamDraftsInput): TeamDraftsUi | null {
  const drafts = view?.drafts ?? NO_DRAFTS;
  const places = useMemo(() => placeDrafts(drafts), [drafts]);
  const memberId = me?.memberId ?? null;
  const facilitator = me?.role === "facilitator";

  // A second Save while the first is on its way would file the same text twice under two new ids.
  const saving = useRef(false);
  const save = useCallback(
    async (draft: Draft): Promise<SaveOutcome> => {
      if (saving.current) return { ok: false, message: "Still saving the draft…" };
      const previous = drafts.find((d) => d.id === draft.draftId)?.argument ?? null;
      const record = recordFromEditor({ board, source, session, memberId, displayName, facilitator }, draft, previous);
      if (!record.ok) return record;
      saving.current = true;
      const ack = await command({ type: "save-draft", argument: record.value }).finally(() => (saving.current = false));
      return ack.ok ? { ok: true, id: record.value.id } : { ok: false, message: ack.message };
    },
    [board, memberId, session, displayName, facilitator, drafts, source, command],
  );

  const edit = useCallback(
    (d: TeamDraft) => {
      const { argument } = d;
      const { positionId, stance, text, quotes } = argument;
      if (argument.parentId === positionId) return resume({ target: { kind: "new" }, positionId, stance, text, quotes, error: null, draftId: d.id });
      const parent = board?.arguments.find((a) => a.id === argument.parentId);
      if (!parent) return onError("The argument this draft replies to has been deleted, so the draft can no longer be placed.");
      resume({ target: { kind: "reply", parent }, positionId, stance, text, quotes, error: null, draftId: d.id });
    },
    [board, resume, onError],
  );

  const remove = useCallback(
    async (d: TeamDraft) => {
      const ack = await command({ type: "delete-draft", id: d.id });
      if (!ack.ok) onError(ack.message);
    },
    [command, onError],
  );

  const reveal = useCallback(() => command({ type: "reveal-drafts" }), [command]);

  return useMemo(() => {
    // Observers neither draft nor see drafts (the server sends them none).
    if (!session || !memberId || !me || me.role === "observer") return null;
    return {
      active: privateDraftingActive(session),
      savesNew: privateDraftingActive(session) && me.role === "participant",
      enabled: session.settings.privateDrafting,
      facilitator,
      memberId,
      myTeam: teamOf(session, memberId),
      teams: session.teams,
      drafts,
      places,
      positions: board?.positions ?? NO_POSITIONS,
      canChange: (d: TeamDraft) => facilitator || d.memberId === memberId,
      save,
      edit,
      remove,
      reveal,
    };
  }, [session, memberId, me, facilitator, drafts, places, board, save, edit, remove, reveal]);
}

export const TeamDraftsContext = createContext<TeamDraftsUi | null>(null);

/** The team-drafts context, or null where there are none (open boards, the review screen). */
export function useTeamDraftsUi(): TeamDraftsUi | null {
  return useContext(TeamDraftsContext);
}
