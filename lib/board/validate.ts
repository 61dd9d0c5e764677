import { z } from "zod";
import { verifyAnchor, type QuoteAnchor } from "../anchoring/anchor";
import { ArgumentSchema, IMMUTABLE_ARGUMENT_FIELDS, type Argument } from "./argument";
import { LIMITS } from "./constants";
import type { Position } from "./position";

export type ModelErrorCode =
  | "invalid-argument"
  | "parent-not-found"
  | "position-mismatch"
  | "immutable-field"
  | "too-deep"
  | "cycle"
  | "move-forbidden"
  | "argument-not-found"
  | "quote-empty"
  | "quote-too-long"
  | "quote-not-found"
  | "quote-ambiguous"
  | "offsets-out-of-range";

export interface ModelError {
  code: ModelErrorCode;
  message: string;
  /** Which field or quote the error is about, for the editor to point at. */
  path?: (string | number)[];
}

export type ModelResult<T> = { ok: true; value: T } | { ok: false; error: ModelError };

export interface ValidationContext {
  source: string;
  positions: ReadonlyMap<string, Position>;
  /** Looks up an argument as it stands (after the change being checked). */
  getArgument(id: string): Argument | null;
  /**
   * True when an argument with this id existed and was deleted. A reply written while someone else
   * deleted its parent is accepted as an invisible orphan: refusing it would strand the writer's
   * later edits, which build on it in Yjs's per-client sequence.
   */
  wasDeleted(id: string): boolean;
}

/**
 * Checks one argument record as it would be stored: its shape, that its parent exists and belongs to the
 * same position, its depth, and that every quote sits exactly where it claims in the source.
 * `previous` is the record before the change, when there was one; immutable fields must not move.
 * This is the single rule book: the editor calls it before writing and the server calls it on every update.
 */
export function validateArgumentRecord(candidate: unknown, ctx: ValidationContext, previous?: Argument | null): ModelResult<Argument> {
  const parsed = ArgumentSchema.safeParse(candidate);
  if (!parsed.success) return fail("invalid-argument", firstIssue(parsed.error), parsed.error.issues[0]?.path as (string | number)[]);
  const arg = parsed.data;

  if (previous) {
    for (const field of IMMUTABLE_ARGUMENT_FIELDS) {
      if (previous[field] !== arg[field]) return fail("immutable-field", `An argument's ${field} cannot change.`, [field]);
    }
  }

  // A moved argument must land on a parent that is there: the orphan tolerance below is for replies
  // written concurrently with a delete, and a refused move just leaves the card where it was.
  const moved = previous !== undefined && previous !== null && previous.parentId !== arg.parentId;
  const structure = checkParent(arg, ctx, moved);
  if (structure) return { ok: false, error: structure };

  for (const [index, quote] of arg.quotes.entries()) {
    const verdict = verifyAnchor(ctx.source, quote);
    if (!verdict.ok) return fail(verdict.reason, `Quote ${index + 1}: ${verdict.message}`, ["quotes", index]);
    if (verdict.anchor.exact !== quote.exact || verdict.anchor.prefix !== quote.prefix || verdict.anchor.suffix !== quote.suffix) {
      // Stored quotes carry the source's own characters, so exports and highlights never drift.
      return fail("quote-not-found", `Quote ${index + 1}: the stored text must match the source exactly.`, ["quotes", index]);
    }
  }
  return { ok: true, value: arg };
}

/**
 * The argument's place in the tree: its parent exists (see `ValidationContext.wasDeleted`), the chain
 * above it reaches a position without looping, and it is not too deep. A top-level argument's stored
 * `positionId` must name its parent; a reply's only has to name a position, because readers derive a
 * reply's position from its chain (lib/board/doc.ts) and a reply written while its parent moved to
 * another position still carries the old one.
 */
function checkParent(arg: Argument, ctx: ValidationContext, moved: boolean): ModelError | null {
  if (ctx.positions.has(arg.parentId)) {
    return arg.positionId === arg.parentId ? null : { code: "position-mismatch", message: "A top-level argument must belong to the position it answers." };
  }
  if (!ctx.positions.has(arg.positionId)) return { code: "position-mismatch", message: "A reply must belong to one of the board's positions." };
  const missing = (id: string): ModelError | null =>
    ctx.wasDeleted(id) && !moved ? null : { code: "parent-not-found", message: "The argument this replies to no longer exists." };
  let parent = ctx.getArgument(arg.parentId);
  if (!parent) return missing(arg.parentId);
  const seen = new Set<string>([arg.id]);
  let depth = 1;
  while (!ctx.positions.has(parent.parentId)) {
    if (seen.has(parent.id)) return { code: "cycle", message: "An argument cannot be moved under one of its own replies." };
    seen.add(parent.id);
    if (++depth > LIMITS.maxDepth) return { code: "too-deep", message: `Replies can nest at most ${LIMITS.maxDepth} levels deep.` };
    const next = ctx.getArgument(parent.parentId);
    if (!next) return missing(parent.parentId);
    parent = next;
  }
  return null;
}

/** Quotes an argument will store, sorted by their place in the source and without duplicates. */
export function normalizeQuotes(quotes: QuoteAnchor[]): QuoteAnchor[] {
  const seen = new Set<string>();
  return [...quotes]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((q) => {
      const key = `${q.start}:${q.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function fail<T>(code: ModelErrorCode, message: string, path?: (string | number)[]): ModelResult<T> {
  return { ok: false, error: { code, message, ...(path ? { path } : {}) } };
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "The argument is not valid.";
}
