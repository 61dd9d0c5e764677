import { hasQuote, mustCiteOn } from "@/lib/board/must-cite";
import type { Settings } from "@/lib/session/session";
import type { Draft } from "@/components/board/useArgumentDraft";

/**
 * What Save does with the editor's work on a board that asks every argument to cite the source:
 * "keep" it as the writer's personal draft (no quote yet), "refuse" an edit that would drop the last
 * quote of an argument on the board, or "post" it as usual. The server enforces the same rule.
 */
export type CiteRoute = "post" | "keep" | { refuse: string };

export const KEEP_A_QUOTE = "This board asks every argument to cite the source: keep at least one quote.";

export function citeRoute(settings: Pick<Settings, "mustCite"> | null, draft: Pick<Draft, "target" | "quotes">): CiteRoute {
  if (!settings || !mustCiteOn(settings) || hasQuote(draft)) return "post";
  if (draft.target.kind !== "edit") return "keep";
  return hasQuote(draft.target.argument) ? { refuse: KEEP_A_QUOTE } : "post";
}
