"use client";
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import type { BoardState } from "@/lib/board/doc";
import { buildBoardView, EMPTY_QUERY, isNarrowed, type QueryContext } from "@/lib/views/argument-query";
import { useVotes } from "@/components/votes/VotesContext";
import { BoardLayoutContext, scrollParentOf, type BoardLayout } from "./BoardLayoutContext";
import { BoardToolbar } from "./BoardToolbar";
import { PositionColumn } from "./PositionColumn";
import { registerUnfold } from "./scroll-to-argument";
import { useBoardQuery } from "./useBoardQuery";
import { useRules } from "./useBoardRules";
import styles from "./ArgumentBoard.module.css";

interface ArgumentBoardProps {
  board: BoardState | null;
  failed: boolean;
  /** This person's author id, for "my arguments". */
  selfId: string | null;
}

/**
 * The argument map: a search-and-filter toolbar, then one column per position. Shows a placeholder
 * until the board has synced, and stops pretending to load once the connection has failed for good.
 * Memoised: typing in the editor re-renders the screen around it, never the board.
 */
export const ArgumentBoard = memo(function ArgumentBoard({ board, failed, selfId }: ArgumentBoardProps) {
  if (failed && (!board || board.positions.length === 0)) {
    return <p className={styles.unavailable}>The arguments could not be loaded. See the message above.</p>;
  }
  if (!board || board.positions.length === 0) {
    return (
      <div className={styles.loading} aria-busy="true" aria-live="polite" data-testid="board-loading">
        <div className={styles.skeletonColumn} />
        <div className={styles.skeletonColumn} />
        <p className={styles.loadingText}>Loading the arguments…</p>
      </div>
    );
  }
  return <LoadedBoard board={board} selfId={selfId} />;
});

function LoadedBoard({ board, selfId }: { board: BoardState; selfId: string | null }) {
  const rules = useRules();
  const votes = useVotes();
  // Unchanged arguments keep their identity across reads (lib/board/board-reader.ts): cards skip them.
  const args = board.arguments;
  const [query, setQuery] = useBoardQuery();
  // Typing in the search box stays responsive; the board follows a moment later on a long board.
  const shownQuery = useDeferredValue(query);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());

  const tallies = votes?.results ? votes.tallies : null;
  const { authorName, teamOfAuthor } = rules;
  const context = useMemo<QueryContext>(
    () => ({ selfId, authorName, teamOfAuthor, tally: (id) => tallies?.get(id) }),
    [selfId, authorName, teamOfAuthor, tallies],
  );
  const view = useMemo(() => buildBoardView(board.positions, args, shownQuery, context, collapsed), [board.positions, args, shownQuery, context, collapsed]);

  const toggleReplies = useCallback((id: string) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  // Every argument that has replies: the parents of all arguments, minus the positions.
  const collapseAll = useCallback(() => setCollapsed(new Set(args.filter((a) => a.parentId !== a.positionId).map((a) => a.parentId))), [args]);
  const expandAll = useCallback(() => setCollapsed(new Set()), []);

  // Bring a hidden argument back for scrollToArgument: unfold the threads above it, drop the filters.
  const argsRef = useRef(args);
  const viewRef = useRef(view);
  useLayoutEffect(() => {
    argsRef.current = args;
    viewRef.current = view;
  });
  useEffect(
    () =>
      registerUnfold((id) => {
        const byId = new Map(argsRef.current.map((a) => [a.id, a]));
        if (!byId.has(id)) return false;
        const ancestors = new Set<string>();
        for (let a = byId.get(byId.get(id)!.parentId); a; a = byId.get(a.parentId)) ancestors.add(a.id);
        setCollapsed((current) => ([...ancestors].some((a) => current.has(a)) ? new Set([...current].filter((c) => !ancestors.has(c))) : current));
        const shown = viewRef.current.columns.some((c) => c.lanes.some((l) => l.rows.some((r) => r.argument.id === id || ancestors.has(r.argument.id))));
        if (!shown) setQuery({ ...EMPTY_QUERY, sort: query.sort });
        return true;
      }),
    [setQuery, query.sort],
  );

  // The element that scrolls the board (the lanes' virtualisers share it), and the sticky toolbar's height.
  const rootRef = useRef<HTMLDivElement>(null);
  const columnsRef = useRef<HTMLDivElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [toolbarHeight, setToolbarHeight] = useState(0);
  const resizeListeners = useRef(new Set<() => void>());
  const onResize = useCallback((listener: () => void) => {
    resizeListeners.current.add(listener);
    return () => void resizeListeners.current.delete(listener);
  }, []);
  useLayoutEffect(() => {
    if (rootRef.current) setScroller(scrollParentOf(rootRef.current));
  }, []);
  // Lanes start lower when anything above them grows: the toolbar, another lane, a panel above the board.
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    const toolbar = toolbarRef.current;
    if (!toolbar) return;
    observer.current = new ResizeObserver(() => {
      setToolbarHeight(toolbar.offsetHeight);
      for (const listener of resizeListeners.current) listener();
    });
    return () => observer.current?.disconnect();
  }, []);
  useEffect(() => {
    const watch = observer.current;
    if (!watch || !columnsRef.current || !toolbarRef.current) return;
    // Observing an element twice is a no-op, so this simply adds lanes that appeared since.
    for (const el of [toolbarRef.current, columnsRef.current, ...columnsRef.current.querySelectorAll("section[data-stance]"), ...(scroller?.children ?? [])]) watch.observe(el);
  }, [view, scroller]);

  const layout = useMemo<BoardLayout>(() => ({ scroller, onResize, toggleReplies }), [scroller, onResize, toggleReplies]);
  const teams = votes?.teams ?? [];
  const narrowed = isNarrowed(shownQuery);

  return (
    <div ref={rootRef} className={styles.board} style={{ "--toolbar-h": `${toolbarHeight}px` } as CSSProperties}>
      <div ref={toolbarRef} className={styles.toolbarSlot}>
        <BoardToolbar
          query={query}
          onChange={setQuery}
          positions={board.positions}
          teams={teams}
          canFilterMine={selfId !== null}
          canSortByVotes={tallies !== null}
          matching={view.matching}
          total={view.total}
          onCollapseAll={collapseAll}
          onExpandAll={expandAll}
        />
      </div>
      <BoardLayoutContext.Provider value={layout}>
        <div ref={columnsRef} className={styles.columns} data-testid="argument-board" data-columns={view.columns.length}>
          {view.columns.map((column) => (
            <PositionColumn key={column.position.id} column={column} narrowed={narrowed} />
          ))}
        </div>
      </BoardLayoutContext.Provider>
    </div>
  );
}
