import { z } from "zod";
import { RoleSchema } from "../../lib/board/roles";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import { applySessionCommand } from "../../lib/session/commands";
import { teamOf } from "../../lib/session/session";
import type { MemberRecord } from "../persistence/board-store";
import { sendDrafts, sendRoster, sendVotes } from "../sync/audience";
import { withFreeName } from "./join-board";
import { MemberNameSchema } from "./name-key";
import { parseMemberId } from "./remove-member";
import { changeBoardDocument, facilitatorOf, readLiveSession, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/** What a facilitator may change about a member; at least one field. `teamId: null` takes them off their team. */
export const MemberChangeSchema = z
  .object({
    displayName: MemberNameSchema.optional(),
    role: RoleSchema.optional(),
    teamId: z.string().min(1).max(40).nullable().optional(),
  })
  .strict()
  .refine((c) => c.displayName !== undefined || c.role !== undefined || c.teamId !== undefined, "Say what to change: displayName, role or teamId.");
export type MemberChangeRequest = z.infer<typeof MemberChangeSchema>;

export interface ChangedMember extends MemberRecord {
  teamId: string | null;
}

/**
 * Renames a member (names are unique per board, ignoring case), changes their role
 * (participant ↔ observer ↔ facilitator; the last facilitator cannot step down) or moves them to
 * another team. A new name or role takes effect on their open connections at once: they are asked
 * to join again, and the join reads the member as now stored.
 */
export async function changeMember(deps: TeacherDeps, request: FacilitatorRequest & { memberId: string; change: unknown }): Promise<ChangedMember> {
  const memberId = parseMemberId(request.memberId);
  const parsed = MemberChangeSchema.safeParse(request.change);
  if (!parsed.success) throw new ParleyError("bad-request", parsed.error.issues[0].message);
  const { displayName, role, teamId } = parsed.data;
  const { board, facilitator } = await facilitatorOf(deps.store, request);

  let member: MemberRecord;
  if (displayName !== undefined || role !== undefined) {
    const store = () => deps.store.changeMember(request.boardId, memberId, { displayName, role });
    // A new name follows the same rule as a join or one's own rename (the store re-checks it under its lock).
    member = displayName !== undefined ? await withFreeName(deps.store, board, displayName, memberId, store) : await store();
    const what = role !== undefined ? `made you ${role === "observer" ? "an observer" : `a ${role}`}` : `renamed you to "${member.displayName}"`;
    const notice = new ParleyError("resync-required", `The facilitator ${what}.`, { member: { displayName: member.displayName, role: member.role } });
    deps.live.disconnectMember(memberId, toErrorPayload(notice), { rejoin: true });
  } else {
    member = (await deps.store.listMembers(request.boardId)).find((m) => m.id === memberId && m.removedAt === null) ?? notOnBoard();
  }

  const actor = { memberId: facilitator.id, role: "facilitator" as const };
  const session =
    teamId !== undefined
      ? await changeBoardDocument(deps, request.boardId, facilitator.id, (doc) => applySessionCommand(doc, { type: "assign-team", memberId, teamId }, actor, Date.now()))
      : await readLiveSession(deps, request.boardId);
  // People on this process see the change now (roster, and which team's drafts and results they see).
  const room = await deps.rooms.peek(request.boardId);
  if (room) await Promise.all([sendRoster(room, deps.store), ...(teamId !== undefined ? [sendVotes(room, deps.store), sendDrafts(room, deps.store)] : [])]);
  return { ...member, teamId: teamOf(session, memberId)?.id ?? null };
}

function notOnBoard(): never {
  throw new ParleyError("bad-request", "That person is not a member of this board.");
}
