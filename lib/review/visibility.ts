import type { Argument } from "../board/argument";
import { reachableArguments } from "../board/doc";

/**
 * Which argument records the board shows, kept up to date update by update during a replay.
 *
 * The rule is lib/board/doc.ts#readArguments's: an argument is shown when its chain of parents reaches
 * a position (orphans left by a concurrent delete are hidden). The shortcut below only accepts records
 * whose stored position already agrees with their parent's; anything else (a move) takes the full walk. Recomputing it means
 * walking every record, so the replay first tries `patchVisible`, which handles the common updates
 * (an argument added under a shown parent, a shown argument edited) in time proportional to the update,
 * and falls back to `visibleArguments` for anything else. tests/unit/review-activity.test.ts checks,
 * update by update on random sessions with orphans, that the result equals readArguments.
 */

/**
 * Every record that is shown, recomputed from scratch: O(records). Sorted as readArguments sorts, with
 * each position derived from the chain (an argument moved to another position carries its replies).
 */
export function visibleArguments(records: ReadonlyMap<string, Argument>, positionIds: ReadonlySet<string>): Map<string, Argument> {
  return new Map(reachableArguments(records, positionIds).map((arg) => [arg.id, arg]));
}

/**
 * Applies the records `touched` by one update to `visible` in place (mutates `visible`) and returns
 * the touched ids' shown versions before and after. Returns null, leaving `visible` untouched, when the
 * shortcut cannot be sure: a record removed or no longer valid, a record whose parent changed, a new
 * record whose parent is not shown, or hidden records somewhere (one of them might be adopted).
 * New entries go to the end of `visible`: its order is not the board's order after this.
 */
export function patchVisible(
  visible: Map<string, Argument>,
  records: ReadonlyMap<string, Argument>,
  touched: ReadonlySet<string>,
  positionIds: ReadonlySet<string>,
): { before: Map<string, Argument>; after: Map<string, Argument> } | null {
  let added = 0;
  const waiting: Argument[] = [];
  for (const id of touched) {
    const record = records.get(id);
    if (!record) return null;
    const previous = visible.get(id);
    if (!previous) {
      added++;
      waiting.push(record);
    } else if (previous.parentId !== record.parentId || previous.positionId !== record.positionId) return null;
  }
  if (records.size !== visible.size + added) return null;

  // Edited arguments stay shown: nothing was removed and their parent links are unchanged. New ones may
  // answer each other within one update, in any order, so they are accepted parents first.
  const accepted = new Map<string, Argument>();
  for (const id of touched) if (visible.has(id)) accepted.set(id, records.get(id)!);
  const shows = (arg: Argument) => {
    if (positionIds.has(arg.parentId)) return arg.positionId === arg.parentId;
    const parent = accepted.get(arg.parentId) ?? visible.get(arg.parentId);
    return parent !== undefined && parent.positionId === arg.positionId;
  };
  for (let progress = true; waiting.length > 0 && progress; ) {
    progress = false;
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (!shows(waiting[i])) continue;
      accepted.set(waiting[i].id, waiting[i]);
      waiting.splice(i, 1);
      progress = true;
    }
  }
  if (waiting.length > 0) return null;

  const before = new Map<string, Argument>();
  const after = new Map<string, Argument>();
  for (const id of touched) {
    const previous = visible.get(id);
    if (previous) before.set(id, previous);
    const record = records.get(id)!;
    after.set(id, record);
    visible.set(id, record);
  }
  return { before, after };
}
