import { ParleyError } from "../../lib/errors/errors";
import { readSession } from "../../lib/session/session";
import { mayInvite, readableBoard } from "../boards/read-access";
import { getAppContext } from "./context";
import { readCredentialsCharged } from "./guard";
import { toSourceView, toSummary } from "./queries";
import { errorResponse, json } from "./respond";
import type { BoardReadView } from "./types";

/**
 * GET /api/boards/:id[?include=source] — a board as this reader may see it. The pages of a managed
 * board render nothing of it on the server (nobody's credentials are known there); the browser calls
 * this with its member token (`Authorization: Bearer …`) or the link it was given (`?invite=`, `?code=`).
 * The join code is in the answer only for those who may invite.
 */
export async function handleGetBoard(request: Request, boardId: string): Promise<Response> {
  try {
    const { store } = getAppContext();
    const { board, reader } = await readableBoard(store, boardId, await readCredentialsCharged(request));
    const source = await store.getSourceDocument(board.sourceId);
    if (!source) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const withSource = new URL(request.url).searchParams.get("include") === "source";
    const participantsInvite = reader.via === "member" && reader.role === "participant" && (await participantsMayInvite(board.id));
    const view: BoardReadView = {
      board: toSummary(board, source.title, { withJoinCode: mayInvite(reader, participantsInvite) }),
      role: reader.role,
      ...(withSource ? { source: toSourceView(source) } : {}),
    };
    // Per reader: never kept by a shared cache, and the answer can name a join code.
    return json(view, 200, { "cache-control": "private, no-store", vary: "authorization" });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Whether the facilitator lets participants invite: read from the board's live session (loading the room if needed). */
export async function participantsMayInvite(boardId: string): Promise<boolean> {
  const { rooms } = getAppContext();
  const room = await rooms.acquire(boardId);
  try {
    return readSession(room.doc).settings.participantsInvite === true;
  } finally {
    rooms.release(room);
  }
}
