"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/board/constants";
import type { BoardSummary } from "@/lib/views/board-views";
import { callApi } from "@/components/common/api";
import { issuesByPath, openingUrl } from "./api";
import { Field, SourceFields, type PastedSource, type SourceKind } from "./SourceFields";
import styles from "./HomeForms.module.css";

/** The article's own positions (prisma/seed/article.json); sent only when the teacher renames them. */
const ARTICLE_POSITIONS: [string, string] = ["The US position", "The Pakistani military position"];

interface Created {
  board: BoardSummary;
  url: string;
  /** The creator's way in as facilitator; the board page stores it and clears it from the address. */
  facilitatorInvite: string | null;
}

function validate(title: string, kind: SourceKind, pasted: PastedSource, positions: [string, string]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!title.trim()) errors.title = "Give the board a title, e.g. the question the class will debate.";
  if (kind === "text") {
    if (!pasted.title.trim()) errors["source.title"] = "Give the source a title.";
    if (!pasted.text.trim()) errors["source.text"] = "Paste the text the class will quote from.";
  }
  positions.forEach((label, i) => {
    if (!label.trim()) errors[`positions.${i}.label`] = "Name this position.";
  });
  if (positions[0].trim() && positions[0].trim().toLowerCase() === positions[1].trim().toLowerCase()) {
    errors["positions.1.label"] = "Give the two positions different names.";
  }
  return errors;
}

/** Starts a new board on the DW article or on pasted text, then opens it. */
export function NewBoardForm() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<SourceKind>("article");
  const [pasted, setPasted] = useState<PastedSource>({ title: "", publisher: "", text: "" });
  const [positions, setPositions] = useState<[string, string]>(ARTICLE_POSITIONS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [mustCite, setMustCite] = useState(true);

  const chooseKind = (next: SourceKind) => {
    setKind(next);
    setErrors({});
    // The article's position names make no sense for someone else's text, and vice versa.
    const untouched = positions[0] === ARTICLE_POSITIONS[0] && positions[1] === ARTICLE_POSITIONS[1];
    if (next === "text" && untouched) setPositions(["", ""]);
    if (next === "article" && !positions[0] && !positions[1]) setPositions(ARTICLE_POSITIONS);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(title, kind, pasted, positions);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;

    const labels = positions.map((p) => p.trim());
    const keepArticleDefaults = kind === "article" && labels[0] === ARTICLE_POSITIONS[0] && labels[1] === ARTICLE_POSITIONS[1];
    const body = {
      title: title.trim(),
      source:
        kind === "article"
          ? { kind: "article" as const }
          : { kind: "text" as const, title: pasted.title.trim(), text: pasted.text, ...(pasted.publisher.trim() ? { publisher: pasted.publisher.trim() } : {}) },
      ...(keepArticleDefaults ? {} : { positions: labels.map((label) => ({ label })) }),
      mustCite,
    };

    setSending(true);
    const result = await callApi<Created>("/api/boards", { method: "POST", body });
    if (result.ok) {
      router.push(openingUrl(result.data));
      return; // stay "sending" while the board page loads
    }
    setSending(false);
    const fieldErrors = issuesByPath(result.error.details);
    setErrors(fieldErrors);
    const unplaced = Object.entries(fieldErrors).filter(([key]) => !KNOWN_FIELDS.has(key));
    setFormError(unplaced.length ? `${result.error.message} ${unplaced.map(([, m]) => m).join(" ")}` : result.error.message);
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate data-testid="new-board-form" aria-labelledby="new-board-heading">
      <h2 id="new-board-heading" className={styles.cardTitle}>
        New board
      </h2>
      <Field label="Board title" error={errors.title}>
        <input
          className="input"
          required
          value={title}
          maxLength={LIMITS.boardTitleMaxChars}
          placeholder="e.g. 11B — Can the US and Pakistan reset ties?"
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={Boolean(errors.title) || undefined}
          data-testid="new-board-title"
        />
      </Field>
      <SourceFields kind={kind} pasted={pasted} errors={errors} onKind={chooseKind} onPasted={(patch) => setPasted((p) => ({ ...p, ...patch }))} />
      <fieldset className={styles.fieldset}>
        <legend className="label">The two positions</legend>
        <p className="hint">{kind === "article" ? "The article's two positions; rename them if you like." : "Name the two sides the class will argue for and against."}</p>
        <div className={styles.row2}>
          {positions.map((label, i) => (
            <Field key={i} label={`Position ${i + 1}`} error={errors[`positions.${i}.label`]}>
              <input
                className="input"
                required
                value={label}
                maxLength={LIMITS.positionLabelMaxChars}
                placeholder={i === 0 ? "e.g. The government's position" : "e.g. The opposition's position"}
                onChange={(e) => setPositions((prev) => (i === 0 ? [e.target.value, prev[1]] : [prev[0], e.target.value]))}
                aria-invalid={Boolean(errors[`positions.${i}.label`]) || undefined}
                data-testid={`new-board-position-${i}`}
              />
            </Field>
          ))}
        </div>
      </fieldset>
      <label className={styles.checkRow}>
        <input type="checkbox" checked={mustCite} onChange={(e) => setMustCite(e.target.checked)} data-testid="new-board-mustcite" />
        <span>
          Every argument must cite the article
          <span className="hint"> — an argument without a quote stays a draft only its author sees. You can change this later.</span>
        </span>
      </label>
      {formError ? (
        <p className="error-text" role="alert" data-testid="new-board-error">
          {formError}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={sending} data-testid="new-board-submit">
        {sending ? "Creating…" : "Create board"}
      </button>
    </form>
  );
}

const KNOWN_FIELDS = new Set(["title", "source.title", "source.text", "source.publisher", "positions.0.label", "positions.1.label"]);
