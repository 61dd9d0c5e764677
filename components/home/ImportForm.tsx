"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { detectImportFormat, IMPORT_FORMAT_LABELS, IMPORT_FORMATS, type ImportFormat } from "@/lib/export/formats";
import type { ImportIssue } from "@/lib/export/imported-board";
import type { BoardSummary } from "@/lib/views/board-views";
import { openingUrl } from "./api";
import styles from "./HomeForms.module.css";

/** What the browser may read as text: the import endpoint refuses larger files anyway. */
const MAX_FILE_BYTES = 5_000_000;

/** Reads the start of a file to guess its format, as the server would: extensions alone cannot tell AIF from Parley JSON. */
async function detectFormat(file: File): Promise<ImportFormat> {
  if (/\.(argdown|ad)$/i.test(file.name)) return "argdown";
  return detectImportFormat(await file.slice(0, 8192).text());
}

/**
 * Starts a new board from a file: a Parley JSON or Argdown export, an AIF / OVA3 map, or a Kialo
 * outline. The format is detected from the file's content and can be overridden.
 */
export function ImportForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [detected, setDetected] = useState<ImportFormat | null>(null);
  const [chosen, setChosen] = useState<ImportFormat | "">("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ message: string; issues: ImportIssue[] } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError({ message: "Choose a file first: .json, .txt or .argdown.", issues: [] });
    if (file.size > MAX_FILE_BYTES) return setError({ message: "That file is larger than 5 MB.", issues: [] });
    setSending(true);
    setError(null);
    try {
      const format = chosen || detected || (await detectFormat(file));
      const response = await fetch(`/api/boards/import?format=${format}`, { method: "POST", body: await file.text() });
      const body = (await response.json().catch(() => null)) as
        | { board: BoardSummary; url: string; facilitatorInvite?: string | null }
        | { message?: string; details?: { errors?: ImportIssue[] } }
        | null;
      if (response.ok && body && "url" in body) return router.push(openingUrl(body));
      const failure = body && !("url" in body) ? body : null;
      const issues = failure?.details?.errors ?? [];
      setError({
        message: issues.length ? "The file was not imported, and nothing was created:" : (failure?.message ?? `The import failed (HTTP ${response.status}).`),
        issues,
      });
    } catch {
      setError({ message: "Could not reach Parley. Check your connection and try again.", issues: [] });
    }
    setSending(false);
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate data-testid="import-form" aria-labelledby="import-heading">
      <h2 id="import-heading" className={styles.cardTitle}>
        Import a board
      </h2>
      <p className={styles.choiceHint}>
        A Parley JSON or Argdown file downloaded from another board, an AIF / OVA3 map (.json) or a Kialo outline (.txt). It becomes a new board.
      </p>
      <input
        type="file"
        className="input"
        accept=".json,.txt,.argdown,.ad,application/json,text/plain"
        onChange={(e) => {
          const picked = e.target.files?.[0] ?? null;
          setFile(picked);
          setDetected(null);
          setError(null);
          if (picked) void detectFormat(picked).then(setDetected, () => setDetected(null));
        }}
        aria-label="File to import"
        data-testid="import-file"
      />
      <select className="input" aria-label="Format of the file" value={chosen} onChange={(e) => setChosen(e.target.value as ImportFormat | "")} data-testid="import-format">
        <option value="">{detected ? `Detected: ${IMPORT_FORMAT_LABELS[detected]}` : "Detect the format"}</option>
        {IMPORT_FORMATS.map((format) => (
          <option key={format} value={format}>
            {IMPORT_FORMAT_LABELS[format]}
          </option>
        ))}
      </select>
      <button type="submit" className="btn btn-primary" disabled={sending} data-testid="import-submit">
        {sending ? "Importing…" : "Import"}
      </button>
      {error && (
        <div className="error-text" role="alert" data-testid="import-error">
          <p>{error.message}</p>
          {error.issues.length > 0 && (
            <ul data-testid="import-issues">
              {error.issues.slice(0, 20).map((issue, i) => (
                <li key={i}>
                  {issue.line ? `Line ${issue.line}: ` : ""}
                  {issue.message}
                </li>
              ))}
              {error.issues.length > 20 && <li>…and {error.issues.length - 20} more</li>}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
