import { z } from "zod";
import { ArgumentSchema } from "../board/argument";
import { CommentSchema } from "../board/comments";
import { LIMITS, POSITION_COLORS } from "../board/constants";

/**
 * What an importer (Parley JSON, Argdown) hands to the import use-case: a board to create, not yet
 * checked against its source. The use-case validates every argument with the model's own rules and
 * creates the board in one transaction, or nothing at all.
 */
export const ImportedBoardSchema = z.object({
  title: z.string().trim().min(1).max(LIMITS.boardTitleMaxChars),
  source: z.object({
    title: z.string().trim().min(1).max(LIMITS.boardTitleMaxChars),
    publisher: z.string().nullable(),
    publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    language: z.string().min(2).max(16),
    text: z.string().min(1).max(LIMITS.sourceMaxChars),
  }),
  /** In order; ids become `pos-<key>`. */
  positions: z
    .array(z.object({ key: z.string().min(1).max(64), label: z.string().trim().min(1).max(LIMITS.positionLabelMaxChars), color: z.enum(POSITION_COLORS).optional() }))
    .min(2)
    .max(6),
  /** `parentId` is `pos-<key>` of a position or another argument's id. */
  arguments: z.array(ArgumentSchema),
  teams: z
    .array(z.object({ id: z.string().min(1).max(40), name: z.string().trim().min(1).max(40), positionId: z.string().min(1).max(64), color: z.enum(POSITION_COLORS), memberIds: z.array(z.string().min(1).max(64)) }))
    .max(8)
    .default([]),
  votes: z
    .array(
      z.object({
        argumentId: z.string().min(1).max(64),
        memberId: z.string().min(1).max(64),
        strength: z.number().int().min(1).max(5).nullable(),
        quoteSupport: z.number().int().min(1).max(5).nullable(),
        at: z.string(),
      }),
    )
    .default([]),
  /** Comments on the arguments (Parley JSON only); a reply's top comment comes first. */
  comments: z.array(CommentSchema).default([]),
});
export type ImportedBoard = z.infer<typeof ImportedBoardSchema>;

/** One problem found in an imported file; `line` is 1-based when the format has lines. */
export interface ImportIssue {
  line?: number;
  message: string;
}

export type ImportResult = { ok: true; board: ImportedBoard } | { ok: false; errors: ImportIssue[] };
