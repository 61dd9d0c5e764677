"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { Role } from "@/lib/board/roles";
import type { BoardReadView, BoardSummary } from "@/lib/views/board-views";
import { readMembership } from "@/components/identity/useMembership";
import { relativeTime } from "@/components/common/time";
import styles from "./Home.module.css";

const MEMBERSHIP_PREFIX = "parley.member.";
/** A browser that joined many boards lists the first few; each costs one request. */
const MAX_OWN_BOARDS = 20;

interface OwnBoard {
  board: BoardSummary;
  role: Role | null;
}

const ROLE_NAMES: Record<Role, string> = { facilitator: "You facilitate", participant: "You take part", observer: "You watch" };

/** Boards this browser has a place on, as their members see them (each asked for with its own member token). */
async function loadOwnBoards(signal: AbortSignal): Promise<OwnBoard[]> {
  const places: { boardId: string; token: string }[] = [];
  for (let i = 0; i < window.localStorage.length && places.length < MAX_OWN_BOARDS; i++) {
    const key = window.localStorage.key(i);
    if (!key?.startsWith(MEMBERSHIP_PREFIX)) continue;
    const membership = readMembership(key);
    if (membership) places.push({ boardId: key.slice(MEMBERSHIP_PREFIX.length), token: membership.memberToken });
  }
  const answers = await Promise.all(
    places.map(async ({ boardId, token }) => {
      const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: { authorization: `Bearer ${token}` }, cache: "no-store", signal }).catch(() => null);
      const body = response?.ok ? ((await response.json().catch(() => null)) as BoardReadView | null) : null;
      return body?.board ? { board: body.board, role: body.role } : null;
    }),
  );
  return answers.filter((a): a is OwnBoard => a !== null).sort((a, b) => b.board.updatedAt.localeCompare(a.board.updatedAt));
}

/**
 * "Your boards": the ones this browser created or joined, remembered in localStorage. Listed only
 * here, for this person — the public list never shows a facilitated board.
 */
export function MyBoards({ now }: { now: number }) {
  const [boards, setBoards] = useState<OwnBoard[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    loadOwnBoards(controller.signal)
      .then((found) => !controller.signal.aborted && setBoards(found))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  if (boards.length === 0) return null;
  return (
    <section className={styles.recent} aria-labelledby="own-heading" data-testid="own-boards">
      <h2 id="own-heading" className={styles.sectionTitle}>
        Your boards
      </h2>
      <ul className={styles.recentList}>
        {boards.map(({ board, role }) => (
          <li key={board.id}>
            <Link href={`/b/${encodeURIComponent(board.id)}`} className={styles.recentItem} data-testid="own-board">
              <span className={styles.recentTitle}>{board.title}</span>
              <span className={styles.recentMeta}>
                {role ? `${ROLE_NAMES[role]} · ` : ""}
                {board.sourceTitle} · updated {relativeTime(Date.parse(board.updatedAt), now)}
              </span>
              {board.joinCode ? (
                <span className={styles.recentCode} aria-label={`Join code ${board.joinCode}`}>
                  {board.joinCode}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
