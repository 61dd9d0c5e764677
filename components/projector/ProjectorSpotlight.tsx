"use client";
import type { CSSProperties } from "react";
import type { BoardState } from "@/lib/board/doc";
import { teamOf, type SessionState } from "@/lib/session/session";
import { POSITION_PALETTES, positionStyle } from "@/components/common/positionColors";
import styles from "./ProjectorStage.module.css";
import { useStageReveal } from "./useStageReveal";

/** Quotes printed in full on the stage; more are counted (the card in its column lists them). */
const SHOWN_QUOTES = 2;

/**
 * The spotlit argument as large as the back row needs: where it stands (position, for or against,
 * what it answers), its claim, its quotes and who wrote it. The framed card in its column shows
 * where it sits on the board; this shows what it says.
 */
export function ProjectorSpotlight({ board, session, argumentId }: { board: BoardState; session: SessionState | null; argumentId: string }) {
  const ref = useStageReveal<HTMLElement>(argumentId);
  const arg = board.arguments.find((a) => a.id === argumentId);
  const position = arg ? board.positions.find((p) => p.id === arg.positionId) : undefined;
  if (!arg || !position) return null;
  const parent = board.arguments.find((a) => a.id === arg.parentId);
  const team = session ? teamOf(session, arg.authorId) : null;
  const stanceWord = parent ? (arg.stance === "for" ? "Supports" : "Rebuts") : arg.stance === "for" ? "For" : "Against";
  const hiddenQuotes = arg.quotes.length - SHOWN_QUOTES;

  return (
    <section ref={ref} className={styles.spotlight} style={positionStyle(position.color)} aria-labelledby="projector-spotlight-title" data-testid="projector-spotlight" data-argument-id={arg.id}>
      <h2 id="projector-spotlight-title" className={styles.kicker}>
        <span className={styles.stance} data-stance={arg.stance}>
          {stanceWord}
        </span>{" "}
        {parent ? <span className={styles.answers}>“{excerpt(parent.text)}”</span> : position.label}
      </h2>
      <p className={styles.claim} data-testid="projector-spotlight-text">
        {arg.text}
      </p>
      {arg.quotes.slice(0, SHOWN_QUOTES).map((quote, i) => (
        <blockquote key={i} className={styles.quote} data-testid="projector-spotlight-quote">
          {quote.exact}
        </blockquote>
      ))}
      {hiddenQuotes > 0 ? <p className={styles.moreQuotes}>+ {hiddenQuotes} more {hiddenQuotes === 1 ? "quote" : "quotes"}</p> : null}
      <p className={styles.author} data-testid="projector-spotlight-author">
        {arg.authorName}
        {team ? (
          <span className={styles.team} style={{ "--team": POSITION_PALETTES[team.color].base } as CSSProperties}>
            {team.name}
          </span>
        ) : null}
      </p>
    </section>
  );
}

/** What a reply answers, short enough to read as a pointer rather than a second claim. */
const excerpt = (text: string) => (text.length > 70 ? `${text.slice(0, 67).trimEnd()}…` : text);
