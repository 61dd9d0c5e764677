import type { EvidenceReport, EvidenceRow } from "./report";

/**
 * How the evidence report's figures read, the same on the review page, in Markdown and in the PDF.
 */

/** "67%", or "—" without arguments. */
export const formatShare = (row: EvidenceRow) => (row.quotedShare === null ? "—" : `${Math.round(row.quotedShare * 100)}%`);

/** "3.5", "—" when nobody rated, or the reason when ratings are withheld. */
export function formatSupport(row: EvidenceRow, report: EvidenceReport): string {
  if (!report.votesShown) return "hidden";
  return row.quoteSupport === null ? "—" : row.quoteSupport.toFixed(1);
}

/** A passage shortened for a table cell, with its citing-argument count. */
export function formatPassage(passage: { text: string; arguments: number }, max = 90): string {
  const text = passage.text.length > max ? `${passage.text.slice(0, max - 1).trimEnd()}…` : passage.text;
  return `“${text}” (${passage.arguments}×)`;
}

/** What the report's columns mean, printed with it. */
export const EVIDENCE_NOTE =
  "A side is the case an argument makes (a reply to an attack can argue the other side). Quoted: arguments with at least one quote that still matches the article. Quote support: average 1–5 rating of how well the quotes support the arguments, shown once the results are revealed.";
