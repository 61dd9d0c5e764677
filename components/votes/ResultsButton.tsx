"use client";
import { useState } from "react";
import { ResultsPanel } from "./ResultsPanel";
import { useVotes } from "./VotesContext";

/**
 * The top bar's way into the results: facilitators always see it (they decide when to reveal),
 * everyone else once the votes are revealed. Observers too: a projector shows the results.
 */
export function ResultsButton() {
  const ui = useVotes();
  const [open, setOpen] = useState(false);
  const visible = ui !== null && (ui.role === "facilitator" || ui.revealed);
  if (!visible) return null;
  return (
    <>
      <button type="button" className="btn btn-ghost btn-sm" data-testid="results-button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <span aria-hidden="true">▥</span> Results
      </button>
      <ResultsPanel open={open} onClose={() => setOpen(false)} />
    </>
  );
}
