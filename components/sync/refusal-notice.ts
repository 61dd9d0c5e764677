import type { ErrorPayload } from "@/lib/errors/errors";
import { editSnippet, type ArgumentEdit } from "./argument-edits";
import type { PendingChange } from "./pending-changes";
import { countChanges } from "./sync-status";

/** What the client tells the person about a refused change, on top of the server's own reason. */
export interface RefusalDetails {
  /** The argument the refused change was about, when known. */
  argumentId: string | null;
  /** The start of that argument's text, as the person wrote it. */
  snippet: string | null;
  /** How many of their other unsaved changes were kept and replayed. */
  kept: number;
}

/**
 * The error to show for a refused change: which change (by the argument's own words) and why (the
 * server's message), and that the rest of their work is kept. The server's `details` are passed on.
 */
export function refusalNotice(change: PendingChange, error: ErrorPayload, kept: number): ErrorPayload {
  const argumentId = argumentIdOf(error.details) ?? change.edits[0]?.id ?? null;
  const edit = change.edits.find((candidate) => candidate.id === argumentId) ?? change.edits[0];
  const snippet = editSnippet(edit);
  const quoted = snippet ? ` “${snippet}”` : "";
  const thing = edit?.root === "comments" ? "comment" : "argument";
  const what = change.via ? `Your ${change.via} on${quoted || ` an ${thing}`}` : !edit ? "A change of yours" : edit.kind === "add" ? `Your new ${thing}${quoted}` : edit.kind === "delete" ? `Deleting${quoted}` : `Your change to${quoted}`;
  // The board is reloaded after a refusal, and the undo steps belonged to the document it replaces.
  const rest = `${change.via ? " Your undo history starts afresh." : ""}${keptNote(kept)}`;
  const details: RefusalDetails = { argumentId, snippet, kept };
  const server = typeof error.details === "object" && error.details !== null ? (error.details as Record<string, unknown>) : {};
  return { ...error, message: `${what} was not saved: ${error.message}${rest}`, details: { ...server, ...details } };
}

function keptNote(kept: number): string {
  return kept === 0 ? "" : kept === 1 ? " Your other change is kept." : ` Your other ${kept} changes are kept.`;
}

function argumentIdOf(details: unknown): string | null {
  const id = typeof details === "object" && details !== null ? (details as { argumentId?: unknown }).argumentId : undefined;
  return typeof id === "string" ? id : null;
}

/** The error to show for a kept change that could not be replayed: its argument is no longer on the board. */
export function lostEditNotice(edit: ArgumentEdit): ErrorPayload {
  const snippet = editSnippet(edit);
  return {
    code: "update-rejected",
    message: `Your change to${snippet ? ` “${snippet}”` : ` a${edit.root === "comments" ? " comment" : "n argument"}`} could not be kept: that ${edit.root === "comments" ? "comment" : "argument"} is no longer on the board.`,
    retry: false,
    details: { argumentId: edit.id, snippet },
  };
}

/**
 * The error to show when the server takes this person as an observer while they hold unsaved changes
 * (made under another role, or restored from this browser's copy): an observer may send none of them.
 */
export function watchOnlyNotice(count: number): ErrorPayload {
  return {
    code: "forbidden",
    message: `You can only watch this board now, so your ${countChanges(count)} from before could not be saved.`,
    retry: false,
    details: { dropped: count },
  };
}
