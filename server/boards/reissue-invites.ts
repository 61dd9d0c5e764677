import { z } from "zod";
import { ROLES, RoleSchema, type Role } from "../../lib/board/roles";
import { ParleyError } from "../../lib/errors/errors";
import { newJoinCode, newSecret } from "./create-board";
import { facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/** Which capabilities to replace: invite links by role, and/or the join code. */
export const ReissueSchema = z
  .object({
    roles: z.array(RoleSchema).max(ROLES.length).default([]),
    joinCode: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.roles.length > 0 || r.joinCode, "Say what to reissue: roles and/or joinCode.");

export interface CurrentInvites {
  joinCode: string;
  invites: Partial<Record<Role, string>>;
}

/**
 * Revokes invite links (per role) and/or the join code and issues new ones, in one transaction: from
 * the moment it commits the old ones join nobody, over HTTP or sync. People already on the board stay.
 */
export async function reissueInvites(deps: TeacherDeps, request: FacilitatorRequest & { reissue: unknown }): Promise<CurrentInvites> {
  const parsed = ReissueSchema.safeParse(request.reissue);
  if (!parsed.success) throw new ParleyError("bad-request", parsed.error.issues[0].message);
  const roles = [...new Set(parsed.data.roles)];
  await facilitatorOf(deps.store, request);
  for (let attempt = 0; ; attempt++) {
    try {
      const board = await deps.store.reissueInvites(request.boardId, {
        invites: roles.map((role) => ({ role, token: newSecret() })),
        joinCode: parsed.data.joinCode ? newJoinCode() : undefined,
      });
      return currentInvites(deps, board.id, board.joinCode);
    } catch (error) {
      // A random code that clashes with another board's: draw again (nothing was stored).
      if (!(ParleyError.is(error) && error.code === "invalid-content" && parsed.data.joinCode && attempt < 3)) throw error;
    }
  }
}

/** The links and code that work now (what the facilitator panel shows). */
export async function currentInvites(deps: Pick<TeacherDeps, "store">, boardId: string, joinCode: string): Promise<CurrentInvites> {
  const invites = await deps.store.listInvites(boardId);
  return { joinCode, invites: Object.fromEntries(invites.map((i) => [i.role, i.token])) };
}
