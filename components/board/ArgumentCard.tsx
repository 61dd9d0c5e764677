"use client";
import type { CSSProperties } from "react";
import type { ArgumentNode } from "@/lib/board/tree";
import { Avatar } from "@/components/common/Avatar";
import { absoluteTime, relativeTime } from "@/components/common/time";
import { colorForId } from "@/components/identity/palette";
import { DraftReplies } from "@/components/drafts/DraftCard";
import { VoteControls } from "@/components/votes/VoteControls";
import { POSITION_PALETTES } from "@/components/common/positionColors";
import { ANONYMOUS_NAME } from "@/lib/session/session";
import { withQuoteMarks } from "@/lib/text/quote-marks";
import { useBoardUi } from "./BoardUiContext";
import { CardActions } from "./CardActions";
import { useRules } from "./useBoardRules";
import styles from "./ArgumentCard.module.css";

/** Deeper replies stop indenting, so a long exchange stays readable in a narrow column. */
const MAX_INDENT_DEPTH = 4;

/**
 * One argument and, below it on an indented rail, the replies that support or rebut it. The card and
 * its replies are siblings, so queries inside a card never reach into its replies.
 */
export function ArgumentCard({ node }: { node: ArgumentNode }) {
  const ui = useBoardUi();
  const rules = useRules();
  const { argument: arg, depth, children } = node;
  // Facilitators see real names on an anonymous board; everyone sees the author's team.
  const author = rules.authorName(arg);
  const team = rules.teamOfAuthor(arg);
  const spotlit = rules.spotlightId === arg.id;
  const editors = ui.editorsById.get(arg.id) ?? [];
  const edited = arg.updatedAt - arg.createdAt > 1000;
  const classes = [
    styles.card,
    ui.flashedCardId === arg.id ? styles.flash : "",
    ui.editingId === arg.id ? styles.editingSelf : "",
    editors.length > 0 ? styles.editingOther : "",
    spotlit ? styles.spotlit : "",
  ];
  const editorColor = editors[0]?.user.color;

  return (
    <div className={styles.thread}>
      <article
        id={`argument-${arg.id}`}
        className={classes.join(" ")}
        style={editorColor ? ({ "--editor": editorColor } as CSSProperties) : undefined}
        data-testid="argument-card"
        data-argument-id={arg.id}
        data-stance={arg.stance}
        data-depth={depth}
        data-spotlit={spotlit || undefined}
        tabIndex={-1}
        aria-label={`${depth > 0 ? (arg.stance === "for" ? "Supporting reply" : "Rebuttal") : arg.stance === "for" ? "Argument for" : "Argument against"} by ${author}`}
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
        <VoteControls argument={arg} />
        <CardActions argument={arg} author={author} spotlit={spotlit} />
      </article>
      {children.length > 0 ? (
        <div className={`${styles.replies} ${depth + 1 > MAX_INDENT_DEPTH ? styles.flat : ""}`} aria-label={`Replies to ${author}`} role="group">
          {children.map((child) => (
            <ArgumentCard key={child.argument.id} node={child} />
          ))}
        </div>
      ) : null}
      <DraftReplies parentId={arg.id} />
    </div>
  );
}
