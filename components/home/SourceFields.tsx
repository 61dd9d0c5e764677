"use client";
import type { ReactNode } from "react";
import { LIMITS } from "@/lib/board/constants";
import styles from "./HomeForms.module.css";

export type SourceKind = "article" | "text";

export interface PastedSource {
  title: string;
  publisher: string;
  text: string;
}

interface SourceFieldsProps {
  kind: SourceKind;
  pasted: PastedSource;
  errors: Record<string, string>;
  onKind(kind: SourceKind): void;
  onPasted(patch: Partial<PastedSource>): void;
}

/** Which text the class will argue over: the DW article, or something the teacher pastes in. */
export function SourceFields({ kind, pasted, errors, onKind, onPasted }: SourceFieldsProps) {
  return (
    <fieldset className={styles.fieldset}>
      <legend className="label">Source</legend>
      <div className={styles.sourceChoices}>
        <label className={styles.sourceChoice}>
          <input type="radio" name="source" value="article" checked={kind === "article"} onChange={() => onKind("article")} data-testid="source-article" />
          <span>
            <strong>The DW article (default)</strong>
            <span className={styles.choiceHint}>“Can the US and Pakistan reset bilateral ties?” — DW, 5 Sep 2018</span>
          </span>
        </label>
        <label className={styles.sourceChoice}>
          <input type="radio" name="source" value="text" checked={kind === "text"} onChange={() => onKind("text")} data-testid="source-text" />
          <span>
            <strong>Paste your own text</strong>
            <span className={styles.choiceHint}>An article, a speech, a chapter — up to {LIMITS.sourceMaxChars.toLocaleString("en")} characters</span>
          </span>
        </label>
      </div>

      {kind === "text" ? (
        <div className={styles.pasted}>
          <div className={styles.row2}>
            <Field label="Source title" error={errors["source.title"]}>
              <input
                className="input"
                required
                value={pasted.title}
                maxLength={LIMITS.boardTitleMaxChars}
                onChange={(e) => onPasted({ title: e.target.value })}
                aria-invalid={Boolean(errors["source.title"]) || undefined}
                data-testid="source-title"
              />
            </Field>
            <Field label="Publisher (optional)" error={errors["source.publisher"]}>
              <input className="input" value={pasted.publisher} onChange={(e) => onPasted({ publisher: e.target.value })} data-testid="source-publisher" />
            </Field>
          </div>
          <Field label="Text" error={errors["source.text"]} hint={`${pasted.text.length.toLocaleString("en")} / ${LIMITS.sourceMaxChars.toLocaleString("en")} characters. Leave a blank line between paragraphs.`}>
            <textarea
              className="textarea"
              required
              rows={8}
              value={pasted.text}
              maxLength={LIMITS.sourceMaxChars}
              onChange={(e) => onPasted({ text: e.target.value })}
              aria-invalid={Boolean(errors["source.text"]) || undefined}
              data-testid="source-body"
            />
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled control with its hint and, when invalid, its error right below it. */
export function Field({ label, error, hint, children }: FieldProps) {
  return (
    <label className="field">
      <span className="label">{label}</span>
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
