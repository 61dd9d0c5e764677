import { z } from "zod";
import { QuoteAnchorSchema } from "@/lib/anchoring/anchor";
import { StanceSchema, type Argument } from "@/lib/board/argument";
import { LIMITS } from "@/lib/board/constants";
import type { Draft } from "./useArgumentDraft";

/**
 * A half-written argument as this browser keeps it between page loads: the words and quotes, and what
 * it was for by id (the argument it replies to or edits is read again from the board on return).
 * Pure: the hook that reads and writes localStorage is `useKeptDraft.ts`.
 */
const KeptDraftSchema = z.object({
  version: z.literal(1),
  target: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("new") }),
    z.object({ kind: z.literal("reply"), parentId: z.string() }),
    z.object({ kind: z.literal("edit"), argumentId: z.string() }),
  ]),
  positionId: z.string(),
  stance: StanceSchema,
  // A little over the limit is still kept: the editor says it is too long, the words are not lost.
  text: z.string().max(LIMITS.argumentMaxChars * 4),
  quotes: z.array(QuoteAnchorSchema).max(LIMITS.quotesPerArgument),
  draftId: z.string().optional(),
});
export type KeptDraft = z.infer<typeof KeptDraftSchema>;

/** localStorage key for one board incarnation and one person (the same as their board copy). */
export function keptDraftKey(boardId: string, epochMs: number, personId: string): string {
  return `parley.draft.${boardId}.${epochMs}.${personId}`;
}

/** What to store for `draft`. */
export function keepDraft(draft: Draft): KeptDraft {
  const { target } = draft;
  return {
    version: 1,
    target: target.kind === "new" ? target : target.kind === "reply" ? { kind: "reply", parentId: target.parent.id } : { kind: "edit", argumentId: target.argument.id },
    positionId: draft.positionId,
    stance: draft.stance,
    text: draft.text,
    quotes: draft.quotes,
    ...(draft.draftId ? { draftId: draft.draftId } : {}),
  };
}

/** Reads a stored draft; anything damaged or from another version is ignored. */
export function parseKeptDraft(raw: string | null): KeptDraft | null {
  if (!raw) return null;
  try {
    const parsed = KeptDraftSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The editor's draft again, on the board as it is now. When the argument it replied to or edited is
 * gone, the words come back as a new argument in the same position with a note — never dropped.
 */
export function reviveDraft(kept: KeptDraft, args: readonly Argument[]): Draft {
  const base = { positionId: kept.positionId, stance: kept.stance, text: kept.text, quotes: kept.quotes, error: null, ...(kept.draftId ? { draftId: kept.draftId } : {}) };
  const { target } = kept;
  if (target.kind === "new") return { ...base, target };
  const argument = args.find((candidate) => candidate.id === (target.kind === "reply" ? target.parentId : target.argumentId));
  if (argument) return { ...base, target: target.kind === "reply" ? { kind: "reply", parent: argument } : { kind: "edit", argument } };
  const gone = target.kind === "reply" ? "The argument you were replying to" : "The argument you were editing";
  return { ...base, target: { kind: "new" }, error: `${gone} is no longer on the board; your text is kept here as a new argument.` };
}
