import { resolveAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument, Stance } from "@/lib/board/argument";
import type { BoardState } from "@/lib/board/doc";
import { newArgumentId, type Author } from "@/lib/board/operations";
import { ANONYMOUS_NAME, type SessionState } from "@/lib/session/session";
import type { Draft } from "@/components/board/useArgumentDraft";
import { fail, normalizeQuotes, validateArgumentRecord, type ModelResult, type ValidationContext } from "@/lib/board/validate";

/** What the editor hands over when a new argument goes to the team's drafts instead of the board. */
export interface DraftInput {
  /** A position id (an opening argument) or the id of an argument on the board (a reply). */
  parentId: string;
  stance: Stance;
  text: string;
  quotes: QuoteAnchor[];
  author: Author;
}

export interface DraftOptions {
  /** The draft being re-saved: it keeps its id, author and creation time. */
  previous?: Argument | null;
  id?: string;
  now?: number;
}

/**
 * The board model's rule book, read against a board snapshot instead of the live document. Drafts
 * never touch the document, and a parent that is gone is refused outright: unlike a concurrent
 * edit, a draft has no later edits that would be stranded by the refusal.
 */
export function contextFromBoard(board: BoardState, source: string): ValidationContext {
  const byId = new Map(board.arguments.map((a) => [a.id, a]));
  return {
    source,
    positions: new Map(board.positions.map((p) => [p.id, p])),
    getArgument: (id) => byId.get(id) ?? null,
    wasDeleted: () => false,
  };
}

/**
 * Builds the complete argument record a `save-draft` command carries, exactly as `addArgument` would
 * write it to the board: a fresh id, the parent's position, quotes re-found in the source, and the
 * same validation the server repeats. Pure: the board is not changed.
 */
export function buildDraftRecord(board: BoardState, source: string, input: DraftInput, options: DraftOptions = {}): ModelResult<Argument> {
  const ctx = contextFromBoard(board, source);
  const parent = ctx.positions.has(input.parentId) ? null : ctx.getArgument(input.parentId);
  if (!ctx.positions.has(input.parentId) && !parent) return fail("parent-not-found", "The argument this replies to no longer exists.");

  const quotes: QuoteAnchor[] = [];
  for (const [index, quote] of input.quotes.entries()) {
    const resolved = resolveAnchor(source, quote);
    if (!resolved.ok) return fail(resolved.reason, `Quote ${index + 1}: ${resolved.message}`, ["quotes", index]);
    quotes.push(resolved.anchor);
  }

  const { previous } = options;
  const id = previous?.id ?? options.id ?? newArgumentId();
  if (ctx.getArgument(id)) return fail("invalid-argument", "That argument is already on the board.");
  const now = options.now ?? Date.now();
  const candidate: Argument = {
    id,
    positionId: parent ? parent.positionId : input.parentId,
    parentId: input.parentId,
    stance: input.stance,
    text: input.text.trim(),
    quotes: normalizeQuotes(quotes),
    // A facilitator tidying a participant's draft does not become its author.
    authorId: previous?.authorId ?? input.author.id,
    authorName: previous?.authorName ?? input.author.name.trim(),
    createdAt: previous?.createdAt ?? now,
    updatedAt: previous ? Math.max(now, previous.updatedAt) : now,
  };
  return validateArgumentRecord(candidate, ctx);
}

/** Who is saving a draft from the editor, and against which board. */
export interface DraftSaver {
  board: BoardState | null;
  source: string;
  session: SessionState | null;
  memberId: string | null;
  displayName: string | null;
  facilitator: boolean;
}

/**
 * The record a team draft or a personal draft is saved as, from the editor's state: both kinds are
 * signed and checked alike (an anonymous board's drafts carry no name, as they would on the board).
 * Fails with the message to show when the board is still loading or the writer has no name yet.
 */
export function recordFromEditor(saver: DraftSaver, draft: Draft, previous: Argument | null): { ok: true; value: Argument } | { ok: false; message: string } {
  const { board, source, session, memberId, displayName, facilitator } = saver;
  if (!board || !memberId || !session) return { ok: false, message: "The board is still loading." };
  if (!displayName) return { ok: false, message: "Set your name (top right) before saving — it is shown with your argument." };
  const name = session.settings.anonymous && !facilitator ? ANONYMOUS_NAME : displayName;
  const parentId = draft.target.kind === "reply" ? draft.target.parent.id : draft.positionId;
  const record = buildDraftRecord(board, source, { parentId, stance: draft.stance, text: draft.text, quotes: draft.quotes, author: { id: memberId, name } }, { previous });
  return record.ok ? record : { ok: false, message: record.error.message };
}
