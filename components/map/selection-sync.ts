"use client";
import { scrollToArgument } from "@/components/board/scroll-to-argument";

/**
 * Selecting an argument on the map shows it everywhere else: its card in the columns is scrolled to
 * and flashed, and the first of its highlighted quotes in the article is brought into view (the
 * highlights mark themselves `data-selected`, see ArticleBlockView).
 */
export function revealSelectedArgument(argumentId: string): void {
  scrollToArgument(argumentId, { flash: true });
  // The article marks its selected quotes on the next render.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const mark = document.querySelector<HTMLElement>('[data-testid="highlight"][data-selected]');
      if (mark && mark.getClientRects().length > 0) mark.scrollIntoView({ block: "center", behavior: "auto" });
    }),
  );
}

/** The argument a click in the columns or the article chose: a card, or a highlight's first citing argument. */
export function argumentIdFromClick(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const card = target.closest<HTMLElement>('[data-testid="argument-card"]');
  if (card?.dataset.argumentId) return card.dataset.argumentId;
  const highlight = target.closest<HTMLElement>('[data-testid="highlight"]');
  return highlight?.dataset.argumentIds?.split(" ")[0] || null;
}
