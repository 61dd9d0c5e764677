"use client";
import { useId } from "react";
import { Modal } from "@/components/common/Modal";
import type { TeamGroup } from "./draft-groups";

interface RevealDraftsDialogProps {
  open: boolean;
  groups: TeamGroup[];
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Revealing cannot be undone (the drafts become ordinary arguments), so it says how many, per team. */
export function RevealDraftsDialog({ open, groups, busy, onConfirm, onCancel }: RevealDraftsDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const total = groups.reduce((n, g) => n + g.drafts.length, 0);
  return (
    <Modal open={open} onCancel={onCancel} labelledBy={titleId} describedBy={bodyId} role="alertdialog" testId="reveal-drafts-dialog">
      <h2 id={titleId} className="dialog-title">
        Reveal all {total} draft{total === 1 ? "" : "s"}?
      </h2>
      <div id={bodyId}>
        <ul>
          {groups.map((g) => (
            <li key={g.teamId}>
              {g.name}: {g.drafts.length} draft{g.drafts.length === 1 ? "" : "s"}
            </li>
          ))}
        </ul>
        <p className="dialog-hint">Every team&apos;s drafts go onto the board at once, for everyone to see. This cannot be undone.</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-ghost" onClick={onCancel} autoFocus>
          Not yet
        </button>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onConfirm} data-testid="reveal-drafts-confirm">
          Reveal {total} draft{total === 1 ? "" : "s"}
        </button>
      </div>
    </Modal>
  );
}
