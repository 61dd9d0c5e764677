"use client";
import type { CSSProperties } from "react";
import type { ArgumentNode } from "@/lib/board/tree";
import { Avatar } from "@/components/common/Avatar";
import { absoluteTime, relativeTime } from "@/components/common/time";
import { colorForId } from "@/components/identity/palette";
import { useBoardUi } from "./BoardUiContext";
import styles from "./ArgumentCard.module.css";

/** Deeper replies stop indenting, so a long exchange stays readable in a narrow column. */
const MAX_INDENT_DEPTH = 4;

/**
 * One argument and, below it on an indented rail, the replies that support or rebut it. The card and
 * its replies are siblings, so queries inside a card never reach into its replies.
 */
export function ArgumentCard({ node }: { node: ArgumentNode }) {
  const ui = useBoardUi();
  const { argument: arg, depth, children } = node;
  const editors = ui.editorsById.get(arg.id) ?? [];
  const edited = arg.updatedAt - arg.createdAt > 1000;
  const classes = [
    styles.card,
    ui.flashedCardId === arg.id ? styles.flash : "",
    ui.editingId === arg.id ? styles.editingSelf : "",
    editors.length > 0 ? styles.editingOther : "",
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
        tabIndex={-1}
        aria-label={`${depth > 0 ? (arg.stance === "for" ? "Supporting reply" : "Rebuttal") : arg.stance === "for" ? "Argument for" : "Argument against"} by ${arg.authorName}`}
      >
        {depth > 0 ? (
          <span className={styles.relation} data-stance={arg.stance}>
            {arg.stance === "for" ? "supports" : "rebuts"}
          </span>
        ) : null}
        <p className={styles.text}>{arg.text}</p>
        {arg.quotes.map((quote) => (
          <blockquote key={`${quote.start}:${quote.end}`} className={styles.quote}>
            <button type="button" data-testid="card-quote" title="Show this passage in the article" onClick={() => ui.showQuote(quote)}>
              {quote.exact}
            </button>
          </blockquote>
        ))}
        <footer className={styles.meta}>
          <Avatar name={arg.authorName} color={colorForId(arg.authorId)} size="sm" />
          <span className={styles.author}>{arg.authorName}</span>
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
        <div className={styles.actions}>
          <button type="button" className="btn btn-ghost btn-sm" data-testid="card-reply" aria-label={`Reply to ${arg.authorName}'s argument`} onClick={() => ui.reply(arg, "for")}>
            Reply
          </button>
          <button type="button" className="btn btn-ghost btn-sm" data-testid="card-edit" aria-label={`Edit ${arg.authorName}'s argument`} onClick={() => ui.edit(arg)}>
            Edit
          </button>
          <button type="button" className="btn btn-ghost btn-sm btn-danger-text" data-testid="card-delete" aria-label={`Delete ${arg.authorName}'s argument`} onClick={() => ui.askDelete(arg)}>
            Delete
          </button>
        </div>
      </article>
      {children.length > 0 ? (
        <div className={`${styles.replies} ${depth + 1 > MAX_INDENT_DEPTH ? styles.flat : ""}`} aria-label={`Replies to ${arg.authorName}`} role="group">
          {children.map((child) => (
            <ArgumentCard key={child.argument.id} node={child} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
