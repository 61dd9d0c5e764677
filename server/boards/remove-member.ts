import { z } from "zod";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import type { MemberRecord } from "../persistence/board-store";
import { sendRoster } from "../sync/audience";
import { REMOVED_MESSAGE } from "./join-board";
import { facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/** Member ids are generated (`mem-<hex>`); checking the shape first keeps odd bytes (a NUL) away from the database. */
export const MemberIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "That is not a member id.");

/** The member id from a request path, or `bad-request` (never a 500 for a malformed id). */
export function parseMemberId(id: unknown): string {
  const parsed = MemberIdSchema.safeParse(id);
  if (!parsed.success) throw new ParleyError("bad-request", "That is not a member id.");
  return parsed.data;
}

/**
 * Takes someone off a board. Their row stays (the log, votes and review name them), their token stops
 * working for HTTP and sync joins at once, and every open connection of theirs, on any server process,
 * is told why and closed, which also takes their presence off everyone's screen.
 */
export async function removeMember(deps: TeacherDeps, request: FacilitatorRequest & { memberId: string }): Promise<MemberRecord> {
  const memberId = parseMemberId(request.memberId);
  await facilitatorOf(deps.store, request);
  const removed = await deps.store.removeMember(request.boardId, memberId);
  // Only now that the removal is stored: a refused one must not close anybody's connection. Their
  // client joins again, is refused with the same message, and shows it instead of "offline".
  deps.live.disconnectMember(memberId, toErrorPayload(new ParleyError("forbidden", REMOVED_MESSAGE)), { rejoin: true });
  const room = await deps.rooms.peek(request.boardId);
  if (room) await sendRoster(room, deps.store);
  return removed;
}
