import Link from "next/link";
import type { BoardSummary } from "@/lib/views/board-views";
import { relativeTime } from "@/components/common/time";
import styles from "./Home.module.css";

interface RecentBoardsProps {
  /** Null when the list could not be loaded (the database is down); the rest of the page still works. */
  boards: BoardSummary[] | null;
  now: number;
}

/** The latest open boards on this Parley, newest activity first: facilitated boards are never listed publicly. */
export function RecentBoards({ boards, now }: RecentBoardsProps) {
  return (
    <section className={styles.recent} aria-labelledby="recent-heading" data-testid="recent-boards">
      <h2 id="recent-heading" className={styles.sectionTitle}>
        Open boards
      </h2>
      {boards === null ? (
        <p className={styles.emptyState}>Open boards can’t be shown right now. You can still open the demo or join with a code.</p>
      ) : boards.length === 0 ? (
        <p className={styles.emptyState}>No open boards. Start one with the form, or join your class’s board with its code.</p>
      ) : (
        <ul className={styles.recentList}>
          {boards.map((board) => (
            <li key={board.id}>
              <Link href={`/b/${encodeURIComponent(board.id)}`} className={styles.recentItem} data-testid="recent-board">
                <span className={styles.recentTitle}>{board.title}</span>
                <span className={styles.recentMeta}>
                  {board.sourceTitle} · updated {relativeTime(Date.parse(board.updatedAt), now)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
