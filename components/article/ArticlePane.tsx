"use client";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Argument } from "@/lib/board/argument";
import type { Position } from "@/lib/board/position";
import type { SourceView } from "@/lib/views/board-views";
import { formatPublishedOn } from "@/components/common/time";
import { HeatBlockView } from "@/components/evidence/HeatBlockView";
import { HeatMapBar, HeatMapToggle } from "@/components/evidence/HeatMapPanel";
import { useHeatMap } from "@/components/evidence/useHeatMap";
import { ArticleBlockView } from "./ArticleBlockView";
import { splitIntoBlocks } from "./blocks";
import { CiteButton } from "./CiteButton";
import { HighlightLegend } from "./HighlightLegend";
import { HighlightPopover, type OpenHighlight } from "./HighlightPopover";
import { collectCitations, segmentBlock, type Range16 } from "./highlights";
import { offsetMapper } from "./offsets";
import { useCiteSelection } from "./useCiteSelection";
import { useKeyboardCaret } from "./useKeyboardCaret";
import styles from "./ArticlePane.module.css";

/** The focusable article text: the skip link's target. */
export const ARTICLE_TEXT_ID = "article-text";

/** A passage to scroll to and flash, in code points; `nonce` makes a repeat click count again. */
export interface FlashTarget {
  start: number;
  end: number;
  nonce: number;
}

interface ArticlePaneProps {
  source: SourceView;
  positions: Position[];
  args: Argument[];
  /** Quotes of the argument being written, marked so the writer sees what they picked. */
  draftQuotes: QuoteAnchor[];
  drafting: boolean;
  flash: FlashTarget | null;
  /**
   * Absent when this person may not write now (observer, locked board): no Cite button then. A
   * selection across paragraphs gives one quote per paragraph, in reading order.
   */
  onCite?: (anchors: QuoteAnchor[]) => void;
  onJumpToArgument(id: string): void;
  /** The argument selected on the map or a card: its quotes are outlined. */
  selectedArgumentId?: string | null;
}

/** The source text, with every cited passage highlighted and a Cite button for new selections. */
export function ArticlePane({ source, positions, args, draftQuotes, drafting, flash, onCite, onJumpToArgument, selectedArgumentId = null }: ArticlePaneProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const mapper = useMemo(() => offsetMapper(source.text), [source.text]);
  const blocks = useMemo(() => splitIntoBlocks(source.text), [source.text]);
  const citations = useMemo(() => collectCitations(args, positions, mapper), [args, positions, mapper]);
  const drafts = useMemo<Range16[]>(
    () => draftQuotes.map((q) => ({ start16: mapper.toUtf16(q.start), end16: mapper.toUtf16(q.end) })),
    [draftQuotes, mapper],
  );
  const flashRange = useMemo(
    () => (flash ? { start16: mapper.toUtf16(flash.start), end16: mapper.toUtf16(flash.end) } : null),
    [flash, mapper],
  );
  const segments = useMemo(
    () => blocks.map((block) => segmentBlock(block, citations, drafts, flashRange)),
    [blocks, citations, drafts, flashRange],
  );

  const heat = useHeatMap(source.text, source.language || undefined, positions, args, scrollRef);

  const { pending, clear } = useCiteSelection(scrollRef, source.text, mapper);
  const [popover, setPopover] = useState<OpenHighlight | null>(null);
  const argumentsById = useMemo(() => new Map(args.map((a) => [a.id, a])), [args]);
  const positionsById = useMemo(() => new Map(positions.map((p) => [p.id, p])), [positions]);

  useEffect(() => {
    if (!flash) return;
    const target = scrollRef.current?.querySelector("[data-flash]");
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target?.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
  }, [flash]);

  const openHighlight = useCallback((argumentIds: string[], target: HTMLElement) => {
    const container = scrollRef.current;
    if (!container || argumentIds.length === 0) return;
    const box = container.getBoundingClientRect();
    const rect = target.getBoundingClientRect();
    setPopover({
      argumentIds,
      x: Math.max(8, Math.min(rect.left - box.left, container.clientWidth - 330)),
      y: rect.bottom - box.top + container.scrollTop + 6,
    });
  }, []);
  const closePopover = useCallback(() => setPopover(null), []);
  const describe = useCallback(
    (ids: string[]) => {
      const lines = ids.map((id) => {
        const arg = argumentsById.get(id);
        const position = arg && positionsById.get(arg.positionId);
        return arg ? `${arg.authorName}: ${arg.stance} ${position?.label ?? "a position"}` : null;
      });
      return `Cited by ${lines.filter(Boolean).join("; ")} — click to see`;
    },
    [argumentsById, positionsById],
  );

  const citeQuotes = useMemo(
    () =>
      onCite &&
      ((anchors: QuoteAnchor[]) => {
        onCite(anchors);
        clear();
      }),
    [onCite, clear],
  );
  const cite = () => {
    if (pending?.result.ok) citeQuotes?.(pending.result.anchors);
  };
  const keyboard = useKeyboardCaret({ containerRef: scrollRef, source: source.text, blocks, mapper, locale: source.language || undefined, onCite: citeQuotes });
  const helpId = useId();

  const first = blocks[0];
  const published = formatPublishedOn(source.publishedOn);
  return (
    <section className={styles.pane} data-testid="article-pane" aria-label="Article">
      <header className={styles.header}>
        <p className={styles.kicker}>
          <span className={styles.sourceBadge}>Source</span>
          {[source.publisher, published].filter(Boolean).join(" · ") || "Pasted text"}
        </p>
        <HighlightLegend positions={positions} />
        <HeatMapToggle on={heat.on} onToggle={heat.toggle} />
      </header>
      <HeatMapBar heat={heat} />
      {/* Focusable so keyboard users can read and select (useKeyboardCaret); the skip link lands here. */}
      <div
        ref={scrollRef}
        id={ARTICLE_TEXT_ID}
        className={styles.scroll}
        tabIndex={0}
        role="group"
        aria-label="Article text"
        aria-describedby={helpId}
        data-testid="article-text"
        onKeyDown={keyboard.onKeyDown}
        onFocus={keyboard.onFocus}
        onBlur={keyboard.onBlur}
      >
        <article className={styles.article} lang={source.language || undefined}>
          {first?.kind !== "headline" ? <h2 className={styles.headline}>{source.title}</h2> : null}
          {blocks.map((block, i) =>
            heat.map ? (
              <HeatBlockView key={block.start16} block={block} passages={heat.byBlock[i] ?? []} map={heat.map} describedByPrefix={heat.prefix} />
            ) : (
              <ArticleBlockView key={block.start16} block={block} segments={segments[i]} onOpenHighlight={openHighlight} describe={describe} selectedArgumentId={selectedArgumentId} />
            ),
          )}
        </article>
        {keyboard.caret ? (
          <span
            className={styles.caret}
            style={{ left: keyboard.caret.x, top: keyboard.caret.y, height: keyboard.caret.height }}
            aria-hidden="true"
            data-testid="article-caret"
          />
        ) : null}
        {pending && onCite ? <CiteButton pending={pending} addsToDraft={drafting} onCite={cite} /> : null}
        {popover ? (
          <HighlightPopover
            open={popover}
            argumentsById={argumentsById}
            positionsById={positionsById}
            onClose={closePopover}
            onJump={(id) => {
              setPopover(null);
              onJumpToArgument(id);
            }}
          />
        ) : null}
      </div>
      <p id={helpId} className="visually-hidden">
        Keys: left and right arrows move by word, up and down by sentence, Home and End to the paragraph&apos;s edges. Hold Shift to
        select; S selects the sentence, P the paragraph{onCite ? "; Enter or C cites the selection" : ""}; Escape clears it.
      </p>
      <p className="visually-hidden" role="status" data-testid="article-caret-status">
        {keyboard.announcement}
      </p>
      {onCite ? (
        <p className={styles.tip}>
          <strong>Tip:</strong> select a passage, then press <strong>Cite</strong> to quote it in an argument. Keyboard: focus the
          article, hold <kbd>Shift</kbd> with the arrow keys (or press <kbd>S</kbd> for a sentence), then <kbd>Enter</kbd>.
        </p>
      ) : null}
    </section>
  );
}
