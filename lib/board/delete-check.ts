import type * as Y from "yjs";
import type { Argument } from "./argument";
import { argumentsMap, parseArgumentRecord } from "./doc";
import type { ArgumentChange } from "./permissions";
import type { Actor } from "./roles";
import type { Settings } from "../session/session";

/**
 * A deletion may not hide what its sender could not delete. The editor deletes an argument with its
 * whole thread (deleteArgument), which needs the right to delete every reply in it; a crafted update
 * that removes only the parent record would instead leave the replies as invisible orphans — other
 * people's rebuttals gone from the board without their consent. The same check refuses a delete that
 * crossed a reply someone posted meanwhile: the deleter's client reloads, sees the reply and decides
 * again, instead of the reply vanishing silently.
 *
 * Reads the arguments as the update leaves them (`trial`). Facilitators, and everyone on a co-editing
 * board, may delete any argument, so nothing they hide is beyond their rights. Returns the reason, or null.
 */
export function hiddenRepliesRefusal(trial: Y.Doc, actor: Actor, settings: Pick<Settings, "coEditing">, changes: readonly ArgumentChange[]): string | null {
  const deleted = changes.filter((c) => c.before !== null && c.after === null).map((c) => c.id);
  if (deleted.length === 0 || actor.role === "facilitator" || settings.coEditing) return null;
  const children = new Map<string, Argument[]>();
  for (const [key, value] of argumentsMap(trial).entries()) {
    const arg = parseArgumentRecord(key, value);
    if (arg) children.set(arg.parentId, [...(children.get(arg.parentId) ?? []), arg]);
  }
  const seen = new Set<string>(deleted);
  const queue = [...deleted];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      if (actor.memberId === null || child.authorId !== actor.memberId) {
        return `${child.authorName} has replied to it: only a facilitator can remove a thread with other people's replies.`;
      }
      queue.push(child.id);
    }
  }
  return null;
}
