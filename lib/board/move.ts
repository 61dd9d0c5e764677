import * as Y from "yjs";
import type { Argument, Stance } from "./argument";
import { LIMITS } from "./constants";
import { argumentsMap, parseArgumentRecord, readArgument, readArguments, readPositions } from "./doc";
import { contextFor } from "./operations";
import { compareSiblings, keyForSlot, orderKeyOf } from "./order";
import type { ArgumentChange } from "./permissions";
import type { Actor } from "./roles";
import type { Settings } from "../session/session";
import { subtreeIds } from "./tree";
import { fail, validateArgumentRecord, type ModelResult } from "./validate";

/**
 * Moving an argument to another parent, and reordering it among its siblings.
 *
 * A move rewrites only the moved record: `parentId`, `stance`, `order` and its own `positionId`, in one
 * transaction (so undo takes it back in one step). Its replies keep their records; readers derive every
 * argument's position from its chain (lib/board/doc.ts), so a subtree changes position with its root,
 * and a reply written concurrently under the old position is not lost. Concurrent moves of the same
 * card resolve field by field, last writer wins in Yjs's order, identically on every replica; one
 * record per id makes duplicates impossible. What Yjs cannot prevent — two crossing moves closing a
 * cycle, or a move that pushes a subtree past the depth limit — the server refuses, reading the board
 * as the update leaves it (checkBoardUpdate → validateArgumentRecord, `moveRefusal`, `movedTooDeep`).
 */

/** Where a moved argument goes. `before`/`after` name a sibling at the destination; neither: the end. */
export interface MoveTarget {
  parentId: string;
  /** For a top-level argument, its lane; for a reply, supports or rebuts. Defaults to the current stance. */
  stance?: Stance;
  before?: string;
  after?: string;
}

/** The siblings an argument at `parentId` with `stance` sorts among: a reply's, or a lane's top level. */
export function siblingsAt(args: readonly Argument[], parentId: string, stance: Stance, isPosition: (id: string) => boolean): Argument[] {
  const lane = isPosition(parentId);
  return args.filter((a) => a.parentId === parentId && (!lane || a.stance === stance)).sort(compareSiblings);
}

/**
 * Moves argument `id` under `target.parentId`, at the place `target` names (mutates `doc`).
 * Refuses a move under itself or one of its replies, past the depth limit, or beside a card that is
 * not at the destination. Permissions (author or facilitator) are the server's to enforce.
 */
export function moveArgument(doc: Y.Doc, source: string, id: string, target: MoveTarget, now = Date.now()): ModelResult<Argument> {
  const args = readArguments(doc);
  const current = args.find((a) => a.id === id);
  const stored = readArgument(doc, id);
  const record = argumentsMap(doc).get(id);
  if (!current || !stored || !(record instanceof Y.Map)) return fail("argument-not-found", "That argument no longer exists.");
  const positionIds = new Set(readPositions(doc).map((p) => p.id));
  const isPosition = (pid: string) => positionIds.has(pid);
  const parent = isPosition(target.parentId) ? null : args.find((a) => a.id === target.parentId);
  if (!isPosition(target.parentId) && !parent) return fail("parent-not-found", "The argument to move it under no longer exists.");
  const subtree = subtreeIds(args, id);
  if (subtree.includes(target.parentId)) return fail("cycle", "An argument cannot be moved under itself or one of its own replies.");
  const depth = parent ? depthBelowPosition(args, parent) + 1 : 0;
  if (depth + subtreeHeight(args, id) > LIMITS.maxDepth) return fail("too-deep", `Replies can nest at most ${LIMITS.maxDepth} levels deep.`);

  const stance = target.stance ?? current.stance;
  const siblings = siblingsAt(args, target.parentId, stance, isPosition).filter((a) => a.id !== id);
  const neighbour = target.before ?? target.after;
  let slot = siblings.length;
  if (neighbour !== undefined) {
    const at = siblings.findIndex((a) => a.id === neighbour);
    if (at === -1) return fail("invalid-argument", "The card to place it beside is not in that lane any more.");
    slot = target.before !== undefined ? at : at + 1;
  }
  const candidate: Argument = {
    ...stored,
    parentId: target.parentId,
    positionId: parent ? parent.positionId : target.parentId,
    stance,
    order: keyForSlot(siblings.map(orderKeyOf), slot),
    updatedAt: Math.max(now, stored.updatedAt),
  };
  const checked = validateArgumentRecord(candidate, contextFor(doc, source), stored);
  if (!checked.ok) return checked;
  // Every placement field is written, changed or not: concurrent moves of one card then resolve as a
  // whole (the same writer wins each key), instead of mixing one mover's parent with another's position.
  doc.transact(() => {
    for (const field of ["parentId", "positionId", "stance", "order", "updatedAt"] as const) record.set(field, candidate[field]);
  });
  return checked;
}

/**
 * Moves argument `id` one place up (-1) or down (+1) among its siblings (mutates `doc`): the keyboard's
 * Alt+↑/↓. Fails, changing nothing, when it is already first or last.
 */
export function reorderArgument(doc: Y.Doc, source: string, id: string, step: -1 | 1, now = Date.now()): ModelResult<Argument> {
  const args = readArguments(doc);
  const current = args.find((a) => a.id === id);
  if (!current) return fail("argument-not-found", "That argument no longer exists.");
  const positionIds = new Set(readPositions(doc).map((p) => p.id));
  const siblings = siblingsAt(args, current.parentId, current.stance, (pid) => positionIds.has(pid));
  const neighbour = siblings[siblings.findIndex((a) => a.id === id) + step];
  if (!neighbour) return fail("invalid-argument", step < 0 ? "It is already first in its lane." : "It is already last in its lane.");
  const target = step < 0 ? { before: neighbour.id } : { after: neighbour.id };
  return moveArgument(doc, source, id, { parentId: current.parentId, stance: current.stance, ...target }, now);
}

/** A place an argument can be moved to: a position's lane or another argument. */
export interface MoveDestination {
  parentId: string;
  /** Set for a position's lane; a reply chooses supports or rebuts itself. */
  stance: Stance | null;
  depth: number;
}

/**
 * Every parent argument `id` may move under: each position's two lanes, and every argument that is not
 * the argument itself, one of its replies, or so deep that the moved thread would pass the depth limit.
 */
export function moveDestinations(args: readonly Argument[], positionIds: readonly string[], id: string): MoveDestination[] {
  if (!args.some((a) => a.id === id)) return [];
  const excluded = new Set(subtreeIds([...args], id));
  const height = subtreeHeight(args, id);
  const byId = new Map(args.map((a) => [a.id, a]));
  const out: MoveDestination[] = positionIds.flatMap((pid) => [
    { parentId: pid, stance: "for" as const, depth: 0 },
    { parentId: pid, stance: "against" as const, depth: 0 },
  ]);
  for (const arg of args) {
    if (excluded.has(arg.id)) continue;
    const depth = depthBelowPosition(byId, arg) + 1;
    if (depth + height <= LIMITS.maxDepth) out.push({ parentId: arg.id, stance: null, depth });
  }
  return out;
}

/**
 * Why `actor` may not move or reorder the arguments in `changes`, or null. Only an argument's author
 * or a facilitator may: co-editing lets members fix a card's wording, not rearrange someone's thread.
 * A guest on an open board has no checkable authorship and the board has no facilitator, so there the
 * board's own rule for edits holds (open boards: everyone edits everything).
 */
export function moveRefusal(actor: Actor, settings: Pick<Settings, "coEditing">, changes: readonly ArgumentChange[]): string | null {
  if (actor.role === "facilitator") return null;
  for (const { before, after } of changes) {
    if (!before || !after || !isMove(before, after)) continue;
    if (actor.memberId === null ? !settings.coEditing : before.authorId !== actor.memberId) return `Only ${before.authorName} or a facilitator can move this argument.`;
  }
  return null;
}

/** Whether an edit changes where an argument sits (its parent or its place among siblings). */
export function isMove(before: Argument, after: Argument): boolean {
  return before.parentId !== after.parentId || before.order !== after.order;
}

/**
 * The first argument in `movedIds` whose thread the update left deeper than the limit, read from `doc`
 * as the update leaves it (the moved argument's own depth is validateArgumentRecord's check; this adds
 * the replies it carries along). Stored records are read whether or not they are shown.
 */
export function movedTooDeep(doc: Y.Doc, movedIds: readonly string[]): { argumentId: string; message: string } | null {
  if (movedIds.length === 0) return null;
  const args: Argument[] = [];
  for (const [key, value] of argumentsMap(doc).entries()) {
    const arg = parseArgumentRecord(key, value);
    if (arg) args.push(arg);
  }
  for (const id of movedIds) {
    const arg = args.find((a) => a.id === id);
    if (arg && depthBelowPosition(args, arg) + subtreeHeight(args, id) > LIMITS.maxDepth) {
      return { argumentId: id, message: `Moving it there would nest replies more than ${LIMITS.maxDepth} levels deep.` };
    }
  }
  return null;
}

/** The position at the root of `arg`'s chain (its stored `positionId` when the chain is broken). */
export function positionAtRoot(arg: Argument, getArgument: (id: string) => Argument | null, isPosition: (id: string) => boolean): string {
  const seen = new Set<string>();
  let at = arg;
  while (!isPosition(at.parentId) && !seen.has(at.id)) {
    seen.add(at.id);
    const parent = getArgument(at.parentId);
    if (!parent) return arg.positionId;
    at = parent;
  }
  return isPosition(at.parentId) ? at.parentId : arg.positionId;
}

/** How many levels of replies hang below `id` (0 for none). Safe on looping input. */
function subtreeHeight(args: readonly Argument[], id: string): number {
  const childrenOf = new Map<string, string[]>();
  for (const a of args) childrenOf.set(a.parentId, [...(childrenOf.get(a.parentId) ?? []), a.id]);
  let height = 0;
  const seen = new Set<string>([id]);
  let level = [id];
  while (level.length) {
    const next = (level.flatMap((x) => childrenOf.get(x) ?? [])).filter((x) => !seen.has(x));
    for (const x of next) seen.add(x);
    if (next.length) height++;
    level = next;
  }
  return height;
}

/** 0 for a top-level argument. Stops at a loop or a missing parent. */
function depthBelowPosition(args: readonly Argument[] | ReadonlyMap<string, Argument>, arg: Argument): number {
  const byId = args instanceof Map ? args : new Map((args as readonly Argument[]).map((a) => [a.id, a]));
  const seen = new Set<string>();
  let depth = 0;
  for (let parent = byId.get(arg.parentId); parent && !seen.has(parent.id); parent = byId.get(parent.parentId)) {
    seen.add(parent.id);
    depth++;
  }
  return depth;
}
