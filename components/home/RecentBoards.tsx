import Link from "next/link";
import type { BoardSummary } from "@/server/http/types";
import { relativeTime } from "@/components/common/time";
import styles from "./Home.module.css";

interface RecentBoardsProps {
  /** Null when the list could not be loaded (the database is down); the rest of the page still works. */
  boards: BoardSummary[] | null;
  now: number;
}

/** The latest boards on this Parley, newest activity first. */
export function RecentBoards({ boards, now }: RecentBoardsProps) {
  return (
    <section className={styles.recent} aria-labelledby="recent-heading" data-testid="recent-boards">
      <h2 id="recent-heading" className={styles.sectionTitle}>
        Recent boards
      </h2>
      {boards === null ? (
        <p className={styles.emptyState}>Recent boards can’t be shown right now. You can still open the demo or join with a code.</p>
      ) : boards.length === 0 ? (
        <p className={styles.emptyState}>No boards yet. Start one with the form, or open the demo board to see how it works.</p>
      ) : (
        <ul className={styles.recentList}>
          {boards.map((board) => (
            <li key={board.id}>
              <Link href={`/b/${encodeURIComponent(board.id)}`} className={styles.recentItem} data-testid="recent-board">
                <span className={styles.recentTitle}>{board.title}</span>
                <span className={styles.recentMeta}>
                  {board.sourceTitle} · updated {relativeTime(Date.parse(board.updatedAt), now)}
                </span>
                <span className={styles.recentCode} aria-label={`Join code ${board.joinCode}`}>
                  {board.joinCode}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
