import * as Y from "yjs";
import type { Argument } from "./argument";
import { ROOTS } from "./constants";
import { argumentsMap, readArgument } from "./doc";

/**
 * The roots whose local changes can be undone. A new kind of board content that people write
 * (comments, say) is added here and nowhere else; the server's rules still check every undo.
 */
export const UNDOABLE_ROOTS: readonly string[] = [ROOTS.arguments, ROOTS.comments];

/**
 * The transaction origin of this person's own writes: lib/board/operations.ts writes with
 * `doc.transact(fn)` and no origin, while the sync client marks the server's updates (and its local
 * copy's) with origins of its own. Tracking only this origin is what keeps others' changes out of
 * the history.
 */
export const LOCAL_WRITE_ORIGIN = null;

/**
 * Writes closer together than this are one undo step. The editor writes once per save, so a typed
 * argument is one step anyway; this only joins writes a single gesture makes in a burst.
 */
export const UNDO_CAPTURE_MS = 300;

export type UndoDirection = "undo" | "redo";

/**
 * The origin of the follow-up write that completes a record an undo left half-empty (see
 * `UndoHistory.apply`): not tracked, so it is no step of its own, but sent like any local change.
 */
export const UNDO_REPAIR_ORIGIN = Symbol("parley:undo-repair");

/** One argument in an undo step: as it stood before the step's writes (`pre`) and after (`post`). */
export interface ArgumentStepChange {
  id: string;
  pre: Argument | null;
  post: Argument | null;
}

/** What the step on top of a stack did, argument by argument; applying it turns `post` back into `pre`. */
export interface UndoStep {
  direction: UndoDirection;
  changes: ArgumentStepChange[];
}

const STEP_KEY = "parley:argument-changes";
type StepRecord = Map<string, ArgumentStepChange>;

/**
 * This person's undo and redo stacks on one board document: a Y.UndoManager over UNDOABLE_ROOTS that
 * tracks only LOCAL_WRITE_ORIGIN (and its own undos), plus, for each step, the arguments it touched
 * as they were before and after — what lib/board/undo-check.ts needs to tell whether the step can
 * still be undone and how to name it. A new document (after a refusal) needs a new history.
 */
export class UndoHistory {
  private readonly manager: Y.UndoManager;
  /** Every argument as it stood after the last transaction: the "before" of the next one. */
  private readonly known = new Map<string, Argument | null>();
  /** The stack item the transaction being finished went into, if the manager captured it. */
  private capturedInto: Y.UndoManager["undoStack"][number] | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly doc: Y.Doc,
    options: { captureMs?: number } = {},
  ) {
    for (const id of argumentsMap(doc).keys()) this.known.set(id, readArgument(doc, id));
    this.manager = new Y.UndoManager(
      UNDOABLE_ROOTS.map((name) => doc.getMap(name)),
      { trackedOrigins: new Set([LOCAL_WRITE_ORIGIN]), captureTimeout: options.captureMs ?? UNDO_CAPTURE_MS },
    );
    const captured = ({ stackItem }: { stackItem: Y.UndoManager["undoStack"][number] }) => {
      this.capturedInto = stackItem;
    };
    this.manager.on("stack-item-added", captured);
    this.manager.on("stack-item-updated", captured);
    this.manager.on("stack-cleared", () => this.notify());
    this.manager.on("stack-item-popped", () => this.notify());
    // Registered after the manager's own handler, so the step it just captured is known here.
    doc.on("afterTransaction", this.afterTransaction);
  }

  get canUndo(): boolean {
    return this.manager.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.manager.redoStack.length > 0;
  }

  /** The step an undo (or redo) would apply next, or null when that stack is empty. */
  peek(direction: UndoDirection): UndoStep | null {
    const stack = direction === "undo" ? this.manager.undoStack : this.manager.redoStack;
    const top = stack.at(-1);
    if (!top) return null;
    const record = top.meta.get(STEP_KEY) as StepRecord | undefined;
    return { direction, changes: [...(record?.values() ?? [])] };
  }

  /**
   * Applies the top step (mutates the document, as a local change the sync client sends).
   * Check it with checkUndoStep first. False when the step changed nothing after all (a concurrent
   * write to the same field won): it is gone from its stack, and the steps below it are untouched.
   */
  apply(direction: UndoDirection): boolean {
    const stack = direction === "undo" ? this.manager.undoStack : this.manager.redoStack;
    // Y.UndoManager goes on to the next step when one changes nothing (a concurrent write won):
    // show it only the top step, so one key press never takes back two steps unseen.
    const below = stack.splice(0, stack.length - 1);
    const step = this.peek(direction);
    try {
      const applied = (direction === "undo" ? this.manager.undo() : this.manager.redo()) !== null;
      if (applied && step) this.completeRecords(step);
      return applied;
    } finally {
      stack.unshift(...below);
      this.notify();
    }
  }

  /**
   * Y.UndoManager restores a map field only from the item its own write replaced. When someone else
   * overwrote the same field concurrently and this person's write won, that item is gone for good, so
   * the undo leaves the field empty and the record fails the schema (the card would vanish). Such
   * fields are written back from the step's `pre` state, which is what the undo meant.
   */
  private completeRecords(step: UndoStep): void {
    const repairs: [Y.Map<unknown>, [string, unknown][]][] = [];
    for (const { id, pre } of step.changes) {
      const record = argumentsMap(this.doc).get(id);
      if (!pre || !(record instanceof Y.Map) || readArgument(this.doc, id)) continue;
      const missing = Object.entries(pre).filter(([field]) => !record.has(field));
      if (missing.length > 0) repairs.push([record, missing]);
    }
    if (repairs.length === 0) return;
    this.doc.transact(() => {
      for (const [record, fields] of repairs) for (const [field, value] of fields) record.set(field, value);
    }, UNDO_REPAIR_ORIGIN);
  }

  /** Takes the top step off its stack without applying it: it can never apply cleanly any more. */
  drop(direction: UndoDirection): void {
    const stack = direction === "undo" ? this.manager.undoStack : this.manager.redoStack;
    stack.pop();
    this.notify();
  }

  /** Called whenever either stack changes. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.doc.off("afterTransaction", this.afterTransaction);
    this.manager.destroy();
    this.listeners.clear();
  }

  private readonly afterTransaction = (transaction: Y.Transaction): void => {
    const ids = changedArgumentIds(this.doc, transaction);
    const into = this.capturedInto;
    this.capturedInto = null;
    if (into) {
      const record: StepRecord = (into.meta.get(STEP_KEY) as StepRecord | undefined) ?? new Map();
      for (const id of ids) {
        const post = readArgument(this.doc, id);
        const earlier = record.get(id);
        // A step that grows over several writes keeps the state from before its first one.
        record.set(id, { id, pre: earlier ? earlier.pre : (this.known.get(id) ?? null), post });
      }
      into.meta.set(STEP_KEY, record);
    }
    for (const id of ids) this.known.set(id, readArgument(this.doc, id));
    if (into) this.notify();
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The ids of the argument records a finished transaction added, removed or changed. */
export function changedArgumentIds(doc: Y.Doc, transaction: Y.Transaction): string[] {
  const root = argumentsMap(doc) as unknown as Y.AbstractType<unknown>;
  const ids = new Set<string>();
  for (const [type, keys] of transaction.changed) {
    if (type === root) {
      for (const key of keys) if (key !== null) ids.add(key);
      continue;
    }
    const item = type._item;
    if (item && item.parent === root && typeof item.parentSub === "string") ids.add(item.parentSub);
  }
  return [...ids];
}
