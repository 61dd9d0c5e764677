"use client";
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { addComment, commentsMap, deleteComment, editComment, parseCommentRecord, visibleComments, type Comment } from "@/lib/board/comments";
import type { BoardState } from "@/lib/board/doc";
import { ANONYMOUS_NAME, type SessionState } from "@/lib/session/session";
import type { RosterView } from "@/components/sync/board-client";
import type { Identity } from "@/components/identity/useIdentity";
import type { BoardRules } from "@/components/board/useBoardRules";

/**
 * Everything a card's comment thread needs: the comments by argument, what this person may do with
 * them, and the writes. The permissions mirror lib/board/check-comments.ts only to hide what would be
 * refused; the server decides.
 */
export interface CommentsUi {
  /** Visible comments (no orphans) by argument id, oldest first. */
  byArgument: ReadonlyMap<string, Comment[]>;
  canComment: boolean;
  canEdit(comment: Comment): boolean;
  canDelete(comment: Comment): boolean;
  /** Facilitators see real names on an anonymous board, as on arguments. */
  nameOf(comment: Comment): string;
  /** Each write returns the reason it was not made, or null. */
  add(argumentId: string, replyTo: string | null, text: string): string | null;
  edit(id: string, text: string): string | null;
  remove(id: string): string | null;
}

interface CommentsInput {
  doc: Y.Doc | null;
  board: BoardState | null;
  rules: BoardRules;
  session: SessionState | null;
  selfId: string | null;
  author: Identity | null;
  roster: RosterView | null;
  /** Asks for a display name first when there is none (comments are signed). */
  withName(action: () => void): void;
}

const NO_COMMENTS: ReadonlyMap<string, Comment[]> = new Map();

/**
 * The board's comments, kept live. Records are parsed again only when the comments change; an edit to an
 * argument only re-filters them (orphans drop out when their argument goes).
 */
export function useBoardComments(doc: Y.Doc | null, board: BoardState | null): ReadonlyMap<string, Comment[]> {
  const [all, setAll] = useState<Comment[]>([]);
  useEffect(() => {
    if (!doc) return;
    const root = commentsMap(doc);
    const read = () => setAll([...root.entries()].flatMap(([id, value]) => parseCommentRecord(id, value) ?? []));
    read();
    root.observeDeep(read);
    return () => root.unobserveDeep(read);
  }, [doc]);
  return useMemo(() => {
    if (!board || all.length === 0) return NO_COMMENTS;
    const byArgument = new Map<string, Comment[]>();
    for (const comment of visibleComments(all, new Set(board.arguments.map((a) => a.id)))) {
      const list = byArgument.get(comment.argumentId);
      if (list) list.push(comment);
      else byArgument.set(comment.argumentId, [comment]);
    }
    return byArgument;
  }, [all, board]);
}

/** The comments context value for the board screen. */
export function useCommentsUi({ doc, board, rules, session, selfId, author, roster, withName }: CommentsInput): CommentsUi {
  const byArgument = useBoardComments(doc, board);
  return useMemo(() => {
    const canComment = rules.canWrite;
    const coEditing = session?.settings.coEditing ?? false;
    const own = (c: Comment) => selfId !== null && c.authorId === selfId;
    const names = new Map(roster?.members.map((m) => [m.id, m.displayName]) ?? []);
    const exists = (id: string) => board?.arguments.some((a) => a.id === id) ?? false;
    return {
      byArgument,
      canComment,
      canEdit: (c) => canComment && (own(c) || coEditing),
      canDelete: (c) => canComment && (own(c) || coEditing || rules.facilitator),
      nameOf: (c) => (rules.facilitator && c.authorName === ANONYMOUS_NAME ? (names.get(c.authorId) ?? c.authorName) : c.authorName),
      add: (argumentId, replyTo, text) => {
        if (!doc) return "The board is still loading.";
        if (!author) {
          withName(() => {});
          return "Choose a display name first: comments are signed.";
        }
        const result = addComment(doc, { argumentId, replyTo, text, author: { id: author.id, name: author.name } }, exists);
        return result.ok ? null : result.error.message;
      },
      edit: (id, text) => {
        if (!doc) return "The board is still loading.";
        const result = editComment(doc, id, text);
        return result.ok ? null : result.error.message;
      },
      remove: (id) => {
        if (!doc) return "The board is still loading.";
        const result = deleteComment(doc, id);
        return result.ok ? null : result.error.message;
      },
    };
  }, [byArgument, rules, session, selfId, author, roster, doc, board, withName]);
}

export const CommentsContext = createContext<CommentsUi | null>(null);

/** The comments context; null outside a board screen (e.g. a replay), where cards show no comments. */
export function useComments(): CommentsUi | null {
  return useContext(CommentsContext);
}
