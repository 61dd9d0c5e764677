import { currentPhase, type SessionState } from "../session/session";
import type { ArgumentChange } from "./permissions";
import type { Actor } from "./roles";

/**
 * The phase rules for moves. During openings only top-level arguments may be added, during rebuttals
 * only replies; a participant's move to a new parent lands the argument there as if it were new, so
 * it must land where a new argument could be added (otherwise moving a reply to a lane would post a
 * late opening). Reordering under the same parent adds nothing and stays allowed; facilitators are
 * bound by no phase. Returns the reason to show, or null.
 */
export function movePhaseRefusal(actor: Actor, session: SessionState, changes: readonly ArgumentChange[], isPosition: (id: string) => boolean): string | null {
  if (actor.role === "facilitator") return null;
  const phase = currentPhase(session);
  if (!phase || (phase.rule !== "openings" && phase.rule !== "rebuttals")) return null;
  for (const { before, after } of changes) {
    if (!before || !after || before.parentId === after.parentId) continue;
    const toLane = isPosition(after.parentId);
    if (phase.rule === "openings" && !toLane) return `During ${phase.name}, arguments can only be moved to a position's lane, not under other arguments.`;
    if (phase.rule === "rebuttals" && toLane) return `During ${phase.name}, a reply cannot be moved out to a position's lane.`;
  }
  return null;
}
