"use client";
import type { ReactNode } from "react";
import type { Argument } from "@/lib/board/argument";
import { useBoardUi } from "./BoardUiContext";
import { useMoves } from "./moves/MovesContext";
import { useRules } from "./useBoardRules";
import styles from "./ArgumentCard.module.css";

/**
 * A card's buttons, only those this person may use right now (role, lock, phase, authorship);
 * nothing at all for an observer, so a read-only board carries no dead controls. `children` (the
 * card's own toggles: replies, rating) lead the same row, so a compact card spends one line on buttons.
 */
export function CardActions({ argument: arg, author, spotlit, children }: { argument: Argument; author: string; spotlit: boolean; children?: ReactNode }) {
  const ui = useBoardUi();
  const rules = useRules();
  const reply = rules.canReply;
  const edit = rules.canEdit(arg);
  const remove = rules.canDelete(arg);
  const moves = useMoves();
  if (!reply && !edit && !remove && !rules.facilitator && !children) return null;
  return (
    <div className={styles.actions}>
      {children}
      {reply ? (
        <button type="button" className="btn btn-ghost btn-sm" data-testid="card-reply" aria-label={`Reply to ${author}'s argument`} onClick={() => ui.reply(arg, "for")}>
          Reply
        </button>
      ) : null}
      {edit ? (
        <button type="button" className="btn btn-ghost btn-sm" data-testid="card-edit" aria-label={`Edit ${author}'s argument`} onClick={() => ui.edit(arg)}>
          Edit
        </button>
      ) : null}
      {moves?.canMove(arg) ? (
        <button type="button" className="btn btn-ghost btn-sm" data-testid="card-move" aria-label={`Move ${author}'s argument`} onClick={() => moves.startMove(arg)}>
          Move…
        </button>
      ) : null}
      {remove ? (
        <button type="button" className="btn btn-ghost btn-sm btn-danger-text" data-testid="card-delete" aria-label={`Delete ${author}'s argument`} onClick={() => ui.askDelete(arg)}>
          Delete
        </button>
      ) : null}
      {rules.facilitator ? (
        <button
          type="button"
          className={`btn btn-ghost btn-sm ${styles.spotlightButton}`}
          data-testid="card-spotlight"
          aria-pressed={spotlit}
          title={spotlit ? "Stop spotlighting this argument" : "Bring this argument to the middle of every screen"}
          onClick={() => rules.spotlight(spotlit ? null : arg.id)}
        >
          {spotlit ? "★ Spotlighted" : "☆ Spotlight"}
        </button>
      ) : null}
    </div>
  );
}
