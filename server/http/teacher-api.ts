import { z } from "zod";
import { archiveBoard } from "../boards/archive-board";
import { changeMember } from "../boards/change-member";
import { deleteBoard } from "../boards/delete-board";
import { duplicateBoard } from "../boards/duplicate-board";
import { endSession } from "../boards/end-session";
import { listPeople } from "../boards/list-people";
import { reissueInvites } from "../boards/reissue-invites";
import { removeMember } from "../boards/remove-member";
import type { FacilitatorRequest } from "../boards/teacher-context";
import { getAppContext } from "./context";
import { requireJsonWrite, requireSameOrigin } from "./guard";
import { bearer, errorResponse, json, readJson } from "./respond";

/**
 * The teacher's actions over HTTP. Every handler is thin: the facilitator's bearer token and the
 * parsed body go to a use-case in server/boards/, which checks the role and does the work.
 */
type Handler = (request: Request, asker: FacilitatorRequest) => Promise<Response>;

/**
 * `body`: the action reads a JSON body, which must be declared `application/json`. Every write is
 * refused from another site's page first, whatever its credentials (docs/security.md).
 */
function facilitatorRoute(handle: Handler, { body = false }: { body?: boolean } = {}) {
  return async (request: Request, boardId: string): Promise<Response> => {
    try {
      // As for every state-changing request: a page on another site may not act, even with a token.
      if (body) requireJsonWrite(request);
      else requireSameOrigin(request);
      return await handle(request, { boardId, memberToken: bearer(request) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const NO_STORE = { "cache-control": "no-store" };
const AnyBody = z.unknown();

/** GET /api/boards/:id/people — everyone who joined, with role, team and whether they were removed. */
export const handleListPeople = facilitatorRoute(async (_request, asker) => json(await listPeople(getAppContext(), asker), 200, NO_STORE));

/** DELETE /api/boards/:id/members/:memberId — remove someone from the board. */
export function handleRemoveMember(request: Request, boardId: string, memberId: string): Promise<Response> {
  return facilitatorRoute(async (_request, asker) => {
    const removed = await removeMember(getAppContext(), { ...asker, memberId });
    return json({ memberId: removed.id, removedAt: removed.removedAt });
  })(request, boardId);
}

/** PATCH /api/boards/:id/members/:memberId — { displayName?, role?, teamId? }. */
export function handleChangeMember(request: Request, boardId: string, memberId: string): Promise<Response> {
  return facilitatorRoute(async (req, asker) => {
    const change = await readJson(req, AnyBody);
    return json(await changeMember(getAppContext(), { ...asker, memberId, change }));
  }, { body: true })(request, boardId);
}

/** POST /api/boards/:id/invites/reissue — { roles?: Role[], joinCode?: boolean }; answers the links that work now. */
export const handleReissueInvites = facilitatorRoute(async (request, asker) =>
  json(await reissueInvites(getAppContext(), { ...asker, reissue: await readJson(request, AnyBody) }), 200, NO_STORE), { body: true },
);

/** PUT /api/boards/:id/session — { ended: boolean }: end the session or reopen it. */
export const handleEndSession = facilitatorRoute(async (request, asker) =>
  json({ status: await endSession(getAppContext(), { ...asker, body: await readJson(request, AnyBody) }) }), { body: true },
);

/** PUT /api/boards/:id/archive — { archived: boolean }. */
export const handleArchiveBoard = facilitatorRoute(async (request, asker) => {
  const board = await archiveBoard(getAppContext(), { ...asker, body: await readJson(request, AnyBody) });
  return json({ boardId: board.id, archivedAt: board.archivedAt });
}, { body: true });

/** POST /api/boards/:id/duplicate — a fresh board for the next class; answers its id and the facilitator's seat. */
export const handleDuplicateBoard = facilitatorRoute(async (_request, asker) => json(await duplicateBoard(getAppContext(), asker), 201, NO_STORE));

/** DELETE /api/boards/:id — { confirmTitle }: delete the board and everything on it. */
export const handleDeleteBoard = facilitatorRoute(async (request, asker) => {
  await deleteBoard(getAppContext(), { ...asker, body: await readJson(request, AnyBody) });
  return json({ deleted: asker.boardId });
}, { body: true });
