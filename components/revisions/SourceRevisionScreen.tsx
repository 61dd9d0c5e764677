"use client";
import { useCallback, useEffect, useId, useState } from "react";
import { InlineError } from "@/components/common/InlineError";
import { useMembership } from "@/components/identity/useMembership";
import { needsDecision, type QuotePlan } from "@/lib/revisions/revision-plan";
import type { QuoteDecision } from "@/lib/revisions/revision-decisions";
import type { SourceRevisionView } from "@/lib/revisions/revision-views";
import { applyRevision, fetchRevisions, proposeRevision, type AppliedRevision, type RevisionProposal } from "./revision-api";
import { InContext, QuoteReview, STATUS_LABELS, type Choice } from "./QuoteReview";
import styles from "./SourceRevision.module.css";

const keyOf = (quote: Pick<QuotePlan, "argumentId" | "quoteIndex">) => `${quote.argumentId}#${quote.quoteIndex}`;

/**
 * The facilitator's "Source revisions" screen: paste or upload a corrected text, review what happens to
 * every quote, decide about the uncertain ones, apply. Nothing changes on the board until Apply.
 */
export function SourceRevisionScreen({ boardId }: { boardId: string }) {
  const { membership, ready } = useMembership(boardId);
  const token = membership?.memberToken;
  const [history, setHistory] = useState<SourceRevisionView[]>([]);
  const [text, setText] = useState("");
  const [proposal, setProposal] = useState<{ text: string; plan: RevisionProposal } | null>(null);
  const [choices, setChoices] = useState<Map<string, Choice>>(new Map());
  const [busy, setBusy] = useState<"plan" | "apply" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<AppliedRevision | null>(null);
  const textId = useId();

  const loadHistory = useCallback(async () => {
    const result = await fetchRevisions(boardId, token);
    if (result.ok) setHistory(result.value.revisions);
    else setError(result.message);
  }, [boardId, token]);
  useEffect(() => {
    if (ready && token) void loadHistory();
  }, [ready, token, loadHistory]);

  const review = async () => {
    setBusy("plan");
    setApplied(null);
    const result = await proposeRevision(boardId, token, text);
    setBusy(null);
    setError(result.ok ? null : result.message);
    setChoices(new Map());
    setProposal(result.ok ? { text, plan: result.value } : null);
  };

  const undecided = proposal ? proposal.plan.quotes.filter((q) => needsDecision(q) && !choices.has(keyOf(q))).length : 0;
  const apply = async () => {
    if (!proposal) return;
    const decisions: QuoteDecision[] = [...choices].map(([key, choice]) => {
      const [argumentId, index] = [key.slice(0, key.lastIndexOf("#")), Number(key.slice(key.lastIndexOf("#") + 1))];
      return choice.action === "reselect" ? { argumentId, quoteIndex: index, action: "reselect", start: choice.start, end: choice.end } : { argumentId, quoteIndex: index, action: choice.action };
    });
    setBusy("apply");
    const result = await applyRevision(boardId, token, { text: proposal.text, baseRevision: proposal.plan.baseRevision, decisions });
    setBusy(null);
    if (!result.ok) return setError(result.message);
    setError(null);
    setApplied(result.value);
    setProposal(null);
    setText("");
    void loadHistory();
  };

  const upload = async (file: File | undefined) => {
    if (file) setText(await file.text());
  };

  if (ready && membership?.role !== "facilitator") {
    return (
      <main className={styles.screen}>
        <h1>Source revisions</h1>
        <p>Only the board&apos;s facilitators can revise its source. Open this page from the board where you facilitate.</p>
        <a href={`/b/${encodeURIComponent(boardId)}`}>Back to the board</a>
      </main>
    );
  }

  const plan = proposal?.plan;
  const toDecide = plan?.quotes.filter(needsDecision) ?? [];
  const certain = plan?.quotes.filter((q) => !needsDecision(q)) ?? [];
  return (
    <main className={styles.screen} data-testid="source-revision-screen">
      <p>
        <a href={`/b/${encodeURIComponent(boardId)}`}>← Back to the board</a>
      </p>
      <h1>Source revisions</h1>
      <p className={styles.hint}>
        Replace the article with a corrected version. Quotes whose words and passage are certainly the same move by themselves; you decide about the rest.
        The old text stays stored, and every export says which revision its quotes belong to.
      </p>

      <section aria-labelledby={`${textId}-history`}>
        <h2 id={`${textId}-history`}>History</h2>
        <ol className={styles.history} data-testid="revision-history">
          {history.map((r) => (
            <li key={r.revision}>
              Revision {r.revision} · sha256 <code>{r.sha256.slice(0, 12)}</code> · {new Date(r.createdAt).toLocaleString()}
              {r.revision === 1 ? " · original" : ""}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby={`${textId}-new`}>
        <h2 id={`${textId}-new`}>Corrected text</h2>
        <label className={styles.label} htmlFor={textId}>
          Paste the corrected article
        </label>
        <textarea id={textId} className={styles.input} rows={12} value={text} onChange={(e) => setText(e.target.value)} data-testid="revision-text" />
        <div className={styles.row}>
          <label className={styles.label}>
            …or upload a text file <input type="file" accept=".txt,.md,text/plain" onChange={(e) => void upload(e.target.files?.[0])} />
          </label>
        </div>
        <div className={styles.row}>
          <button type="button" className="btn btn-primary" disabled={busy !== null || text.trim() === ""} onClick={() => void review()} data-testid="review-revision">
            {busy === "plan" ? "Comparing…" : "Review the changes"}
          </button>
        </div>
      </section>

      <InlineError message={error} />
      {applied ? (
        <p role="status" className={styles.done} data-testid="revision-applied">
          Revision {applied.revision} applied: {applied.moved} {applied.moved === 1 ? "argument" : "arguments"} updated, {applied.retired} {applied.retired === 1 ? "quote" : "quotes"} retired.
        </p>
      ) : null}

      {plan ? (
        <section aria-labelledby={`${textId}-plan`} data-testid="revision-plan">
          <h2 id={`${textId}-plan`}>What happens to the quotes</h2>
          <ul className={styles.counts} data-testid="revision-counts">
            {(Object.keys(STATUS_LABELS) as QuotePlan["status"][]).map((status) => (
              <li key={status} data-status={status}>
                {STATUS_LABELS[status]}: <strong>{plan.counts[status]}</strong>
              </li>
            ))}
          </ul>
          {toDecide.length > 0 ? (
            <ol className={styles.quotes}>
              {toDecide.map((quote) => (
                <QuoteReview key={keyOf(quote)} quote={quote} text={proposal.text} choice={choices.get(keyOf(quote))} onChoose={(choice) => setChoices((was) => new Map(was).set(keyOf(quote), choice))} />
              ))}
            </ol>
          ) : (
            <p>Every quote is certainly found again: nothing to decide.</p>
          )}
          {certain.length > 0 ? (
            <details className={styles.certain}>
              <summary>{certain.length} {certain.length === 1 ? "quote moves" : "quotes move"} without review</summary>
              <ul className={styles.quotes}>
                {certain.map((quote) => (
                  <li key={keyOf(quote)} className={styles.quote} data-testid="revision-quote" data-status={quote.status}>
                    <strong>{STATUS_LABELS[quote.status]}</strong>: {quote.before.exact}
                    {quote.after ? <InContext anchor={quote.after} label="After:" /> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div className={styles.row}>
            <button type="button" className="btn btn-primary" disabled={busy !== null || undecided > 0} onClick={() => void apply()} data-testid="apply-revision">
              {busy === "apply" ? "Applying…" : "Apply the revision"}
            </button>
            <span className={styles.hint} aria-live="polite">
              {undecided > 0 ? `${undecided} ${undecided === 1 ? "quote needs" : "quotes need"} a decision first.` : "Ready to apply: the board changes for everyone at once."}
            </span>
          </div>
        </section>
      ) : null}
    </main>
  );
}
