import type { Argument } from "./argument";
import type { Actor, SessionSettings } from "./roles";

/** One argument as an update leaves it: created (before null), changed, or deleted (after null). */
export interface ArgumentChange {
  id: string;
  before: Argument | null;
  after: Argument | null;
}

/**
 * The board's permission rules, applied by the server to every update before it is saved.
 * Returns null when `actor` may make these changes, else the reason to show them.
 * `settings` are the settings in force before the update (a lock binds until a facilitator lifts it).
 */
export function authorizeUpdate(actor: Actor, settings: SessionSettings, changes: ArgumentChange[], settingsChanged: boolean): string | null {
  if (actor.role === "observer") return "Observers can follow the board but not change it.";
  const facilitator = actor.role === "facilitator";
  if (settingsChanged && !facilitator) return "Only a facilitator can change the board's settings.";
  if (settings.locked && !facilitator) return "The facilitator has locked the board.";
  for (const change of changes) {
    if (change.before === null) {
      // Authorship is what every later rule hangs on: nobody may write in someone else's name.
      if (actor.memberId !== null && change.after?.authorId !== actor.memberId) return "A new argument must carry your own name.";
      continue;
    }
    const own = actor.memberId !== null && change.before.authorId === actor.memberId;
    if (!own && !facilitator && !settings.coEditing) {
      return change.after === null
        ? `Only ${change.before.authorName} or a facilitator can delete "${preview(change.before.text)}".`
        : `Only ${change.before.authorName} or a facilitator can change "${preview(change.before.text)}".`;
    }
  }
  return null;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
