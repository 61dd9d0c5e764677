"use client";
import { useId } from "react";
import { createAnchor, type QuoteAnchor } from "@/lib/anchoring/anchor";
import { LIMITS } from "@/lib/board/constants";
import { withQuoteMarks } from "@/lib/text/quote-marks";
import { useEvidenceSuggestions } from "./useEvidenceSuggestions";
import styles from "./EvidenceSuggestions.module.css";

interface EvidenceSuggestionsProps {
  source: string;
  text: string;
  quotes: QuoteAnchor[];
  /** Adds the passage to the argument's quotes (the editor's addQuote). */
  onCite(quote: QuoteAnchor): void;
  onError(message: string): void;
}

/**
 * "Suggested evidence": the 3–5 sentences of the source closest to what the writer is saying, each
 * one click (or Enter) from being quoted. Hidden until the text has words worth matching.
 */
export function EvidenceSuggestions({ source, text, quotes, onCite, onError }: EvidenceSuggestionsProps) {
  const titleId = useId();
  const suggestions = useEvidenceSuggestions(source, text, quotes);
  if (suggestions.length === 0) return null;
  const full = quotes.length >= LIMITS.quotesPerArgument;
  const cite = (start: number, end: number) => {
    const anchored = createAnchor(source, start, end);
    if (anchored.ok) onCite(anchored.anchor);
    else onError(anchored.message);
  };
  return (
    <section className={styles.box} aria-labelledby={titleId} data-testid="evidence-suggestions">
      <h3 id={titleId} className={styles.title}>
        Suggested evidence
      </h3>
      <ul className={styles.list}>
        {suggestions.map((s) => (
          <li key={`${s.start}:${s.end}`} className={styles.item} data-testid="evidence-suggestion">
            <span className={styles.text}>{withQuoteMarks(s.text)}</span>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={full}
              aria-label={`Cite: ${s.text.length > 60 ? `${s.text.slice(0, 57)}…` : s.text}`}
              data-testid="evidence-cite"
              onClick={() => cite(s.start, s.end)}
            >
              Cite
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
