import { ArgumentSchema } from "../../lib/board/argument";
import { readArgument } from "../../lib/board/doc";
import { mustCiteOn } from "../../lib/board/must-cite";
import { contextFor } from "../../lib/board/operations";
import { expectedSignature } from "../../lib/board/permissions";
import { validateArgumentRecord } from "../../lib/board/validate";
import { ParleyError } from "../../lib/errors/errors";
import { EVENTS, type PersonalDraftsView } from "../../lib/protocol/protocol";
import { readSession } from "../../lib/session/session";
import type { BoardStore, DraftRecord } from "../persistence/board-store";
import type { BoardRoom } from "./board-room";
import type { Connection } from "./connection";

/**
 * Personal drafts: on a board where every argument must cite the source, an argument without a quote
 * yet is kept as a draft only its author sees, until they add a quote and post it (the server checks
 * the post like any other). Stored in the Draft table with `personal` set and no team; never sent to
 * anyone but their author (not even facilitators), never revealed with the team drafts.
 */

/** Per member: enough to park a lesson's worth of half-finished arguments, not a place to hoard. */
export const MAX_PERSONAL_DRAFTS_PER_MEMBER = 20;

/** The team drafts only: what the `drafts` event and the reveal work with. */
export function teamDraftsOf(drafts: readonly DraftRecord[]): DraftRecord[] {
  return drafts.filter((d) => !d.personal);
}

/** What `memberId` may see of the personal drafts: their own. */
export function personalDraftsView(drafts: readonly DraftRecord[], memberId: string): PersonalDraftsView {
  return { drafts: drafts.filter((d) => d.personal && d.memberId === memberId).map((d) => ({ id: d.id, argument: ArgumentSchema.parse(d.record) })) };
}

/** Sends a connection its own personal drafts (members only: a guest has none). */
export function sendPersonalDrafts(connection: Connection, drafts: readonly DraftRecord[]): void {
  const { memberId } = connection.actor;
  if (memberId) connection.sendEvent(EVENTS.personalDrafts, personalDraftsView(drafts, memberId));
}

/**
 * Saves (creates or replaces) the sender's personal draft `candidate`. Refused unless the board asks
 * for quotes, for guests, for someone else's draft, past the per-member and per-board limits, and for
 * a record the board's rules would not accept as a post (its quote aside).
 */
export async function savePersonalDraft(room: BoardRoom, store: BoardStore, connection: Connection, candidate: unknown, boardLimit: number): Promise<void> {
  const { memberId } = connection.actor;
  const session = readSession(room.doc);
  if (!memberId) throw new ParleyError("forbidden", "Join the board with your name to keep a draft.");
  if (!mustCiteOn(session.settings)) throw new ParleyError("forbidden", "This board does not ask for quotes any more: post your argument instead.");
  const parsed = ArgumentSchema.safeParse(candidate);
  if (!parsed.success) throw new ParleyError("invalid-content", parsed.error.issues[0]?.message ?? "That draft is not a valid argument.");
  const argument = parsed.data;
  const drafts = await store.listDrafts(room.boardId);
  const existing = drafts.find((d) => d.id === argument.id);
  if (existing && (!existing.personal || existing.memberId !== memberId)) throw new ParleyError("forbidden", "That draft is someone else's.");
  if (!existing && drafts.filter((d) => d.personal && d.memberId === memberId).length >= MAX_PERSONAL_DRAFTS_PER_MEMBER) {
    throw new ParleyError("invalid-content", `You have ${MAX_PERSONAL_DRAFTS_PER_MEMBER} personal drafts already: post or delete some first.`);
  }
  if (!existing && drafts.length >= boardLimit) throw new ParleyError("invalid-content", `This board holds ${boardLimit} drafts already: post or delete some first.`);
  if (argument.authorId !== memberId) throw new ParleyError("forbidden", "A draft must carry your own member id.");
  const signature = expectedSignature(connection.actor, session);
  if (signature !== null && argument.authorName !== signature) throw new ParleyError("forbidden", `Sign this draft as "${signature}".`);
  if (readArgument(room.doc, argument.id)) throw new ParleyError("invalid-content", "That argument is already on the board.");
  const checked = validateArgumentRecord(argument, contextFor(room.doc, room.sourceText));
  if (!checked.ok) throw new ParleyError("invalid-content", checked.error.message, checked.error);
  await store.saveDraft({ id: argument.id, boardId: room.boardId, teamId: null, memberId, personal: true, record: checked.value });
}

/** Sends `memberId`'s personal drafts to each of their connections in the room (a second tab too). */
export async function announcePersonalDrafts(room: BoardRoom, store: BoardStore, memberId: string | null): Promise<void> {
  if (!memberId) return;
  const drafts = await store.listDrafts(room.boardId);
  for (const connection of room.connections.values()) if (connection.actor.memberId === memberId) sendPersonalDrafts(connection, drafts);
}

/**
 * Before a reveal on a mustCite board: team drafts without a quote would break the rule on the board,
 * so each becomes its author's personal draft instead (stored as such). Returns the drafts to reveal.
 */
export async function keepUncitedAsPersonal(room: BoardRoom, store: BoardStore, teamDrafts: DraftRecord[]): Promise<DraftRecord[]> {
  if (!mustCiteOn(readSession(room.doc).settings)) return teamDrafts;
  const reveal: DraftRecord[] = [];
  for (const draft of teamDrafts) {
    const parsed = ArgumentSchema.safeParse(draft.record);
    if (!parsed.success || parsed.data.quotes.length > 0) reveal.push(draft);
    else await store.saveDraft({ id: draft.id, boardId: draft.boardId, teamId: null, memberId: draft.memberId, personal: true, record: parsed.data });
  }
  return reveal;
}
