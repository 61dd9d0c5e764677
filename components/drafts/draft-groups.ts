import type { Stance } from "@/lib/board/argument";
import { currentPhase, type SessionState, type Team } from "@/lib/session/session";
import type { DraftsView } from "@/components/sync/board-client";

export type TeamDraft = DraftsView["drafts"][number];

/** The team id the server files a facilitator's drafts under when the facilitator has no team. */
export const FACILITATOR_TEAM_ID = "facilitators";

/**
 * True while new arguments go to team drafts instead of the board: the facilitator switched private
 * drafting on and the phase in force is a drafting phase. The server applies the same test.
 */
export function privateDraftingActive(session: SessionState | null): boolean {
  return Boolean(session?.settings.privateDrafting && currentPhase(session)?.rule === "drafting");
}

export const laneKey = (positionId: string, stance: Stance) => `${positionId}:${stance}`;

export interface DraftPlaces {
  /** Opening-argument drafts by lane (`laneKey`), oldest first. */
  lanes: Map<string, TeamDraft[]>;
  /** Reply drafts by the id of the board argument they answer, oldest first. */
  replies: Map<string, TeamDraft[]>;
}

/** Where each draft shows on the board: in its lane, or under the card it replies to. */
export function placeDrafts(drafts: TeamDraft[]): DraftPlaces {
  const lanes = new Map<string, TeamDraft[]>();
  const replies = new Map<string, TeamDraft[]>();
  const ordered = [...drafts].sort((a, b) => a.argument.createdAt - b.argument.createdAt);
  for (const draft of ordered) {
    const { positionId, parentId, stance } = draft.argument;
    const [map, key] = parentId === positionId ? [lanes, laneKey(positionId, stance)] : [replies, parentId];
    map.set(key, [...(map.get(key) ?? []), draft]);
  }
  return { lanes, replies };
}

export interface TeamGroup {
  teamId: string;
  /** Display name: the team's, "Facilitators", or the raw id for a team removed since. */
  name: string;
  team: Team | null;
  drafts: TeamDraft[];
}

/** Drafts grouped by team in the session's team order; groups with no drafts are left out. */
export function groupByTeam(drafts: TeamDraft[], teams: Team[]): TeamGroup[] {
  const groups = new Map<string, TeamDraft[]>();
  for (const draft of drafts) groups.set(draft.teamId, [...(groups.get(draft.teamId) ?? []), draft]);
  const rank = (teamId: string) => {
    const index = teams.findIndex((t) => t.id === teamId);
    return index === -1 ? teams.length + (teamId === FACILITATOR_TEAM_ID ? 0 : 1) : index;
  };
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([teamId, list]) => {
      const team = teams.find((t) => t.id === teamId) ?? null;
      return { teamId, team, name: team?.name ?? (teamId === FACILITATOR_TEAM_ID ? "Facilitators" : teamId), drafts: list };
    });
}
