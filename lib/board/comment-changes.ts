import * as Y from "yjs";
import { commentsMap, parseCommentFields, type Comment } from "./comments";

/** One comment as an update leaves it: created (before null), changed, or deleted (after null). */
export interface CommentChange {
  id: string;
  before: Comment | null;
  after: Comment | null;
}

/** What an update did to the comments: the records it touched, or why its shape alone is refused. */
export type CommentChanges = { ok: true; ids: string[]; before: ReadonlyMap<string, Comment | null> } | { ok: false; message: string };

/**
 * Watches a trial document's comments while one update is applied to it, and remembers each touched
 * comment as it stood before. The "before" comes from the update's own events (Yjs hands over the
 * overwritten values), so comments accepted in a pending group commit, which are on the trial copy but
 * not yet in the live document, read right without the room tracking them. Call `finish` after applying.
 */
export function watchCommentChanges(trial: Y.Doc): { finish(): CommentChanges } {
  const root = commentsMap(trial);
  const before = new Map<string, Comment | null>();
  let malformed: string | null = null;
  const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    // Yjs sorts the events by depth: a record added by this update is seen as new before its fields are.
    for (const event of events) {
      if (event.target === root) {
        if (event.changes.delta.length > 0) malformed ??= "The comments section is a map, not a list.";
        for (const [id, change] of event.changes.keys) {
          if (before.has(id)) continue;
          before.set(id, change.action === "add" ? null : parseCommentFields(id, rawFields(change.oldValue, event.transaction)));
        }
      } else if (event.path.length === 1 && typeof event.path[0] === "string" && event.target instanceof Y.Map) {
        const id = event.path[0];
        if (before.has(id)) continue;
        const fields = event.target.toJSON() as Record<string, unknown>;
        for (const [field, change] of event.changes.keys) {
          if (change.action === "add") delete fields[field];
          else fields[field] = change.oldValue;
        }
        before.set(id, parseCommentFields(id, fields));
      } else {
        // Fields are plain values; a nested Yjs type is not a comment field.
        malformed ??= "A comment's fields are plain values.";
      }
    }
  };
  root.observeDeep(onEvents);
  return {
    finish() {
      root.unobserveDeep(onEvents);
      return malformed ? { ok: false, message: malformed } : { ok: true, ids: [...before.keys()], before };
    },
  };
}

/**
 * The fields of a record map this very update deleted, as they stood before it. Its entries are
 * tombstones now (so toJSON reads empty), but their content survives until the transaction's garbage
 * collection, after the events. A field value the same update wrote into the doomed record is skipped
 * for the one it replaced: otherwise a client could sign someone's comment over to itself and delete it
 * in one go.
 */
function rawFields(value: unknown, transaction: Y.Transaction): Record<string, unknown> | null {
  if (!(value instanceof Y.Map)) return null;
  const isNew = (item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  const fields: Record<string, unknown> = {};
  for (const [key, latest] of (value as Y.Map<unknown>)._map) {
    let item: Y.Item | null = latest;
    while (item && isNew(item)) item = item.left;
    if (!item) continue;
    const content = item.content.getContent();
    fields[key] = content[content.length - 1];
  }
  return fields;
}
