import { z } from "zod";
import { ParleyError } from "../../lib/errors/errors";
import { joinBoard } from "../boards/join-board";
import { renameSelf } from "../boards/rename-self";
import { isBoardId, readableBoard, readerMayInvite } from "../boards/read-access";
import { MemberNameSchema } from "../boards/name-key";
import { getAppContext } from "./context";
import { requireJsonWrite } from "./guard";
import { limitRequest } from "./rate-limit";
import { bearer, errorResponse, json, readJson } from "./respond";

const JoinBodySchema = z.object({
  displayName: z.string(),
  invite: z.string().max(128).optional(),
  joinCode: z.string().max(16).optional(),
});

/** POST /api/boards/:id/members — take a place on a board; answers the secret the browser keeps. */
export async function handleJoinMembers(request: Request, boardId: string): Promise<Response> {
  try {
    requireJsonWrite(request);
    if (!isBoardId(boardId)) throw new ParleyError("board-not-found", "That is not a board id.");
    await limitRequest(request, "member");
    const body = await readJson(request, JoinBodySchema);
    const { member, memberToken } = await joinBoard(getAppContext().store, boardId, body);
    return json({ memberId: member.id, memberToken, role: member.role, displayName: member.displayName }, 201);
  } catch (error) {
    return errorResponse(error);
  }
}

/** PATCH /api/boards/:id/members/me — change one's own display name (Authorization: Bearer <memberToken>). */
export async function handleRenameMember(request: Request, boardId: string): Promise<Response> {
  try {
    requireJsonWrite(request);
    const body = await readJson(request, z.object({ displayName: MemberNameSchema }));
    const member = await renameSelf(getAppContext(), { boardId, memberToken: bearer(request), displayName: body.displayName });
    return json({ memberId: member.id, displayName: member.displayName });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * GET /api/boards/:id/invites — the board's capability links: all of them for its facilitators; the
 * join code and the participant link for participants when the facilitator lets them invite.
 */
export async function handleListInvites(request: Request, boardId: string): Promise<Response> {
  try {
    const { store, rooms } = getAppContext();
    const { board, reader } = await readableBoard(store, boardId, { memberToken: bearer(request) });
    const facilitator = reader.via === "member" && reader.role === "facilitator";
    if (!(await readerMayInvite(rooms, board.id, reader))) throw new ParleyError("forbidden", "Only this board's facilitators can do that.");
    const invites = (await store.listInvites(boardId)).filter((i) => facilitator || (i.role === "participant" && !i.revokedAt));
    const byRole = Object.fromEntries(invites.map((i) => [i.role, i.token]));
    return json({ joinCode: board.joinCode, invites: byRole }, 200, { "cache-control": "no-store" });
  } catch (error) {
    return errorResponse(error);
  }
}
