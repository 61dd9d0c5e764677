import * as Y from "yjs";
import { argumentsMap, writeRecord, type RecordMap } from "@/lib/board/doc";
import { commentsMap } from "@/lib/board/comments";

/**
 * What one local change did to the board, at the level of argument records: the person's intent,
 * independent of Yjs clocks. A refused update poisons every later Yjs update from the same document
 * (they build on it), so after a refusal the client rebuilds from the server's state and replays these
 * intents instead of the raw updates.
 */
export type ArgumentEdit = (
  /** A new argument: the whole record as written. */
  | { kind: "add"; id: string; record: Record<string, unknown> }
  /** Fields of an existing argument, with their new values (only those the person changed). */
  | { kind: "change"; id: string; fields: Record<string, unknown>; text: string | null }
  /** `text` is what the argument said, for telling the person which delete was refused. */
  | { kind: "delete"; id: string; text: string | null }
) & {
  /** "comments" for a comment record (lib/board/comments.ts); absent for an argument. */
  root?: "comments";
};

/**
 * The argument edits a finished local transaction made. Call from the document's `afterTransaction`
 * event: deleted records are still readable then (garbage collection runs later).
 */
export function captureArgumentEdits(doc: Y.Doc, transaction: Y.Transaction): ArgumentEdit[] {
  const comments = captureRecordEdits(commentsMap(doc), transaction).map((edit): ArgumentEdit => ({ ...edit, root: "comments" }));
  return [...captureRecordEdits(argumentsMap(doc), transaction), ...comments];
}

/** The record edits a transaction made in one root map of id -> record (arguments or comments). */
function captureRecordEdits(root: Y.Map<RecordMap>, transaction: Y.Transaction): ArgumentEdit[] {
  const edits = new Map<string, ArgumentEdit>();
  for (const key of transaction.changed.get(root as unknown as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>) ?? []) {
    if (key === null) continue;
    const value = root.get(key);
    if (value instanceof Y.Map) edits.set(key, { kind: "add", id: key, record: value.toJSON() });
    else edits.set(key, { kind: "delete", id: key, text: deletedText(root, key) });
  }
  for (const [type, keys] of transaction.changed) {
    const item = type._item;
    if (!(type instanceof Y.Map) || !item || item.parent !== root || typeof item.parentSub !== "string") continue;
    const id = item.parentSub;
    if (edits.has(id)) continue; // added or deleted in the same change: that says it all
    const fields: Record<string, unknown> = {};
    for (const key of keys) if (key !== null && type.has(key)) fields[key] = type.get(key);
    const text = type.get("text");
    edits.set(id, { kind: "change", id, fields, text: typeof text === "string" ? text : null });
  }
  return [...edits.values()];
}

/**
 * Replays edits on another document (mutates `doc`), in one transaction. An edit whose argument is
 * gone (deleted meanwhile, or its creation was the refused change) cannot be replayed; those are
 * returned so the person can be told. Content is not re-validated here: the server checks every update.
 */
export function replayArgumentEdits(doc: Y.Doc, edits: ArgumentEdit[]): ArgumentEdit[] {
  const lost: ArgumentEdit[] = [];
  doc.transact(() => {
    for (const edit of edits) {
      const root = edit.root === "comments" ? commentsMap(doc) : argumentsMap(doc);
      const record = root.get(edit.id);
      if (edit.kind === "add") {
        if (record instanceof Y.Map) continue; // already on the board (the server saved it after all)
        writeRecord(root, edit.id, edit.record);
      } else if (edit.kind === "delete") {
        if (record) root.delete(edit.id);
      } else if (record instanceof Y.Map) {
        for (const [field, value] of Object.entries(edit.fields)) {
          if (JSON.stringify(record.get(field)) !== JSON.stringify(value)) record.set(field, value);
        }
      } else lost.push(edit);
    }
  });
  return lost;
}

/** The text an edit is about, shortened for a one-line notice ("…" when cut). */
export function editSnippet(edit: ArgumentEdit | undefined, maxChars = 60): string | null {
  if (!edit) return null;
  const text = edit.kind === "add" ? edit.record.text : edit.kind === "change" ? (edit.fields.text ?? edit.text) : edit.text;
  if (typeof text !== "string" || !text.trim()) return null;
  const flat = text.trim().replace(/\s+/g, " ");
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/** A deleted record's text, read from the tombstone before garbage collection clears it. */
function deletedText(root: Y.Map<RecordMap>, id: string): string | null {
  const content = root._map.get(id)?.content;
  const type = content instanceof Y.ContentType ? content.type : null;
  const textItem = type instanceof Y.Map ? type._map.get("text") : undefined;
  const value = textItem?.content.getContent().at(-1);
  return typeof value === "string" ? value : null;
}
