import { z } from "zod";
import { LIMITS, POSITION_COLORS } from "./constants";

/** One of the stances a debate maps, e.g. "The US position". Arguments hang off positions. */
export const PositionSchema = z
  .object({
    id: z.string().min(1).max(64),
    /** Stable short key from the source metadata ("us", "pak-military"), used in exports. */
    key: z.string().min(1).max(64),
    label: z.string().trim().min(1, "A position needs a name.").max(LIMITS.positionLabelMaxChars),
    color: z.enum(POSITION_COLORS),
    order: z.number().int().nonnegative(),
  })
  .strict();
export type Position = z.infer<typeof PositionSchema>;
export type PositionColor = (typeof POSITION_COLORS)[number];

/** Input for a board's positions at creation time. */
export const PositionDraftSchema = z.object({
  key: z.string().trim().min(1).max(64).optional(),
  label: PositionSchema.shape.label,
  /** Default: the palette in order. */
  color: z.enum(POSITION_COLORS).optional(),
});
export type PositionDraft = z.infer<typeof PositionDraftSchema>;

/** Turns labels into positions with stable keys, colours and order. */
export function makePositions(drafts: PositionDraft[]): Position[] {
  const used = new Set<string>();
  return drafts.map((draft, order) => {
    let key = draft.key ?? slugify(draft.label);
    while (used.has(key)) key = `${key}-${order + 1}`;
    used.add(key);
    return { id: `pos-${key}`, key, label: draft.label.trim(), color: draft.color ?? POSITION_COLORS[order % POSITION_COLORS.length], order };
  });
}

function slugify(label: string): string {
  const slug = label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "position";
}
