import { z } from "zod";
import * as Y from "yjs";
import { AuthorNameSchema } from "./argument";
import { LIMITS, ROOTS } from "./constants";
import { recordToJSON, writeRecord, type RecordMap } from "./doc";
import type { Author } from "./operations";
import { fail, type ModelResult } from "./validate";

/**
 * Comments on arguments: remarks and questions that are not arguments themselves (they take no stance
 * and carry no quotes). Stored in the document's `comments` root, id -> Y.Map(Comment fields).
 *
 * Threads are one level deep: a comment answers an argument (`replyTo` null) or a top comment on the
 * same argument. A comment whose argument or top comment is gone is an orphan: it stays in the document
 * (deleting it would need its author's permission) but is never shown or exported.
 */
export const CommentTextSchema = z
  .string()
  .trim()
  .min(1, "A comment needs some text.")
  .max(LIMITS.commentMaxChars, `A comment can be at most ${LIMITS.commentMaxChars} characters.`);

export const CommentSchema = z
  .object({
    id: z.string().min(1).max(64),
    argumentId: z.string().min(1).max(64),
    /** The top comment this answers, or null for a comment on the argument itself. */
    replyTo: z.string().min(1).max(64).nullable(),
    text: CommentTextSchema,
    authorId: z.string().min(1).max(64),
    authorName: AuthorNameSchema,
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
  })
  .strict();
export type Comment = z.infer<typeof CommentSchema>;

/** Fields fixed at creation: only `text` (and `updatedAt` with it) may change. */
export const IMMUTABLE_COMMENT_FIELDS = ["id", "argumentId", "replyTo", "authorId", "authorName", "createdAt"] as const;

export interface NewComment {
  argumentId: string;
  replyTo: string | null;
  text: string;
  author: Author;
}

export function commentsMap(doc: Y.Doc): Y.Map<RecordMap> {
  return doc.getMap(ROOTS.comments);
}

/** One stored comment, or null when it is missing, fails the schema or sits under another id. */
export function readComment(doc: Y.Doc, id: string): Comment | null {
  return parseCommentRecord(id, commentsMap(doc).get(id));
}

export function parseCommentRecord(id: string, value: unknown): Comment | null {
  return parseCommentFields(id, recordToJSON(value));
}

/** A comment from plain fields, or null when they fail the schema or name another id. */
export function parseCommentFields(id: string, fields: Record<string, unknown> | null): Comment | null {
  const parsed = CommentSchema.safeParse(fields);
  return parsed.success && parsed.data.id === id ? parsed.data : null;
}

/**
 * The comments a reader sees, oldest first: those on a visible argument whose thread is whole
 * (a reply's top comment is still there, on the same argument). Orphans are left out.
 */
export function readComments(doc: Y.Doc, visibleArgumentIds: ReadonlySet<string>): Comment[] {
  const all: Comment[] = [];
  for (const [id, value] of commentsMap(doc).entries()) {
    const comment = parseCommentRecord(id, value);
    if (comment) all.push(comment);
  }
  return visibleComments(all, visibleArgumentIds);
}

/** The comments of `all` that are not orphans (see readComments), oldest first. Pure. */
export function visibleComments(all: readonly Comment[], visibleArgumentIds: ReadonlySet<string>): Comment[] {
  const tops = new Map(all.filter((c) => c.replyTo === null && visibleArgumentIds.has(c.argumentId)).map((c) => [c.id, c]));
  return all
    .filter((c) => visibleArgumentIds.has(c.argumentId) && (c.replyTo === null || tops.get(c.replyTo)?.argumentId === c.argumentId))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Why `comment` cannot stand where it says, or null. `lookup` reads other comments as they stand. */
export function threadError(comment: Comment, lookup: (id: string) => Comment | null): string | null {
  if (comment.replyTo === null) return null;
  if (comment.replyTo === comment.id) return "A comment cannot answer itself.";
  const top = lookup(comment.replyTo);
  if (!top) return "The comment this answers no longer exists.";
  if (top.replyTo !== null) return "Replies go one level deep: answer the first comment of the thread instead.";
  if (top.argumentId !== comment.argumentId) return "A reply must stay on its comment's argument.";
  return null;
}

/**
 * Adds a comment to an argument, or a reply to a top comment (mutates `doc`). `argumentExists` tells
 * whether the argument is on the board; the server checks the same again.
 */
export function addComment(
  doc: Y.Doc,
  input: NewComment,
  argumentExists: (id: string) => boolean,
  options: { id?: string; now?: number } = {},
): ModelResult<Comment> {
  if (!argumentExists(input.argumentId)) return fail("argument-not-found", "The argument this comments on no longer exists.");
  const id = options.id ?? newCommentId();
  if (commentsMap(doc).has(id)) return fail("invalid-argument", `A comment with id "${id}" already exists.`);
  const now = options.now ?? Date.now();
  return writeChecked(doc, {
    id,
    argumentId: input.argumentId,
    replyTo: input.replyTo,
    text: input.text.trim(),
    authorId: input.author.id,
    authorName: input.author.name.trim(),
    createdAt: now,
    updatedAt: now,
  });
}

/** Changes a comment's text (mutates `doc`). */
export function editComment(doc: Y.Doc, id: string, text: string, now = Date.now()): ModelResult<Comment> {
  const previous = readComment(doc, id);
  const record = commentsMap(doc).get(id);
  if (!previous || !(record instanceof Y.Map)) return fail("argument-not-found", "That comment no longer exists.");
  const parsed = CommentTextSchema.safeParse(text);
  if (!parsed.success) return fail("invalid-argument", parsed.error.issues[0]?.message ?? "The comment is not valid.", ["text"]);
  const updated: Comment = { ...previous, text: parsed.data, updatedAt: Math.max(now, previous.updatedAt) };
  doc.transact(() => {
    record.set("text", updated.text);
    record.set("updatedAt", updated.updatedAt);
  });
  return { ok: true, value: updated };
}

/**
 * Deletes one comment (mutates `doc`). Its replies stay in the document as orphans, so deleting your
 * own comment never needs permission over other people's replies.
 */
export function deleteComment(doc: Y.Doc, id: string): ModelResult<string> {
  const map = commentsMap(doc);
  if (!map.has(id)) return fail("argument-not-found", "That comment no longer exists.");
  doc.transact(() => map.delete(id));
  return { ok: true, value: id };
}

/** Writes an exported comment back as it was, keeping its id, author and times (mutates `doc`). For imports. */
export function restoreComment(doc: Y.Doc, record: Comment): ModelResult<Comment> {
  if (commentsMap(doc).has(record.id)) return fail("invalid-argument", `A comment with id "${record.id}" already exists.`);
  return writeChecked(doc, record);
}

function writeChecked(doc: Y.Doc, candidate: Comment): ModelResult<Comment> {
  const parsed = CommentSchema.safeParse(candidate);
  if (!parsed.success) return fail("invalid-argument", parsed.error.issues[0]?.message ?? "The comment is not valid.", parsed.error.issues[0]?.path as (string | number)[]);
  const problem = threadError(parsed.data, (id) => readComment(doc, id));
  if (problem) return fail("parent-not-found", problem, ["replyTo"]);
  doc.transact(() => writeRecord(commentsMap(doc), parsed.data.id, parsed.data));
  return { ok: true, value: parsed.data };
}

/** A short random comment id (64 bits, hex); see newArgumentId for why getRandomValues. */
export function newCommentId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return `cmt-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
