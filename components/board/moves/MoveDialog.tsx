"use client";
import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import type { Argument, Stance } from "@/lib/board/argument";
import type { BoardState } from "@/lib/board/doc";
import { moveDestinations, siblingsAt, type MoveTarget } from "@/lib/board/move";
import { Modal } from "@/components/common/Modal";
import { useRules } from "../useBoardRules";
import { excerpt, laneName } from "./move-labels";
import styles from "./Moves.module.css";

interface MoveDialogProps {
  /** The argument being moved; null closes the dialog. */
  argument: Argument | null;
  board: BoardState;
  onMove(target: MoveTarget): void;
  onCancel(): void;
}

/** A destination as the select stores it: a parent id, and the lane's stance for a position. */
const encode = (parentId: string, stance: Stance | null) => `${parentId}|${stance ?? ""}`;
function decode(value: string): { parentId: string; stance: Stance | null } {
  const [parentId = "", stance = ""] = value.split("|");
  return { parentId, stance: stance === "for" || stance === "against" ? stance : null };
}

/**
 * The keyboard way to move a card: pick the new parent (a position's lane or another argument, never
 * the card's own thread), whether it supports or rebuts that argument, and its place among the cards
 * already there. Native selects, so every screen reader and keyboard knows how to work them.
 */
export function MoveDialog({ argument, board, onMove, onCancel }: MoveDialogProps) {
  const titleId = useId();
  const rules = useRules();
  const [destination, setDestination] = useState("");
  const [replyStance, setReplyStance] = useState<Stance>("for");
  const [before, setBefore] = useState("");

  useEffect(() => {
    if (!argument) return;
    const lane = board.positions.some((p) => p.id === argument.parentId);
    setDestination(encode(argument.parentId, lane ? argument.stance : null));
    setReplyStance(argument.stance);
    setBefore("");
  }, [argument, board.positions]);

  const positionIds = useMemo(() => board.positions.map((p) => p.id), [board.positions]);
  const destinations = useMemo(
    () => (argument ? moveDestinations(board.arguments, positionIds, argument.id) : []),
    [argument, board.arguments, positionIds],
  );
  const chosen = decode(destination);
  const stance = chosen.stance ?? replyStance;
  const siblings = useMemo(
    () => (argument ? siblingsAt(board.arguments, chosen.parentId, stance, (id) => positionIds.includes(id)).filter((a) => a.id !== argument.id) : []),
    [argument, board.arguments, chosen.parentId, stance, positionIds],
  );
  const byId = useMemo(() => new Map(board.arguments.map((a) => [a.id, a])), [board.arguments]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen.parentId) return;
    onMove({ parentId: chosen.parentId, stance, ...(before ? { before } : {}) });
  };

  return (
    <Modal open={argument !== null} onCancel={onCancel} labelledBy={titleId} testId="move-dialog">
      <form onSubmit={submit} className={styles.form}>
        <h2 id={titleId} className="dialog-title">
          Move this argument
        </h2>
        {argument ? <blockquote className="quote-excerpt">{excerpt(argument.text, 120)}</blockquote> : null}
        <label className="field">
          <span className="label">Move it to</span>
          <select className="input" data-testid="move-destination" value={destination} onChange={(e) => (setDestination(e.target.value), setBefore(""))}>
            <optgroup label="A position's lane">
              {destinations
                .filter((d) => d.stance !== null)
                .map((d) => (
                  <option key={encode(d.parentId, d.stance)} value={encode(d.parentId, d.stance)}>
                    {laneName(board.positions.find((p) => p.id === d.parentId), d.stance!)}
                  </option>
                ))}
            </optgroup>
            <optgroup label="A reply to another argument">
              {destinations
                .filter((d) => d.stance === null)
                .map((d) => {
                  const parent = byId.get(d.parentId)!;
                  return (
                    <option key={d.parentId} value={encode(d.parentId, null)}>
                      {`${"– ".repeat(Math.min(d.depth - 1, 4))}Reply to “${excerpt(parent.text, 50)}” (${rules.authorName(parent)})`}
                    </option>
                  );
                })}
            </optgroup>
          </select>
        </label>
        {chosen.stance === null ? (
          <label className="field">
            <span className="label">As</span>
            <select className="input" data-testid="move-stance" value={replyStance} onChange={(e) => setReplyStance(e.target.value as Stance)}>
              <option value="for">A supporting reply</option>
              <option value="against">A rebuttal</option>
            </select>
          </label>
        ) : null}
        <label className="field">
          <span className="label">Place</span>
          <select className="input" data-testid="move-place" value={before} onChange={(e) => setBefore(e.target.value)}>
            {siblings.map((s, index) => (
              <option key={s.id} value={s.id}>
                {`${index === 0 ? "First, before" : "Before"} “${excerpt(s.text, 50)}”`}
              </option>
            ))}
            <option value="">{siblings.length ? "Last" : "Only card there"}</option>
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={onCancel} data-testid="move-cancel">
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="move-confirm">
            Move
          </button>
        </div>
      </form>
    </Modal>
  );
}
