"use client";
import { useId, useState } from "react";
import { usePersonalDraftsUi, type PersonalDraft, type PersonalDraftsUi } from "./usePersonalDrafts";
import styles from "./Drafts.module.css";

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 87).trimEnd()}…` : text);

/**
 * "My drafts": the writer's arguments kept without a quote on a board that asks for one. Only they
 * are sent these (server/sync/personal-drafts.ts). Edit reopens one in the editor to add a quote.
 */
export function PersonalDraftsPanel() {
  const ui = usePersonalDraftsUi();
  const [open, setOpen] = useState(true);
  const listId = useId();
  if (!ui || ui.drafts.length === 0) return null;
  return (
    <section className={styles.panel} data-testid="personal-drafts-panel" aria-labelledby={`${listId}-title`}>
      <header className={styles.panelHead}>
        <h2 id={`${listId}-title`} className={styles.panelTitle}>
          My drafts <span className={styles.count}>{ui.drafts.length}</span>
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          {open ? "Hide" : "Show"}
        </button>
      </header>
      <div id={listId} hidden={!open}>
        <p className={styles.explain}>Only you see these. Open one, cite a passage of the article, and post it.</p>
        <ul className={styles.list}>
          {ui.drafts.map((d) => (
            <PersonalDraftItem key={d.id} ui={ui} draft={d} />
          ))}
        </ul>
      </div>
    </section>
  );
}

function PersonalDraftItem({ ui, draft }: { ui: PersonalDraftsUi; draft: PersonalDraft }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={styles.item} data-testid="personal-draft-item" data-draft-id={draft.id}>
      <span className={styles.itemText}>{excerpt(draft.argument.text)}</span>
      {confirming ? (
        <span className={styles.actions} role="group" aria-label="Confirm deleting the draft">
          <span className={styles.ask}>Delete this draft?</span>
          <button type="button" className="btn btn-ghost btn-sm btn-danger-text" data-testid="personal-draft-delete-confirm" onClick={() => void ui.remove(draft.id)}>
            Delete
          </button>
          <button type="button" className="btn btn-ghost btn-sm" autoFocus onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <span className={styles.actions}>
          <button type="button" className="btn btn-ghost btn-sm" data-testid="personal-draft-edit" onClick={() => ui.edit(draft)}>
            Edit
          </button>
          <button type="button" className="btn btn-ghost btn-sm btn-danger-text" data-testid="personal-draft-delete" onClick={() => setConfirming(true)}>
            Delete
          </button>
        </span>
      )}
    </li>
  );
}
