import type { BoardSummary } from "@/lib/views/board-views";

interface Issue {
  path?: unknown;
  message?: unknown;
}

/**
 * Field messages from an error's `details`, keyed by dotted path ("source.text", "positions.0.label").
 * Accepts a zod issue list, `{ issues }`, or zod's flattened `{ fieldErrors }`.
 */
export function issuesByPath(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const d = details as { issues?: unknown; fieldErrors?: Record<string, unknown> } | null;
  const list: Issue[] = Array.isArray(details) ? details : Array.isArray(d?.issues) ? (d.issues as Issue[]) : [];
  for (const issue of list) {
    if (typeof issue?.message !== "string") continue;
    const key = Array.isArray(issue.path) ? issue.path.join(".") : "";
    out[key] ??= issue.message;
  }
  if (d && typeof d === "object" && d.fieldErrors && typeof d.fieldErrors === "object") {
    for (const [key, messages] of Object.entries(d.fieldErrors)) {
      if (Array.isArray(messages) && typeof messages[0] === "string") out[key] ??= messages[0];
    }
  }
  return out;
}

/** Where a new board opens: with the creator's facilitator invite, so they run it from the start. */
export function openingUrl(created: { board: BoardSummary; url?: string; facilitatorInvite?: string | null }): string {
  const base = created.url || `/b/${encodeURIComponent(created.board.id)}`;
  return created.facilitatorInvite ? `${base}?invite=${encodeURIComponent(created.facilitatorInvite)}` : base;
}
