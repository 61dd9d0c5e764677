import * as Y from "yjs";
import type { Argument } from "./argument";
import { ROOTS } from "./constants";
import { argumentsMap, readArgument, recordToJSON } from "./doc";
import { contextFor } from "./operations";
import { authorizeUpdate, type ArgumentChange } from "./permissions";
import { readSession } from "../session/session";
import { sideRefusal } from "../session/sides";
import { readPositions } from "./doc";
import { isMove, movedTooDeep, moveRefusal, positionAtRoot } from "./move";
import type { Actor } from "./roles";
import { validateArgumentRecord, type ModelError } from "./validate";
import { citeRefusal } from "./must-cite";
import { watchCommentChanges, type CommentChanges } from "./comment-changes";
import { checkCommentUpdate } from "./check-comments";
import { movePhaseRefusal } from "./move-phase";
import { hiddenRepliesRefusal } from "./delete-check";

export type UpdateRejection =
  | { code: "undecodable"; message: string }
  | { code: "incomplete-update"; message: string }
  | { code: "forbidden-root"; message: string }
  | { code: "protected-root"; message: string }
  | { code: "forbidden"; message: string; argumentId?: string }
  | { code: "invalid-content"; message: string; detail: ModelError; argumentId: string };

/**
 * `noop` is true only when the update carries nothing the server lacks: no struct it has not seen and
 * no deletion of something still present (e.g. a handshake reply from an up-to-date client). An update
 * whose items land inside deleted content changes no visible type, yet it still advances its client's
 * clock; it is NOT a no-op, because every later update from that client depends on it.
 */
export type UpdateVerdict = { ok: true; noop: boolean; changedArgumentIds: string[] } | { ok: false; rejection: UpdateRejection };

/**
 * Applies a client's update to `trial` (mutates it) and checks the result against the board's rules,
 * reading the state before the update from `before`. On rejection `trial` is left dirty: the caller
 * must rebuild it from `before`. `before` is never touched, which is what keeps a bad update from
 * harming the live document.
 *
 * `accepted` holds the argument records (null: deleted) that updates accepted after `before` but not
 * yet in it left behind (a room's pending group commit, already applied to `trial`): for those ids
 * they are the state before this update. Clients cannot change the session or the positions, so
 * those are read from `before` alone.
 */
/**
 * True when `update` certainly holds nothing `doc` lacks: no deletions, and every struct within `doc`'s
 * clocks (a new client's Step 2 is mostly that). Reads the update's metadata only, so a room can answer
 * such an update without building its trial copy (a copy of the whole document). False when unsure or
 * undecodable: checkBoardUpdate then decides.
 */
export function carriesNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    const { to } = Y.parseUpdateMeta(update);
    for (const [client, clock] of to) if (clock > Y.getState(doc.store, client)) return false;
    return Y.decodeUpdate(update).ds.clients.size === 0;
  } catch {
    return false;
  }
}

export function checkBoardUpdate(
  before: Y.Doc,
  trial: Y.Doc,
  update: Uint8Array,
  source: string,
  actor?: Actor,
  accepted?: ReadonlyMap<string, Argument | null>,
): UpdateVerdict {
  const readBefore = (id: string): Argument | null => (accepted?.has(id) ? (accepted.get(id) ?? null) : readArgument(before, id));
  // Every type the update touched, with the map keys it touched (null for list-like changes).
  const changed = new Map<Y.AbstractType<unknown>, Set<string | null>>();
  let carriesNews = false;
  const collect = (tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0 || !sameClocks(tr.beforeState, tr.afterState)) carriesNews = true;
    for (const [type, keys] of tr.changed) {
      const seen = changed.get(type as Y.AbstractType<unknown>) ?? new Set<string | null>();
      for (const key of keys) seen.add(key);
      changed.set(type as Y.AbstractType<unknown>, seen);
    }
  };
  // A root first created by applyUpdate is a generic type that getMap later swaps for a new Y.Map,
  // stranding the types recorded in `changed`; giving the board's roots their real type first keeps
  // the comparisons below meaningful.
  for (const name of Object.values(ROOTS)) trial.getMap(name);
  trial.on("afterTransaction", collect);
  const commentWatch = watchCommentChanges(trial);
  let commentChanges: CommentChanges;
  try {
    Y.applyUpdate(trial, update);
  } catch {
    return reject({ code: "undecodable", message: "The update could not be decoded." });
  } finally {
    trial.off("afterTransaction", collect);
    commentChanges = commentWatch.finish();
  }
  if (trial.store.pendingStructs || trial.store.pendingDs) {
    return reject({ code: "incomplete-update", message: "The update depends on changes the server has not seen; resync first." });
  }

  const roots = new Map<Y.AbstractType<unknown>, string>();
  for (const [name, type] of trial.share) roots.set(type as Y.AbstractType<unknown>, name);
  const argumentsRoot = argumentsMap(trial) as unknown as Y.AbstractType<unknown>;
  const changedIds = new Set<string>();

  for (const [type, keys] of changed) {
    const { root, recordKey } = locate(type, argumentsRoot);
    const rootName = roots.get(root);
    if (rootName === undefined || !Object.values(ROOTS).includes(rootName as never)) {
      return reject({ code: "forbidden-root", message: `A board has no "${rootName ?? "?"}" section.` });
    }
    if (rootName === ROOTS.comments) continue; // checked as a whole below (check-comments.ts)
    if (rootName !== ROOTS.arguments) return reject({ code: "protected-root", message: `Clients cannot change the board's ${rootName}.` });
    if (type === argumentsRoot) {
      // Keys of the arguments map itself that were added, replaced or removed.
      for (const key of keys) {
        if (key === null) return reject({ code: "forbidden-root", message: "The arguments section is a map, not a list." });
        changedIds.add(key);
      }
    } else if (recordKey !== null) {
      changedIds.add(recordKey);
    }
  }

  if (actor?.role === "observer" && carriesNews) {
    // Even a write that lands only in deleted content is a write, and observers make none.
    return reject({ code: "forbidden", message: "Observers can follow the board but not change it." });
  }
  if (actor) {
    const changes: ArgumentChange[] = [...changedIds]
      .map((id) => ({ id, before: readBefore(id), after: readArgument(trial, id) }))
      // Added and deleted again within the update (offline, say): it was never on the board, so it asks for nothing.
      .filter((change) => change.before !== null || change.after !== null);
    const positions = readPositions(before);
    const positionIds = new Set(positions.map((p) => p.id));
    const session = readSession(before);
    const denial = authorizeUpdate(actor, session, changes, (id) => positionIds.has(id));
    if (denial) return reject({ code: "forbidden", message: denial });
    const moveDenial = moveRefusal(actor, session.settings, changes) ?? movePhaseRefusal(actor, session, changes, (id) => positionIds.has(id));
    if (moveDenial) return reject({ code: "forbidden", message: moveDenial });
    const hides = hiddenRepliesRefusal(trial, actor, session.settings, changes);
    if (hides) return reject({ code: "forbidden", message: hides });
    // The side rule reads each argument's parents as the update leaves them; only a new argument, a
    // new stance or a new parent (a move) can change the side an argument argues.
    for (const { id, before: was, after } of changes) {
      if (!after || (was && was.stance === after.stance && was.parentId === after.parentId)) continue;
      const rooted = { ...after, positionId: positionAtRoot(after, (aid) => readArgument(trial, aid), (pid) => positionIds.has(pid)) };
      const refusal = sideRefusal(actor, session, rooted, (parentId) => readArgument(trial, parentId), positions);
      if (refusal) return reject({ code: "forbidden", message: refusal, argumentId: id });
    }
    const uncited = citeRefusal(session.settings, changes);
    if (uncited) return reject({ code: "forbidden", message: uncited.message, argumentId: uncited.argumentId });
  }

  const commentRefusal = checkCommentUpdate(trial, commentChanges, actor, readSession(before));
  if (commentRefusal?.code === "forbidden") return reject({ code: "forbidden", message: commentRefusal.message });
  if (commentRefusal) return reject({ code: "invalid-content", message: commentRefusal.message, detail: { code: "invalid-argument", message: commentRefusal.message }, argumentId: commentRefusal.argumentId });

  const ctx = contextFor(trial, source);
  for (const id of changedIds) {
    const value = argumentsMap(trial).get(id);
    if (value === undefined) continue; // a deletion; orphaned replies simply stop being shown
    const candidate = recordToJSON(value);
    const verdict = validateArgumentRecord(candidate, ctx, readBefore(id));
    if (!verdict.ok) return reject({ code: "invalid-content", message: verdict.error.message, detail: verdict.error, argumentId: id });
    if (verdict.value.id !== id) {
      return reject({
        code: "invalid-content",
        message: "An argument's id must match its key.",
        detail: { code: "invalid-argument", message: "An argument's id must match its key." },
        argumentId: id,
      });
    }
  }
  const moved = [...changedIds].filter((id) => {
    const was = readBefore(id);
    const now = readArgument(trial, id);
    return was !== null && now !== null && isMove(was, now);
  });
  const tooDeep = movedTooDeep(trial, moved);
  if (tooDeep) return reject({ code: "invalid-content", message: tooDeep.message, detail: { code: "too-deep", message: tooDeep.message }, argumentId: tooDeep.argumentId });
  return { ok: true, noop: !carriesNews, changedArgumentIds: [...changedIds] };
}

function sameClocks(before: Map<number, number>, after: Map<number, number>): boolean {
  if (before.size !== after.size) return false;
  for (const [client, clock] of after) if (before.get(client) !== clock) return false;
  return true;
}

/** Walks up from a changed type to its root, remembering the key it sits under in the arguments map. */
function locate(type: Y.AbstractType<unknown>, argumentsRoot: Y.AbstractType<unknown>) {
  let current = type;
  let recordKey: string | null = null;
  while (current._item) {
    const parent = current._item.parent as Y.AbstractType<unknown>;
    if (parent === argumentsRoot) recordKey = current._item.parentSub;
    current = parent;
  }
  return { root: current, recordKey };
}

function reject(rejection: UpdateRejection): UpdateVerdict {
  return { ok: false, rejection };
}
