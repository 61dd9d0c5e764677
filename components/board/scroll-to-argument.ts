"use client";
/**
 * The one way to bring an argument card into view on the board. The board's lanes are virtualised, so
 * a card far down is not in the page at all: `document.getElementById` cannot find it and
 * `scrollIntoView` cannot reach it. Each lane registers here with how to find an argument's row and
 * scroll to it; the board registers how to unfold a collapsed thread or drop a filter that hides it.
 *
 * Used by: following the facilitator's spotlight, jumping from a quote in the article to its card, and
 * showing a newly saved argument.
 *
 * On a phone the card may not be laid out yet: following the spotlight from the Article tab switches to
 * the Arguments tab, and the switch renders after this is called. So it retries once per frame, and a
 * newer call cancels the one still waiting, so only the latest jump wins.
 */

/** A mounted, virtualised lane. */
export interface LaneHandle {
  /** The row index of `argumentId` in this lane as shown, or -1. */
  indexOf(argumentId: string): number;
  /** Scrolls the lane's scroll container so that row `index` is rendered and centred. */
  scrollToIndex(index: number): void;
  /** The lane is laid out (its pane is not hidden), so scrolling it means something. */
  isShown(): boolean;
}

/** Makes an argument that is on the board but hidden (folded, filtered out) shown; false if it is not on the board. */
export type Unfold = (argumentId: string) => boolean;

const lanes = new Set<LaneHandle>();
let unfold: Unfold | null = null;

/** Frames to wait for a card to be rendered and laid out (a pane switch, an unfold, row measuring): about five seconds, for a slow phone. */
const MAX_FRAMES = 300;
/** How long a followed card keeps its flash (`data-followed`, painted by globals.css). */
const FLASH_MS = 2_000;

let cancelPending: (() => void) | null = null;
/** Frames in a row the card must stay put before it counts as shown. */
const STEADY_FRAMES = 3;

export function registerLane(lane: LaneHandle): () => void {
  lanes.add(lane);
  return () => lanes.delete(lane);
}

export function registerUnfold(fn: Unfold): () => void {
  unfold = fn;
  return () => {
    if (unfold === fn) unfold = null;
  };
}

export interface ScrollToArgumentOptions {
  /** Move keyboard focus to the card (a jump the person asked for; not a spotlight they are typing through). */
  focus?: boolean;
  /** Flash the card once it is in view, so the eye finds it (following the spotlight). */
  flash?: boolean;
}

function findRow(argumentId: string): { lane: LaneHandle; index: number } | null {
  for (const lane of lanes) {
    const index = lane.indexOf(argumentId);
    if (index >= 0) return { lane, index };
  }
  return null;
}

/**
 * Brings argument `argumentId` to the middle of the board pane, unfolding or unfiltering it if need
 * be. Answers at once whether the argument is on the board (false while the board is still loading,
 * so the caller can try again later); the scrolling itself finishes over the next frames.
 */
export function scrollToArgument(argumentId: string, options: ScrollToArgumentOptions = {}): boolean {
  if (typeof window === "undefined") return false;
  const shown = findRow(argumentId) !== null || document.getElementById(`argument-${argumentId}`) !== null;
  if (!shown && !unfold?.(argumentId)) return false;
  cancelPending?.();
  let frames = 0;
  let scrolled = false;
  let steady = 0;
  let handle = 0;
  const cancel = () => {
    cancelAnimationFrame(handle);
    if (cancelPending === cancel) cancelPending = null;
  };
  const attempt = () => {
    const row = findRow(argumentId);
    const card = document.getElementById(`argument-${argumentId}`);
    // Rendered, laid out (not in a hidden pane), and its lane has scrolled to it: centre it. Rows
    // around it are measured as they render and can shift it, so keep centring until it holds still.
    if (card && card.getClientRects().length > 0 && (row === null || scrolled)) {
      const before = card.getBoundingClientRect().top;
      card.scrollIntoView({ block: "center", behavior: "auto" });
      steady = Math.abs(card.getBoundingClientRect().top - before) < 2 ? steady + 1 : 0;
      if (steady >= STEADY_FRAMES || frames >= MAX_FRAMES) {
        cancel();
        settle(card, options);
        return;
      }
    } else if (row && row.lane.isShown()) {
      row.lane.scrollToIndex(row.index);
      scrolled = true;
    }
    if (++frames <= MAX_FRAMES) handle = requestAnimationFrame(attempt);
    else cancel();
  };
  cancelPending = cancel;
  handle = requestAnimationFrame(attempt);
  return true;
}

function settle(card: HTMLElement, { focus, flash }: ScrollToArgumentOptions): void {
  if (focus && !typingSomewhere()) card.focus({ preventScroll: true });
  if (!flash) return;
  card.dataset.followed = "true";
  window.setTimeout(() => delete card.dataset.followed, FLASH_MS);
}

/** Someone writing (the editor, the search box) keeps their caret: a jump never takes focus from a text field. */
function typingSomewhere(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLElement && (active.isContentEditable || active.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select"));
}
