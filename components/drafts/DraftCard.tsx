"use client";
import { useBoardUi } from "@/components/board/BoardUiContext";
import { relativeTime } from "@/components/common/time";
import { useTeamDraftsUi } from "./useTeamDrafts";
import { DraftActions } from "./DraftActions";
import { FACILITATOR_TEAM_ID, laneKey, type TeamDraft } from "./draft-groups";
import styles from "./Drafts.module.css";

/**
 * A private draft where it will land on the board, dashed and labelled so nobody mistakes it for a
 * posted argument. Its element id matches an argument card's, so "jump to" after saving finds it.
 */
export function DraftCard({ draft }: { draft: TeamDraft }) {
  const ui = useTeamDraftsUi();
  const board = useBoardUi();
  if (!ui) return null;
  const { argument: arg } = draft;
  const teamName = ui.teams.find((t) => t.id === draft.teamId)?.name ?? (draft.teamId === FACILITATOR_TEAM_ID ? "the facilitators" : "a team");
  const reply = arg.parentId !== arg.positionId;

  return (
    <article
      id={`argument-${arg.id}`}
      className={`${styles.card} ${board.flashedCardId === arg.id ? styles.flash : ""}`}
      data-testid="draft-card"
      data-draft-id={draft.id}
      data-team-id={draft.teamId}
      data-stance={arg.stance}
      tabIndex={-1}
      aria-label={`Draft ${reply ? (arg.stance === "for" ? "supporting reply" : "rebuttal") : `argument ${arg.stance}`} by ${arg.authorName}`}
    >
      <p className={styles.note} data-testid="draft-note">
        <strong className={styles.badge}>Draft</strong>
        {ui.facilitator ? ` by ${teamName} — only that team and facilitators see this` : " — only your team sees this"}
      </p>
      {reply ? <span className={styles.relation}>{arg.stance === "for" ? "supports" : "rebuts"}</span> : null}
      <p className={styles.text}>{arg.text}</p>
      {arg.quotes.map((quote) => (
        <blockquote key={`${quote.start}:${quote.end}`} className={styles.quote}>
          <button type="button" title="Show this passage in the article" onClick={() => board.showQuote(quote)}>
            {quote.exact}
          </button>
        </blockquote>
      ))}
      <footer className={styles.meta}>
        <span>{arg.authorName}</span>
        <span aria-hidden="true">·</span>
        <span>{board.now ? relativeTime(arg.updatedAt, board.now) : ""}</span>
        <DraftActions ui={ui} draft={draft} />
      </footer>
    </article>
  );
}

/** Opening-argument drafts for one lane, after the lane's posted threads. */
export function LaneDrafts({ positionId, stance }: { positionId: string; stance: "for" | "against" }) {
  const ui = useTeamDraftsUi();
  const drafts = ui?.places.lanes.get(laneKey(positionId, stance));
  if (!drafts?.length) return null;
  return (
    <div className={styles.stack} aria-label="Team drafts" role="group">
      {drafts.map((d) => (
        <DraftCard key={d.id} draft={d} />
      ))}
    </div>
  );
}

/** Reply drafts answering one posted argument, shown under its card. */
export function DraftReplies({ parentId }: { parentId: string }) {
  const ui = useTeamDraftsUi();
  const drafts = ui?.places.replies.get(parentId);
  if (!drafts?.length) return null;
  return (
    <div className={`${styles.stack} ${styles.replies}`} aria-label="Draft replies" role="group">
      {drafts.map((d) => (
        <DraftCard key={d.id} draft={d} />
      ))}
    </div>
  );
}
