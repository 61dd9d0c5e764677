"use client";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import { LIMITS } from "@/lib/board/constants";
import styles from "./ArgumentEditor.module.css";
import { withQuoteMarks } from "@/lib/text/quote-marks";

interface EditorQuotesProps {
  quotes: QuoteAnchor[];
  onRemove(index: number): void;
  onShow(quote: QuoteAnchor): void;
}

/** The passages the argument rests on, each removable and each a link back into the article. */
export function EditorQuotes({ quotes, onRemove, onShow }: EditorQuotesProps) {
  return (
    <div className={styles.quotes}>
      <p className={styles.quotesTitle}>
        Quotes <span className={styles.muted}>({quotes.length}/{LIMITS.quotesPerArgument})</span>
      </p>
      {quotes.length === 0 ? (
        <p className={styles.quotesEmpty}>Select text in the article and press Cite to add a quote.</p>
      ) : (
        <ul className={styles.quoteList}>
          {quotes.map((quote, index) => (
            <li key={`${quote.start}:${quote.end}`} className={styles.quoteItem} data-testid="editor-quote">
              <button type="button" className={styles.quoteText} onClick={() => onShow(quote)} title="Show in the article">
                {withQuoteMarks(quote.exact)}
              </button>
              <button
                type="button"
                className="btn btn-ghost btn-icon btn-sm"
                aria-label={`Remove quote ${index + 1}`}
                data-testid="editor-quote-remove"
                onClick={() => onRemove(index)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {quotes.length > 0 && quotes.length < LIMITS.quotesPerArgument ? (
        <p className={styles.quotesMore}>Select more text in the article and press Cite to add another.</p>
      ) : null}
    </div>
  );
}
