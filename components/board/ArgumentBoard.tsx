"use client";
import { useMemo } from "react";
import type { BoardState } from "@/lib/board/doc";
import { buildColumns } from "@/lib/board/tree";
import { PositionColumn } from "./PositionColumn";
import styles from "./ArgumentBoard.module.css";

/**
 * The argument map: one column per position. Shows a placeholder until the board has synced, and
 * stops pretending to load once the connection has failed for good.
 */
export function ArgumentBoard({ board, failed }: { board: BoardState | null; failed: boolean }) {
  const columns = useMemo(() => (board ? buildColumns(board.positions, board.arguments) : []), [board]);

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
  return (
    <div className={styles.columns} data-testid="argument-board">
      {columns.map((column) => (
        <PositionColumn key={column.position.id} column={column} />
      ))}
    </div>
  );
}
