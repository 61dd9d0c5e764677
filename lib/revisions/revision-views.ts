/** One source revision as the facilitator's history list shows it. */
export interface SourceRevisionView {
  revision: number;
  sha256: string;
  /** Who applied it; null for revision 1 (the board's original source). */
  memberId: string | null;
  createdAt: string;
}

/** How exports name a revision: its number and the first 12 hex digits of its text's SHA-256. */
export function revisionLabel(revision: number, sha256: string): string {
  return `revision ${revision} (sha256 ${sha256.slice(0, 12)})`;
}
