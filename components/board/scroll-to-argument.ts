/**
 * Brings an argument's card into view: scrolls it to the middle of its pane, focuses it (without a
 * second scroll) and marks it `data-followed` for a moment, which globals.css paints as a flash.
 *
 * On a phone the card may not be on the page yet, or not laid out: following the spotlight from the
 * Article tab switches to the Arguments tab first, and the switch renders after this is called. So
 * it retries once per animation frame until the card has a box, and gives up after `maxFrames`.
 * A newer call cancels the one still waiting, so only the latest spotlight wins.
 */
const HIGHLIGHT_MS = 2_000;
/** About five seconds at 60 frames a second: long enough for a slow phone to render a long board. */
const MAX_FRAMES = 300;

let cancelPending: (() => void) | null = null;

/** Scrolls to argument `id` once its card is laid out; returns a function that cancels the wait. */
export function scrollToArgument(id: string, { maxFrames = MAX_FRAMES }: { maxFrames?: number } = {}): () => void {
  cancelPending?.();
  let frame = 0;
  let handle = 0;
  const cancel = () => {
    cancelAnimationFrame(handle);
    if (cancelPending === cancel) cancelPending = null;
  };
  const attempt = () => {
    const card = findCard(id);
    if (card && card.getClientRects().length > 0) {
      cancel();
      reveal(card);
    } else if (++frame < maxFrames) {
      handle = requestAnimationFrame(attempt);
    } else {
      cancel();
    }
  };
  cancelPending = cancel;
  attempt();
  return cancel;
}

function findCard(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-argument-id="${CSS.escape(id)}"]`);
}

function reveal(card: HTMLElement): void {
  // An instant jump: a smooth scroll is cut short when the pane resizes under it (the tab switch).
  card.scrollIntoView({ block: "center", behavior: "auto" });
  card.focus({ preventScroll: true });
  card.dataset.followed = "true";
  window.setTimeout(() => delete card.dataset.followed, HIGHLIGHT_MS);
}
