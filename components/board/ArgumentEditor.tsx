"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { Stance } from "@/lib/board/argument";
import { LIMITS } from "@/lib/board/constants";
import type { Position } from "@/lib/board/position";
import { positionStyle } from "@/components/common/positionColors";
import { DraftEditorNote } from "@/components/drafts/DraftEditorNote";
import { PersonalDraftNote, useSaveLabel } from "@/components/drafts/PersonalDraftNote";
import { EditorQuotes } from "./EditorQuotes";
import { EvidenceSuggestions } from "./EvidenceSuggestions";
import { hasWork, type Draft, type DraftControls } from "./useArgumentDraft";
import styles from "./ArgumentEditor.module.css";

interface ArgumentEditorProps {
  draft: Draft;
  positions: Position[];
  controls: DraftControls;
  onSave(): void;
  onShowQuote(quote: QuoteAnchor): void;
  /** The board's source text, for the suggested evidence. */
  source: string;
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 137).trimEnd()}…` : text);

/**
 * The panel for writing or editing one argument. Not modal: the writer keeps selecting passages in
 * the article and pressing Cite while it is open.
 */
export function ArgumentEditor({ draft, positions, controls, onSave, onShowQuote, source }: ArgumentEditorProps) {
  const saveLabel = useSaveLabel(draft);
  const titleId = useId();
  const textId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Folded down to its title bar, so a tablet user can read and select the article behind it.
  const [folded, setFolded] = useState(false);
  const { target } = draft;
  const position = positions.find((p) => p.id === draft.positionId) ?? positions[0];
  const isReply = target.kind === "reply" || (target.kind === "edit" && target.argument.parentId !== target.argument.positionId);
  const over = draft.text.length > LIMITS.argumentMaxChars;

  // Focus the text when a new draft opens (not on every keystroke).
  const draftKey = target.kind === "new" ? "new" : target.kind === "reply" ? `reply:${target.parent.id}` : `edit:${target.argument.id}`;
  useEffect(() => {
    setFolded(false);
    const area = textRef.current;
    if (!area) return;
    area.focus({ preventScroll: true });
    area.setSelectionRange(area.value.length, area.value.length); // an edit continues at the end
  }, [draftKey]);

  // A complaint (duplicate quote, model refusal) must be seen, so it unfolds the panel.
  useEffect(() => {
    if (draft.error) setFolded(false);
  }, [draft.error]);

  const title = target.kind === "edit" ? "Edit argument" : target.kind === "reply" ? `Reply to ${target.parent.authorName}` : "New argument";
  const stanceLabels: Record<Stance, string> = isReply ? { for: "Supports", against: "Rebuts" } : { for: "For", against: "Against" };

  return (
    <section
      className={`${styles.panel} ${folded ? styles.folded : ""}`}
      style={position ? positionStyle(position.color) : undefined}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="argument-editor"
      onKeyDown={(e) => {
        // Escape only closes an untouched editor; typed work needs an explicit Cancel.
        if (e.key === "Escape" && !hasWork(draft)) controls.close();
        if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) onSave();
      }}
    >
      <header className={styles.head}>
        <h2 id={titleId} className={styles.title}>
          {title}
          {folded ? (
            <span className={styles.foldedNote}>
              {" "}
              · {draft.quotes.length} quote{draft.quotes.length === 1 ? "" : "s"}
            </span>
          ) : null}
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={!folded}
          data-testid="editor-fold"
          onClick={() => setFolded((f) => !f)}
        >
          {folded ? "Show" : "Hide"}
        </button>
        <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label="Close the editor" onClick={() => controls.close()}>
          ×
        </button>
      </header>
      <div className={styles.body} hidden={folded}>
        {target.kind === "reply" ? <blockquote className={styles.replyTo}>{excerpt(target.parent.text)}</blockquote> : null}

        {target.kind === "new" ? (
          <div className={styles.group} role="group" aria-label="Position">
            <span className={styles.groupLabel}>Position</span>
            <div className={styles.choices}>
              {positions.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  className={styles.choice}
                  style={positionStyle(p.color)}
                  aria-pressed={p.id === draft.positionId}
                  data-testid={`editor-position-${p.key}`}
                  onClick={() => controls.change({ positionId: p.id })}
                >
                  {p.label}
                </button>
              ))}
            </div>
          </div>
        ) : (
          <p className={styles.positionNote}>
            Under <strong>{position?.label}</strong>
          </p>
        )}

        <div className={styles.group} role="group" aria-label={isReply ? "Does this reply support or rebut?" : "Stance"}>
          <span className={styles.groupLabel}>{isReply ? "This reply…" : "Stance"}</span>
          <div className={styles.choices}>
            {(["for", "against"] as const).map((stance) => (
              <button
                key={stance}
                type="button"
                className={`${styles.choice} ${styles[`stance-${stance}`] ?? ""}`}
                aria-pressed={draft.stance === stance}
                data-testid={`editor-stance-${stance}`}
                onClick={() => controls.change({ stance })}
              >
                {stanceLabels[stance]}
              </button>
            ))}
          </div>
        </div>

        <label htmlFor={textId} className={styles.groupLabel}>
          Your argument
        </label>
        <textarea
          id={textId}
          ref={textRef}
          className={`textarea ${styles.text}`}
          data-testid="editor-text"
          rows={4}
          placeholder={isReply ? "Why does this hold, or not?" : "Make one clear claim and give your reason."}
          value={draft.text}
          aria-invalid={over || undefined}
          aria-describedby={`${textId}-count`}
          onChange={(e) => controls.change({ text: e.target.value })}
        />
        <p id={`${textId}-count`} className={`${styles.counter} ${over ? styles.counterOver : ""}`} data-testid="editor-count">
          {draft.text.length} / {LIMITS.argumentMaxChars}
          {over ? ` — ${draft.text.length - LIMITS.argumentMaxChars} too many` : ""}
        </p>

        <EditorQuotes quotes={draft.quotes} onRemove={controls.removeQuote} onShow={onShowQuote} />
        <EvidenceSuggestions source={source} text={draft.text} quotes={draft.quotes} onCite={controls.addQuote} onError={controls.fail} />

        <DraftEditorNote draft={draft} />
        <PersonalDraftNote draft={draft} />
        {draft.error ? (
          <p className={`error-text ${styles.error}`} role="alert" data-testid="editor-error">
            {draft.error}
          </p>
        ) : null}

        <footer className={styles.foot}>
          <span className={styles.shortcut}>Ctrl + Enter to save</span>
          <button type="button" className="btn btn-ghost" data-testid="editor-cancel" onClick={() => controls.close()}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" data-testid="editor-save" onClick={onSave}>
            {saveLabel}
          </button>
        </footer>
      </div>
    </section>
  );
}
