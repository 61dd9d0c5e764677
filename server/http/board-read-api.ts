import { ParleyError } from "../../lib/errors/errors";
import { readableBoard, readerMayInvite } from "../boards/read-access";
import { getAppContext } from "./context";
import { readCredentialsCharged } from "./guard";
import { toSourceView, toSummary } from "./queries";
import { errorResponse, json } from "./respond";
import type { BoardReadView } from "../../lib/views/board-views";

/**
 * GET /api/boards/:id[?include=source] — a board as this reader may see it. The pages of a managed
 * board render nothing of it on the server (nobody's credentials are known there); the browser calls
 * this with its member token (`Authorization: Bearer …`) or the link it was given (`?invite=`, `?code=`).
 * The join code is in the answer only for those who may invite.
 */
export async function handleGetBoard(request: Request, boardId: string): Promise<Response> {
  try {
    const { store, rooms } = getAppContext();
    const { board, reader } = await readableBoard(store, boardId, await readCredentialsCharged(request));
    const source = await store.getSourceDocument(board.sourceId);
    if (!source) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    const withSource = new URL(request.url).searchParams.get("include") === "source";
    const withJoinCode = await readerMayInvite(rooms, board.id, reader);
    const view: BoardReadView = {
      board: toSummary(board, source.title, { withJoinCode }),
      role: reader.role,
      ...(withSource ? { source: toSourceView(source) } : {}),
    };
    // Per reader: never kept by a shared cache, and the answer can name a join code.
    return json(view, 200, { "cache-control": "private, no-store", vary: "authorization" });
  } catch (error) {
    return errorResponse(error);
  }
}
