"use client";
import { useEffect, useLayoutEffect, useRef, useState, type FocusEvent } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { BoardRow } from "@/lib/views/argument-query";
import { ArgumentCard } from "./ArgumentCard";
import { useBoardLayout } from "./BoardLayoutContext";
import { registerLane } from "./scroll-to-argument";
import styles from "./ArgumentBoard.module.css";

/** Below this many rows a lane renders every card: short lanes stay fully in the page (find-in-page, tests). */
export const VIRTUALISE_FROM_ROWS = 40;
/** A compact card with a line or two of text; rows are measured once rendered. */
const ESTIMATED_ROW_PX = 160;
const OVERSCAN_ROWS = 4;

/** A lane's cards: all of them for a short lane, a virtualised window of them for a long one. */
export function LaneRows({ rows }: { rows: BoardRow[] }) {
  return rows.length >= VIRTUALISE_FROM_ROWS ? <VirtualRows rows={rows} /> : <PlainRows rows={rows} />;
}

function PlainRows({ rows }: { rows: BoardRow[] }) {
  const { toggleReplies } = useBoardLayout();
  return (
    <div className={styles.threads}>
      {rows.map((row) => (
        <ArgumentCard key={row.argument.id} row={row} onToggleReplies={toggleReplies} />
      ))}
    </div>
  );
}

/**
 * Only the rows near the visible part of the board pane are in the page. All lanes share the pane as
 * their scroll element; each offsets its rows by where it starts in the pane (`scrollMargin`).
 * The focused card is always kept rendered, so Tab and screen readers never lose their place.
 */
function VirtualRows({ rows }: { rows: BoardRow[] }) {
  const { scroller, onResize, toggleReplies } = useBoardLayout();
  const listRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  const focused = useRef(-1);
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  });

  // Where this lane starts inside the scrolling content; moves when anything above it changes height.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || !scroller) return;
    const measure = () => {
      const top = Math.round(list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
      setMargin((m) => (m === top ? m : top));
    };
    measure();
    return onResize(measure);
  }, [scroller, onResize]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN_ROWS,
    scrollMargin: margin,
    getItemKey: (index) => rows[index]!.argument.id,
    rangeExtractor: (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const f = focused.current;
      return f >= 0 && f < range.count && !indexes.includes(f) ? [...indexes, f].sort((a, b) => a - b) : indexes;
    },
  });

  useEffect(
    () =>
      registerLane({
        indexOf: (id) => rowsRef.current.findIndex((row) => row.argument.id === id),
        scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: "center" }),
        isShown: () => (listRef.current?.getClientRects().length ?? 0) > 0,
      }),
    [virtualizer],
  );

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const index = (event.target as HTMLElement).closest<HTMLElement>("[data-index]")?.dataset.index;
    focused.current = index === undefined ? -1 : Number(index);
  };
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) focused.current = -1;
  };

  return (
    <div ref={listRef} className={styles.virtualList} style={{ height: virtualizer.getTotalSize() }} onFocus={onFocus} onBlur={onBlur} data-testid="lane-virtual" data-rows={rows.length}>
      {virtualizer.getVirtualItems().map((item) => (
        <div
          key={item.key}
          data-index={item.index}
          ref={virtualizer.measureElement}
          className={styles.virtualRow}
          style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
        >
          <ArgumentCard row={rows[item.index]!} onToggleReplies={toggleReplies} />
        </div>
      ))}
    </div>
  );
}
