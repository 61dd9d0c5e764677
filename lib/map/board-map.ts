import { z } from "zod";
import type { ExportBoard } from "../export/board-export";
import { buildMapGraph, type MapGraph } from "./graph";

/**
 * The map graph of an exported board, built exactly as the board screen builds it: positions in
 * board order, arguments oldest first (createdAt, then id — readArguments's order), so the exported
 * picture gets the screen's node order and therefore the screen's layout.
 */
export function boardMapGraph(board: ExportBoard, collapsed: readonly string[] = []): MapGraph {
  const positions = [...board.positions].sort((a, b) => a.order - b.order);
  const args = [...board.arguments].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return buildMapGraph(positions, args, { collapsed: new Set(collapsed) });
}

/** The two pictures an SVG or PNG export can draw: the argument map (default) or the older columns. */
export const PICTURE_LAYOUTS = ["map", "columns"] as const;
export type PictureLayout = (typeof PICTURE_LAYOUTS)[number];

/**
 * Most collapsed nodes one export request may name. The ids travel in the URL, and Node refuses request
 * heads over 16 KB: 500 ids of ~21 characters stay well inside that.
 */
export const MAX_COLLAPSED = 500;

/** What an SVG/PNG/PDF export request may say about the picture ("export what I see"). */
export const PictureOptionsSchema = z.object({
  layout: z.enum(PICTURE_LAYOUTS).default("map"),
  collapsed: z
    .array(z.string().min(1, "collapsed lists node ids separated by commas.").max(64, "A collapsed node id is at most 64 characters."))
    .max(MAX_COLLAPSED, `At most ${MAX_COLLAPSED} collapsed nodes.`)
    .default([]),
});
export type PictureOptions = z.infer<typeof PictureOptionsSchema>;

/**
 * Reads `layout=map|columns` and `collapsed=id1,id2` from an export URL's query. Ids that are not on
 * the board are harmless (nothing folds). Returns the zod error's first message on bad input.
 */
export function parsePictureQuery(query: URLSearchParams): { ok: true; options: PictureOptions } | { ok: false; message: string } {
  const collapsed = query.get("collapsed");
  const parsed = PictureOptionsSchema.safeParse({
    layout: query.get("layout") ?? undefined,
    collapsed: collapsed ? [...new Set(collapsed.split(","))] : undefined,
  });
  if (parsed.success) return { ok: true, options: parsed.data };
  const issue = parsed.error.issues[0];
  const message = issue.path[0] === "layout" ? `layout must be one of: ${PICTURE_LAYOUTS.join(", ")}.` : issue.message;
  return { ok: false, message };
}
