import { z } from "zod";
import { QuoteAnchorSchema } from "../anchoring/anchor";
import { LIMITS, STANCES } from "./constants";
import { isValidOrderKey } from "./order";

export const StanceSchema = z.enum(STANCES);
/** `for` supports its parent (a position or an argument); `against` attacks it. */
export type Stance = z.infer<typeof StanceSchema>;

export const ArgumentTextSchema = z
  .string()
  .trim()
  .min(1, "An argument needs some text.")
  .max(LIMITS.argumentMaxChars, `An argument can be at most ${LIMITS.argumentMaxChars} characters.`);

export const AuthorNameSchema = z
  .string()
  .trim()
  .min(1, "Please give a display name.")
  .max(LIMITS.authorNameMaxChars, `A display name can be at most ${LIMITS.authorNameMaxChars} characters.`);

/**
 * An argument on the board. `parentId` is a position id (a top-level argument) or another argument's id
 * (a rebuttal or support, nested to any depth). Its author or a facilitator may move it to another
 * parent (lib/board/move.ts); the server refuses a move that would close a cycle. `positionId` is the
 * position at the root of its chain as last written: readers re-derive it from the chain (lib/board/doc.ts),
 * so a reply written concurrently with a move of its parent to another position is not lost.
 * `order` places it among its siblings (lib/board/order.ts); without one it sorts by `createdAt`.
 */
export const ArgumentSchema = z
  .object({
    id: z.string().min(1).max(64),
    positionId: z.string().min(1).max(64),
    parentId: z.string().min(1).max(64),
    stance: StanceSchema,
    text: ArgumentTextSchema,
    quotes: z.array(QuoteAnchorSchema).max(LIMITS.quotesPerArgument, `At most ${LIMITS.quotesPerArgument} quotes per argument.`),
    authorId: z.string().min(1).max(64),
    authorName: AuthorNameSchema,
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
    order: z.string().max(64).refine(isValidOrderKey, "An argument's order must be a fractional index.").optional(),
  })
  .strict();
export type Argument = z.infer<typeof ArgumentSchema>;

/** Fields that are fixed at creation; a change to any of them is refused. (`parentId` moves: see move.ts.) */
export const IMMUTABLE_ARGUMENT_FIELDS = ["id", "authorId", "authorName", "createdAt"] as const;
