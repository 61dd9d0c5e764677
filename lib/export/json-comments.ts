import type { Comment } from "../board/comments";
import type { ImportIssue } from "./imported-board";

/**
 * Comments in a Parley JSON file: the order they are written in and the checks zod cannot make.
 * A file lists top comments before replies, so an import can restore them in file order.
 */

/** Top comments first, then replies, each group oldest first (stable). Pure. */
export function topsFirst(comments: readonly Comment[]): Comment[] {
  const byAge = [...comments].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return [...byAge.filter((c) => c.replyTo === null), ...byAge.filter((c) => c.replyTo !== null)];
}

/**
 * Unique ids, an existing argument, and one level of replies: a reply answers a top comment on the
 * same argument. Every problem is reported, each starting with its path.
 */
export function checkJsonComments(comments: readonly Comment[], argumentIds: ReadonlySet<string>): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const byId = new Map<string, Comment>();
  comments.forEach((comment, index) => {
    if (byId.has(comment.id)) issues.push({ message: `comments[${index}].id: "${comment.id}" is used more than once.` });
    else byId.set(comment.id, comment);
  });
  comments.forEach((comment, index) => {
    const at = `comments[${index}]`;
    if (!argumentIds.has(comment.argumentId)) issues.push({ message: `${at}.argumentId: there is no argument "${comment.argumentId}" in this file.` });
    if (comment.replyTo === null) return;
    const top = byId.get(comment.replyTo);
    if (!top) issues.push({ message: `${at}.replyTo: there is no comment "${comment.replyTo}" in this file.` });
    else if (top.replyTo !== null) issues.push({ message: `${at}.replyTo: replies go one level deep; "${comment.replyTo}" is itself a reply.` });
    else if (top.argumentId !== comment.argumentId) issues.push({ message: `${at}.replyTo: "${comment.replyTo}" is on another argument.` });
  });
  return issues;
}
