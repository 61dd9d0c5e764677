"use client";
import type { BoardState } from "@/lib/board/doc";
import { buildColumns, type ArgumentNode } from "@/lib/board/tree";
import { positionStyle } from "@/components/common/positionColors";
import styles from "./ReplayBoard.module.css";
import shared from "./Review.module.css";

/** Quotes longer than this are clipped on the compact cards; the full passage is in the title. */
const QUOTE_PREVIEW_CHARS = 140;

/**
 * The board as it was at the slider's moment: per position a For and an Against lane, replies nested
 * under what they answer. Read-only and free of sync code, unlike the live board's components.
 * `recent` marks the arguments the latest event at this moment touched.
 */
export function ReplayBoard({ state, recent }: { state: BoardState; recent: ReadonlySet<string> }) {
  const columns = buildColumns(state.positions, state.arguments);
  return (
    <section className={styles.board} aria-label="The board at this moment" data-testid="review-board">
      {columns.map(({ position, lanes }) => (
        <div key={position.id} className={styles.column} style={positionStyle(position.color)}>
          <h2 className={styles.columnTitle}>{position.label}</h2>
          {(["for", "against"] as const).map((stance) => (
            <div key={stance} className={styles.lane}>
              <h3 className={styles.laneTitle}>{stance === "for" ? "For" : "Against"}</h3>
              {lanes[stance].length === 0 ? <p className={shared.empty}>Nothing yet.</p> : lanes[stance].map((node) => <ReplayCard key={node.argument.id} node={node} recent={recent} />)}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

function ReplayCard({ node, recent }: { node: ArgumentNode; recent: ReadonlySet<string> }) {
  const { argument: arg, depth, children } = node;
  return (
    <div className={styles.thread}>
      <article
        className={styles.card}
        data-testid="review-card"
        data-argument-id={arg.id}
        data-stance={arg.stance}
        data-depth={depth}
        data-recent={recent.has(arg.id) || undefined}
      >
        {depth > 0 ? <span className={styles.relation}>{arg.stance === "for" ? "supports" : "rebuts"}</span> : null}
        <p className={styles.cardText}>{arg.text}</p>
        {arg.quotes.map((quote) => (
          <blockquote key={`${quote.start}:${quote.end}`} className={styles.cardQuote} title={quote.exact}>
            {quote.exact.length > QUOTE_PREVIEW_CHARS ? `${quote.exact.slice(0, QUOTE_PREVIEW_CHARS - 1)}…` : quote.exact}
          </blockquote>
        ))}
        <p className={styles.cardAuthor}>{arg.authorName}</p>
      </article>
      {children.length > 0 ? (
        <div className={styles.replies}>
          {children.map((child) => (
            <ReplayCard key={child.argument.id} node={child} recent={recent} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
