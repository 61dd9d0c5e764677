import type { Argument } from "../board/argument";
import type { Position } from "../board/position";
import type { Actor } from "../board/roles";
import { teamOf, type SessionState, type Team } from "./session";

/**
 * "Teams post only on their side": a participant on a team may only add arguments that argue for the
 * position their team defends. An argument argues for or against the position at the root of its
 * tree: "for" keeps its parent's direction, "against" flips it. So a Team US student may open under
 * the US position ("for"), attack another position ("against" it), rebut an opponent's argument, or
 * defend their own side's, but never make the other side's case.
 *
 * The rule binds participants who are on a team; facilitators, and people on no team, are free.
 */

/** The position an argument's tree hangs from and whether, through its chain of stances, it argues for it. */
export interface ArgumentSide {
  positionId: string;
  argues: "for" | "against";
}

/** Whether the facilitator's setting is on: it defaults to on as soon as the board has teams. */
export function teamSidesEnforced(session: Pick<SessionState, "settings" | "teams">): boolean {
  return session.teams.length > 0 && session.settings.teamSides !== false;
}

/**
 * Which side `argument` argues, following its parents with `getArgument` (a parent that is not an
 * argument is the position). A chain longer than the board could hold stops at the last parent found.
 */
export function sideOf(argument: Pick<Argument, "positionId" | "parentId" | "stance">, getArgument: (id: string) => Pick<Argument, "parentId" | "stance"> | null): ArgumentSide {
  let flips = argument.stance === "against" ? 1 : 0;
  let parentId = argument.parentId;
  const seen = new Set<string>();
  for (let parent = getArgument(parentId); parent && !seen.has(parentId); parent = getArgument(parentId)) {
    seen.add(parentId);
    if (parent.stance === "against") flips++;
    parentId = parent.parentId;
  }
  return { positionId: argument.positionId, argues: flips % 2 === 0 ? "for" : "against" };
}

/** Whether an argument on `side` makes the case of `team`'s position. */
export function arguesForTeam(side: ArgumentSide, team: Pick<Team, "positionId">): boolean {
  return side.positionId === team.positionId ? side.argues === "for" : side.argues === "against";
}

/**
 * Why `actor` may not post `argument` under the side rule, or null when they may. `positions` names
 * the sides in the message; `getArgument` reads the argument's parents (as they will stand).
 */
export function sideRefusal(
  actor: Actor,
  session: SessionState,
  argument: Pick<Argument, "positionId" | "parentId" | "stance">,
  getArgument: (id: string) => Pick<Argument, "parentId" | "stance"> | null,
  positions: readonly Pick<Position, "id" | "label">[],
): string | null {
  if (actor.role === "facilitator" || !teamSidesEnforced(session)) return null;
  const team = teamOf(session, actor.memberId);
  if (!team) return null;
  const side = sideOf(argument, getArgument);
  if (arguesForTeam(side, team)) return null;
  const label = (id: string) => positions.find((p) => p.id === id)?.label ?? "the other side";
  const other = side.argues === "for" ? `argues for "${label(side.positionId)}"` : `argues against your own side`;
  return `${team.name} argues for "${label(team.positionId)}", and this ${other}: teams post only on their side.`;
}
