"use client";
import { useId, useState } from "react";
import type { QuoteAnchor } from "@/lib/anchoring/anchor";
import type { QuotePlan } from "@/lib/revisions/revision-plan";
import { DiffText } from "./DiffText";
import { PassagePicker, type PickedPassage } from "./PassagePicker";
import styles from "./SourceRevision.module.css";

/** The facilitator's choice for one quote, before it is sent. */
export type Choice = { action: "accept" } | { action: "reject" } | ({ action: "reselect" } & PickedPassage);

export const STATUS_LABELS: Record<QuotePlan["status"], string> = {
  unchanged: "Unchanged",
  moved: "Moved",
  "needs-review": "Needs review",
  orphaned: "Orphaned",
};

/** A quote in its passage: the words around it, the quote itself marked. */
export function InContext({ anchor, label }: { anchor: QuoteAnchor; label: string }) {
  return (
    <p className={styles.context}>
      <span className={styles.contextLabel}>{label}</span> …{anchor.prefix}
      <mark>{anchor.exact}</mark>
      {anchor.suffix}…
    </p>
  );
}

/** One quote of the plan with its before/after, diff and (when it needs one) the decision controls. */
export function QuoteReview({ quote, text, choice, onChoose }: { quote: QuotePlan; text: string; choice: Choice | undefined; onChoose(choice: Choice): void }) {
  const [picking, setPicking] = useState(false);
  const name = useId();
  const title = `Quote ${quote.quoteIndex + 1} of “${quote.argumentText.length > 80 ? `${quote.argumentText.slice(0, 79)}…` : quote.argumentText}”`;
  return (
    <li className={styles.quote} data-testid="revision-quote" data-status={quote.status} data-argument-id={quote.argumentId}>
      <fieldset className={styles.fieldset}>
        <legend>
          <span className={styles.badge} data-status={quote.status}>
            {STATUS_LABELS[quote.status]}
          </span>{" "}
          {title}
          {quote.status === "needs-review" ? <span className={styles.score}> · match {Math.round(quote.score * 100)}%</span> : null}
        </legend>
        <InContext anchor={quote.before} label="Before:" />
        {quote.after ? <InContext anchor={quote.after} label="After:" /> : <p className={styles.context}>Nothing in the corrected text is close enough to propose.</p>}
        {quote.after && quote.diff.some((op) => op.op !== "equal") ? (
          <p className={styles.context}>
            <span className={styles.contextLabel}>Change:</span> <DiffText ops={quote.diff} />
          </p>
        ) : null}
        <div className={styles.choices} role="radiogroup" aria-label={`Decision for ${title}`}>
          {quote.after ? (
            <label>
              <input type="radio" name={name} checked={!picking && choice?.action === "accept"} onChange={() => (setPicking(false), onChoose({ action: "accept" }))} /> Accept the proposal
            </label>
          ) : null}
          <label>
            <input type="radio" name={name} checked={!picking && choice?.action === "reject"} onChange={() => (setPicking(false), onChoose({ action: "reject" }))} /> Reject (retire the quote, kept on record)
          </label>
          <label>
            <input type="radio" name={name} checked={picking || choice?.action === "reselect"} onChange={() => setPicking(true)} /> Select a passage in the corrected text
          </label>
        </div>
        {choice?.action === "reselect" && !picking ? (
          <p className={styles.context} data-testid="reselected">
            <span className={styles.contextLabel}>New quote:</span> <mark>{choice.exact}</mark>{" "}
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setPicking(true)}>
              Change
            </button>
          </p>
        ) : null}
        {picking ? (
          <PassagePicker
            text={text}
            label={`Corrected text: select the passage for ${title}`}
            onPick={(passage) => {
              setPicking(false);
              onChoose({ action: "reselect", ...passage });
            }}
            onCancel={() => setPicking(false)}
          />
        ) : null}
      </fieldset>
    </li>
  );
}
