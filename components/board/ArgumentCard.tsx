"use client";
import { memo, useState, type CSSProperties } from "react";
import { RetiredQuotesNote } from "@/components/revisions/RetiredQuotesNote";
import type { BoardRow } from "@/lib/views/argument-query";
import { Avatar } from "@/components/common/Avatar";
import { absoluteTime, relativeTime } from "@/components/common/time";
import { colorForId } from "@/components/identity/palette";
import { DraftReplies } from "@/components/drafts/DraftCard";
import { VoteControls } from "@/components/votes/VoteControls";
import { useVotes } from "@/components/votes/VotesContext";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { ANONYMOUS_NAME } from "@/lib/session/session";
import { withQuoteMarks } from "@/lib/text/quote-marks";
import { CommentsToggle } from "@/components/comments/CommentsToggle";
import { CommentThread } from "@/components/comments/CommentThread";
import { useBoardUi } from "./BoardUiContext";
import { CardActions } from "./CardActions";
import { useCardMoveProps } from "./moves/card-moves";
import { useRules } from "./useBoardRules";
import styles from "./ArgumentCard.module.css";

/** Deeper replies stop indenting, so a long exchange stays readable in a narrow column. */
const MAX_INDENT_DEPTH = 4;

interface ArgumentCardProps {
  row: BoardRow;
  /** Folds or unfolds this argument's replies. */
  onToggleReplies(argumentId: string): void;
}

/**
 * One argument as a compact card: text, quotes, author line, and its buttons. Its replies are rows of
 * their own after it (see lib/views/argument-query.ts), indented by depth, so a lane is a flat list
 * that can be virtualised. The ratings show during the voting phase, or when the reader asks to rate.
 */
function ArgumentCardView({ row, onToggleReplies }: ArgumentCardProps) {
  const ui = useBoardUi();
  const rules = useRules();
  const votes = useVotes();
  const moveProps = useCardMoveProps(row.argument);
  const [rating, setRating] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const { argument: arg, depth, replyCount, collapsed, match } = row;
  // Facilitators see real names on an anonymous board; everyone sees the author's team.
  const author = rules.authorName(arg);
  const team = rules.teamOfAuthor(arg);
  const spotlit = rules.spotlightId === arg.id;
  const editors = ui.editorsById.get(arg.id) ?? [];
  const edited = arg.updatedAt - arg.createdAt > 1000;
  const voting = votes?.rule === "voting";
  const classes = [
    styles.card,
    ui.flashedCardId === arg.id ? styles.flash : "",
    ui.editingId === arg.id ? styles.editingSelf : "",
    editors.length > 0 ? styles.editingOther : "",
    spotlit ? styles.spotlit : "",
    match ? "" : styles.context,
    moveProps.className ?? "",
  ];
  const editorColor = editors[0]?.user.color;
  const indent = Math.min(depth, MAX_INDENT_DEPTH);
  const kind = depth > 0 ? (arg.stance === "for" ? "Supporting reply" : "Rebuttal") : arg.stance === "for" ? "Argument for" : "Argument against";

  return (
    <div className={styles.thread} data-depth={depth} style={{ "--indent": indent } as CSSProperties}>
      <article
        id={`argument-${arg.id}`}
        style={editorColor ? ({ "--editor": editorColor } as CSSProperties) : undefined}
        data-testid="argument-card"
        data-argument-id={arg.id}
        data-stance={arg.stance}
        data-depth={depth}
        data-spotlit={spotlit || undefined}
        data-match={match ? undefined : "context"}
        tabIndex={0}
        aria-label={`${kind} by ${author}`}
        {...moveProps}
        className={classes.join(" ")}
      >
        {depth > 0 ? (
          <span className={styles.relation} data-stance={arg.stance}>
            {arg.stance === "for" ? "supports" : "rebuts"}
          </span>
        ) : null}
        <p className={styles.text}>{arg.text}</p>
        {arg.quotes.map((quote) => (
          <blockquote key={`${quote.start}:${quote.end}`} className={styles.quote}>
            <button
              type="button"
              data-testid="card-quote"
              title="Show this passage in the article"
              aria-label={`Quote: ${quote.exact} — show it in the article`}
              onClick={() => ui.showQuote(quote)}
            >
              {withQuoteMarks(quote.exact)}
            </button>
          </blockquote>
        ))}
        <RetiredQuotesNote argumentId={arg.id} />
        <footer className={styles.meta}>
          <Avatar name={author} color={author === ANONYMOUS_NAME ? "#5f6878" : colorForId(arg.authorId)} size="sm" />
          <span className={styles.author}>{author}</span>
          {team ? (
            <span className={styles.team} style={{ "--team": POSITION_PALETTES[team.color].base } as CSSProperties} data-testid="card-team" data-team-id={team.id}>
              {team.name}
            </span>
          ) : null}
          <span aria-hidden="true">·</span>
          <time dateTime={new Date(arg.createdAt).toISOString()} title={ui.now ? absoluteTime(arg.createdAt) : undefined}>
            {ui.now ? relativeTime(arg.createdAt, ui.now) : ""}
          </time>
          {edited ? <span className={styles.edited}>· edited</span> : null}
        </footer>
        {editors.map((peer) => (
          <p key={peer.clientId} className={styles.editingBadge} style={{ "--editor": peer.user.color } as CSSProperties} data-testid="card-editing">
            <span aria-hidden="true">✎</span> {peer.user.name} is editing…
          </p>
        ))}
        {voting || rating ? <VoteControls argument={arg} /> : null}
        <CardActions argument={arg} author={author} spotlit={spotlit}>
          {replyCount > 0 ? (
            <button
              type="button"
              className={`btn btn-ghost btn-sm ${styles.repliesToggle}`}
              aria-expanded={!collapsed}
              data-testid="card-replies-toggle"
              data-count={replyCount}
              onClick={() => onToggleReplies(arg.id)}
            >
              <span aria-hidden="true">{collapsed ? "▸" : "▾"}</span> {collapsed ? "Show" : "Hide"} {replyCount} {replyCount === 1 ? "reply" : "replies"}
            </button>
          ) : null}
          {votes?.canVote && !voting ? (
            <button type="button" className="btn btn-ghost btn-sm" aria-pressed={rating} data-testid="card-rate" onClick={() => setRating((r) => !r)}>
              {rating ? "Hide rating" : "Rate"}
            </button>
          ) : null}
          <CommentsToggle argumentId={arg.id} open={commentsOpen} onToggle={() => setCommentsOpen((open) => !open)} />
        </CardActions>
      </article>
      {commentsOpen ? <CommentThread argumentId={arg.id} author={author} now={ui.now} /> : null}
      {collapsed ? null : <DraftReplies parentId={arg.id} />}
    </div>
  );
}

/** A card re-renders only when its row changes (or a context it reads does), never for a sibling's edit. */
export const ArgumentCard = memo(
  ArgumentCardView,
  (a, b) =>
    a.onToggleReplies === b.onToggleReplies &&
    a.row.argument === b.row.argument &&
    a.row.depth === b.row.depth &&
    a.row.replyCount === b.row.replyCount &&
    a.row.collapsed === b.row.collapsed &&
    a.row.match === b.row.match,
);
