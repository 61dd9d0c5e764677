"use client";
import type { CSSProperties } from "react";
import type { ArgumentNode } from "@/lib/board/tree";
import { teamOf, type SessionState } from "@/lib/session/session";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import styles from "./Projector.module.css";

/** Replies shown under an argument on the big screen; the rest are counted, not printed. */
const SHOWN_REPLIES = 3;
/** Deeper than this, replies are only counted: the back row cannot follow a long chain. */
const MAX_DEPTH = 2;

function countAll(nodes: ArgumentNode[]): number {
  return nodes.reduce((sum, n) => sum + 1 + countAll(n.children), 0);
}

function holds(node: ArgumentNode, id: string | null): boolean {
  return id !== null && (node.argument.id === id || node.children.some((c) => holds(c, id)));
}

/**
 * An argument in projector type: its claim, its first quote, who wrote it (the stored name, so an
 * anonymous board stays anonymous even on a facilitator's laptop) and its team.
 */
export function ProjectorCard({ node, session, spotlightId }: { node: ArgumentNode; session: SessionState | null; spotlightId: string | null }) {
  const { argument: arg, depth, children } = node;
  const team = session ? teamOf(session, arg.authorId) : null;
  const quote = arg.quotes[0];
  // The spotlighted reply is always printed, however deep or late it comes, so the room can see it.
  const shown = children.filter((c, i) => (depth < MAX_DEPTH && i < SHOWN_REPLIES) || holds(c, spotlightId));
  const hidden = countAll(children) - countAll(shown);
  return (
    <div className={styles.thread}>
      <article
        id={`argument-${arg.id}`}
        className={`${styles.card} ${arg.id === spotlightId ? styles.spotlit : ""}`}
        data-stance={arg.stance}
        data-depth={depth}
        data-spotlit={arg.id === spotlightId || undefined}
      >
        {depth > 0 ? <span className={styles.relation}>{arg.stance === "for" ? "supports" : "rebuts"}</span> : null}
        <p className={styles.cardText}>{arg.text}</p>
        {quote ? <blockquote className={styles.cardQuote}>{quote.exact}</blockquote> : null}
        <p className={styles.cardMeta}>
          {arg.authorName}
          {team ? (
            <span className={styles.cardTeam} style={{ "--team": POSITION_PALETTES[team.color].base } as CSSProperties}>
              {team.name}
            </span>
          ) : null}
        </p>
      </article>
      {shown.length > 0 || hidden > 0 ? (
        <div className={styles.replies}>
          {shown.map((child) => (
            <ProjectorCard key={child.argument.id} node={child} session={session} spotlightId={spotlightId} />
          ))}
          {hidden > 0 ? <p className={styles.more}>+ {hidden} more {hidden === 1 ? "reply" : "replies"}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
