"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { BoardSummary } from "@/lib/views/board-views";
import { callApi } from "@/components/common/api";
import styles from "./HomeForms.module.css";

const CODE_LENGTH = 6;

/** Codes are read aloud and copied off a projector: ignore case, spaces and dashes. */
function normalize(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** Joins a board by the six-character code the teacher shares. */
export function JoinForm() {
  const router = useRouter();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = normalize(code);
    if (clean.length !== CODE_LENGTH) return setError(`A join code has ${CODE_LENGTH} letters or digits, like DEMO18.`);
    setError(null);
    setSending(true);
    const result = await callApi<{ board: BoardSummary }>(`/api/join/${encodeURIComponent(clean)}`);
    // The code goes along: on a facilitated board it is what lets the student in, as a participant.
    if (result.ok) return router.push(`/b/${encodeURIComponent(result.data.board.id)}?code=${encodeURIComponent(clean)}`);
    setSending(false);
    setError(
      result.status === 404
        ? `No board has the code ${clean}. Check it with whoever shared it — letters and digits are easy to mix up (O and 0, I and 1).`
        : result.error.message,
    );
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate data-testid="join-form" aria-labelledby="join-heading">
      <h2 id="join-heading" className={styles.cardTitle}>
        Join with a code
      </h2>
      <div className={styles.joinRow}>
        <label className="visually-hidden" htmlFor="join-code">
          Join code
        </label>
        <input
          id="join-code"
          className={`input ${styles.codeInput}`}
          value={code}
          onChange={(e) => {
            setCode(e.target.value.toUpperCase());
            setError(null);
          }}
          placeholder="DEMO18"
          maxLength={CODE_LENGTH + 2}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={error ? "join-error" : undefined}
          data-testid="join-input"
        />
        <button type="submit" className="btn btn-primary" disabled={sending} data-testid="join-submit">
          {sending ? "Joining…" : "Join"}
        </button>
      </div>
      {error ? (
        <p id="join-error" className="error-text" role="alert" data-testid="join-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
