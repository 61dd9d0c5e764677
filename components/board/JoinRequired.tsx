"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { LIMITS } from "@/lib/board/constants";
import styles from "./JoinRequired.module.css";

interface JoinRequiredProps {
  title: string;
  message: string;
  initialName: string;
  /** Answers an error to show, or null once joined. */
  onJoin(code: string, name: string): Promise<string | null>;
}

/**
 * Shown instead of the board to someone a facilitated board does not know yet (no invite, a revoked
 * one, an expired place): the code on the projector is the way in.
 */
export function JoinRequired({ title, message, initialName, onJoin }: JoinRequiredProps) {
  const headingId = useId();
  const [code, setCode] = useState("");
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = code.toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (clean.length < 4) return setError("Type the code your facilitator shows, like K7QX2M.");
    if (!name.trim()) return setError("Type your name: it appears with your arguments.");
    setBusy(true);
    setError(await onJoin(clean, name.trim()));
    setBusy(false);
  };

  return (
    <main className={styles.page} data-testid="join-required">
      <form className={styles.card} onSubmit={submit} noValidate aria-labelledby={headingId}>
        <p className={styles.kicker}>Facilitated board</p>
        <h1 id={headingId} className={styles.title}>
          {title}
        </h1>
        <p className={styles.message}>{message}</p>
        <label className="field">
          <span className="label">Join code</span>
          <input
            className={`input ${styles.code}`}
            value={code}
            onChange={(e) => {
              setCode(e.target.value.toUpperCase());
              setError(null);
            }}
            placeholder="K7QX2M"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={12}
            autoFocus
            data-testid="join-required-code"
          />
        </label>
        <label className="field">
          <span className="label">Your name</span>
          <input
            className="input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            placeholder="e.g. Amira K."
            autoComplete="nickname"
            maxLength={LIMITS.authorNameMaxChars}
            data-testid="join-required-name"
          />
        </label>
        {error ? (
          <p className="error-text" role="alert" data-testid="join-required-error">
            {error}
          </p>
        ) : null}
        <div className={styles.actions}>
          <Link href="/" className="btn btn-ghost">
            Home
          </Link>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="join-required-submit">
            {busy ? "Joining…" : "Join the board"}
          </button>
        </div>
      </form>
    </main>
  );
}
