/** Limits shared by the editor, the model and the server's re-validation. */
export const LIMITS = {
  /** An argument is a claim plus a sentence or two of reasoning, not an essay. */
  argumentMaxChars: 2000,
  quoteMaxChars: 1200,
  quotesPerArgument: 6,
  authorNameMaxChars: 40,
  boardTitleMaxChars: 140,
  positionLabelMaxChars: 80,
  /** A pasted source: roughly a long-form article or a book chapter. */
  sourceMaxChars: 200_000,
  /** Rebuttals may nest to any depth in principle; this keeps a hostile client from building a 10k-deep chain. */
  maxDepth: 64,
  /** A comment is a remark or a question on an argument, shorter than the argument itself. */
  commentMaxChars: 1000,
} as const;

export const STANCES = ["for", "against"] as const;

/** Palette tokens a position can take; components map them to colours. */
export const POSITION_COLORS = ["indigo", "emerald", "amber", "rose", "violet", "teal"] as const;

/** Names of the Yjs root types that make up a board. Nothing else may appear in a board's document. */
export const ROOTS = {
  meta: "meta",
  positions: "positions",
  arguments: "arguments",
  /** Facilitator-only settings (lib/board/roles.ts). */
  session: "session",
  /** Comments on arguments (lib/board/comments.ts). */
  comments: "comments",
} as const;

export const BOARD_SCHEMA_VERSION = 1;
