import { z } from "zod";

/** How a board's arguments are shown: the columns alone, or the map beside them. */
export const BoardViewSchema = z.enum(["columns", "map"]);
export type BoardView = z.infer<typeof BoardViewSchema>;

/** The URL parameter that carries the view, so a link can open the map (`/b/<id>?view=map`). */
export const VIEW_PARAM = "view";

/** The view a URL asks for; anything else (a typo, an old link, no parameter) falls back to the columns. */
export function viewFromParams(params: Pick<URLSearchParams, "get">): BoardView {
  const parsed = BoardViewSchema.safeParse(params.get(VIEW_PARAM));
  return parsed.success ? parsed.data : "columns";
}

/** Writes `view` into `params` (mutates it): the default view leaves no parameter behind. */
export function writeViewParam(params: URLSearchParams, view: BoardView): void {
  if (view === "columns") params.delete(VIEW_PARAM);
  else params.set(VIEW_PARAM, view);
}
