import { ANONYMOUS_NAME, closedReason, currentPhase, type SessionState } from "../session/session";
import type { Argument } from "./argument";
import type { Actor } from "./roles";

/** One argument as an update leaves it: created (before null), changed, or deleted (after null). */
export interface ArgumentChange {
  id: string;
  before: Argument | null;
  after: Argument | null;
}

/**
 * The board's permission rules, applied by the server to every update before it is saved.
 * Returns null when `actor` may make these changes, else the reason to show them.
 * `session` is the session in force before the update (a lock binds until a facilitator lifts it).
 * `isPosition` tells whether an id is a position (a top-level argument's parent).
 */
export function authorizeUpdate(actor: Actor, session: SessionState, changes: ArgumentChange[], isPosition: (id: string) => boolean): string | null {
  // An update that changes no argument (the empty Step 2 every up-to-date client answers the server's
  // Step 1 with) asks for nothing; refusing it would make observers and locked-out participants reset forever.
  if (changes.length === 0) return null;
  if (actor.role === "observer") return "Observers can follow the board but not change it.";
  const facilitator = actor.role === "facilitator";
  if (!facilitator) {
    const closed = closedReason(session);
    if (closed) return closed;
    if (session.settings.locked) return "The facilitator has locked the board.";
    const phaseDenial = phaseRule(session, changes, isPosition);
    if (phaseDenial) return phaseDenial;
  }
  for (const change of changes) {
    if (session.settings.anonymous && !facilitator && change.after && change.after.authorName !== ANONYMOUS_NAME && change.after.authorName !== change.before?.authorName) {
      return `This board is anonymous: arguments are posted as "${ANONYMOUS_NAME}".`;
    }
    if (change.before === null) {
      // Authorship is what every later rule hangs on: nobody may write in someone else's name.
      if (actor.memberId !== null && change.after?.authorId !== actor.memberId) return "A new argument must carry your own name.";
      const signature = expectedSignature(actor, session);
      if (signature !== null && change.after && change.after.authorName !== signature) return `Sign your arguments as "${signature}".`;
      continue;
    }
    const own = actor.memberId !== null && change.before.authorId === actor.memberId;
    if (!own && !facilitator && !session.settings.coEditing) {
      const verb = change.after === null ? "delete" : "change";
      return `Only ${change.before.authorName} or a facilitator can ${verb} "${preview(change.before.text)}".`;
    }
  }
  return null;
}

/** What the current phase lets participants add. Edits of existing arguments follow the other rules. */
function phaseRule(session: SessionState, changes: ArgumentChange[], isPosition: (id: string) => boolean): string | null {
  const phase = currentPhase(session);
  if (!phase) return null;
  const added = changes.filter((c) => c.before === null && c.after !== null).map((c) => c.after!);
  switch (phase.rule) {
    case "anything":
      return null;
    case "drafting":
      return session.settings.privateDrafting && added.length > 0 ? "During drafting, new arguments go to your team's drafts." : null;
    case "openings":
      return added.some((a) => !isPosition(a.parentId)) ? `During ${phase.name}, only opening arguments (not replies) can be added.` : null;
    case "rebuttals":
      return added.some((a) => isPosition(a.parentId)) ? `During ${phase.name}, only replies to existing arguments can be added.` : null;
    case "voting":
    case "closed":
      return changes.length > 0 ? `During ${phase.name}, arguments cannot be added or changed.` : null;
  }
}

/** The author name a member's new argument must carry, or null when it cannot be checked (a guest). */
export function expectedSignature(actor: Actor, session: SessionState): string | null {
  if (actor.memberId === null || !actor.displayName) return null;
  return session.settings.anonymous && actor.role !== "facilitator" ? ANONYMOUS_NAME : actor.displayName;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
