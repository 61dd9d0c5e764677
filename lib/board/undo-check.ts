import type * as Y from "yjs";
import type { Argument } from "./argument";
import { argumentsMap, readArgument, readArguments, readPositions } from "./doc";
import { authorizeUpdate, type ArgumentChange } from "./permissions";
import type { Actor } from "./roles";
import type { ArgumentStepChange, UndoDirection, UndoStep } from "./undo-history";
import { validateArgumentRecord, type ValidationContext } from "./validate";
import { readSession } from "../session/session";
import { sideRefusal } from "../session/sides";

/**
 * Whether an undo or redo step may be applied now. `lasting` refusals can never clear (someone else
 * changed or replied to the argument since): the step should leave the stack so the next one can
 * go. The others (a lock, a phase, a closed session) may lift, so the step stays.
 */
export type UndoVerdict = { ok: true } | { ok: false; reason: string; lasting: boolean };

/**
 * Checks a step against the board as it stands and against the same rules the server applies to
 * every update (lib/board/permissions.ts, the side rule, the record validation), so that an undo the
 * server would refuse is explained instead of sent. Pure: reads `doc`, never writes it.
 *
 * Undoing the creation of an argument that has replies is refused: Yjs would remove only that
 * record and leave the replies (possibly other people's) invisible orphans, which a delete never does.
 */
export function checkUndoStep(doc: Y.Doc, step: UndoStep, actor: Actor, source: string): UndoVerdict {
  const lasting = (reason: string): UndoVerdict => ({ ok: false, reason, lasting: true });
  const target = new Map(step.changes.map((change) => [change.id, change.pre]));
  const changes: ArgumentChange[] = [];
  for (const { id, pre, post } of step.changes) {
    const current = readArgument(doc, id);
    if (!sameArgument(current, post)) {
      return lasting(current === null ? `${quoted(post ?? pre)} has been deleted since.` : `${quoted(current)} has been changed since.`);
    }
    if (!sameArgument(current, pre)) changes.push({ id, before: current, after: pre });
  }
  if (changes.length === 0) return { ok: true };

  const after = (id: string): Argument | null => (target.has(id) ? (target.get(id) ?? null) : readArgument(doc, id));
  const positions = readPositions(doc);
  const positionIds = new Set(positions.map((position) => position.id));
  for (const { id, before, after: restored } of changes) {
    if (restored === null) {
      const reply = readArguments(doc).find((arg) => arg.parentId === id && after(arg.id) !== null);
      if (reply) return lasting(`${quoted(before)} has replies now${reply.authorId === actor.memberId ? "" : " from others"}.`);
    } else if (before === null) {
      if (!positionIds.has(restored.parentId) && after(restored.parentId) === null) return lasting(`The argument ${quoted(restored)} replied to has been deleted.`);
      if (actor.memberId !== null && restored.authorId !== actor.memberId) {
        return lasting(`It would bring back ${restored.authorName}'s argument ${quoted(restored)}, which only they can post.`);
      }
    }
  }

  const session = readSession(doc);
  const denial = authorizeUpdate(actor, session, changes, (id) => positionIds.has(id));
  if (denial) return { ok: false, reason: denial, lasting: false };
  const ctx: ValidationContext = {
    source,
    positions: new Map(positions.map((position) => [position.id, position])),
    getArgument: after,
    wasDeleted: (id) => argumentsMap(doc)._map.get(id)?.deleted === true,
  };
  for (const { before, after: restored } of changes) {
    if (!restored) continue;
    if (!before || before.stance !== restored.stance) {
      const refusal = sideRefusal(actor, session, restored, after, positions);
      if (refusal) return { ok: false, reason: refusal, lasting: false };
    }
    const verdict = validateArgumentRecord(restored, ctx, before);
    if (!verdict.ok) return lasting(verdict.error.message);
  }
  return { ok: true };
}

/**
 * Names what a step did, in the person's words: "edit of “…”", "adding “…”", "deleting “…” and 2
 * replies". For an undo that is the step as recorded; for a redo, the change the redo puts back.
 */
export function describeUndoStep(step: UndoStep): string {
  const actions = step.changes.map((change) => actionOf(change, step.direction));
  const added = actions.filter((action) => action.from === null && action.to !== null);
  const deleted = actions.filter((action) => action.from !== null && action.to === null);
  if (added.length > 0) return `adding ${quoted(rootOf(added, "to"))}${more(added.length - 1)}`;
  if (deleted.length > 0) return `deleting ${quoted(rootOf(deleted, "from"))}${more(deleted.length - 1)}`;
  const edited = actions.find((action) => action.to !== null);
  return edited ? `edit of ${quoted(edited.to)}` : "your last change";
}

/** The one-line notice after a step was applied: "Undid: edit of “…”". */
export function appliedNotice(step: UndoStep): string {
  return `${step.direction === "undo" ? "Undid" : "Redid"}: ${describeUndoStep(step)}`;
}

/** The one-line notice when a step cannot be applied. */
export function refusedNotice(step: UndoStep, verdict: Extract<UndoVerdict, { ok: false }>): string {
  const next = verdict.lasting ? ` It is taken off your ${step.direction} history.` : "";
  return `Can't ${step.direction} ${describeUndoStep(step)}: ${verdict.reason}${next}`;
}

function actionOf({ pre, post }: ArgumentStepChange, direction: UndoDirection) {
  // A recorded step turns `pre` into `post`; a redo step was recorded by the undo it reverses.
  return direction === "undo" ? { from: pre, to: post } : { from: post, to: pre };
}

/** Of several added or deleted arguments (a reply thread), the one the others hang from. */
function rootOf(actions: { from: Argument | null; to: Argument | null }[], side: "from" | "to"): Argument | null {
  const args = actions.map((action) => action[side]).filter((arg): arg is Argument => arg !== null);
  const ids = new Set(args.map((arg) => arg.id));
  return args.find((arg) => !ids.has(arg.parentId)) ?? args[0] ?? null;
}

function more(count: number): string {
  return count === 0 ? "" : count === 1 ? " and 1 reply" : ` and ${count} replies`;
}

function sameArgument(a: Argument | null, b: Argument | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function quoted(arg: Argument | null, maxChars = 40): string {
  if (!arg) return "an argument";
  const flat = arg.text.trim().replace(/\s+/g, " ");
  return `“${flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat}”`;
}
