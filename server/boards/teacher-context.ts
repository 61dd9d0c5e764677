import { docFromParts } from "../../lib/board/snapshot";
import type { ModelResult } from "../../lib/board/validate";
import { readSession, type SessionState } from "../../lib/session/session";
import { ParleyError } from "../../lib/errors/errors";
import type { BoardRecord, BoardStore, MemberRecord } from "../persistence/board-store";
import type { LiveControl } from "../sync/live-control";
import type { RoomManager } from "../sync/room-manager";
import type * as Y from "yjs";
import { requireFacilitator } from "./join-board";
import { ACTION_COST, chargeTeacherAction } from "./teacher-limits";

/** What the teacher's use-cases need from the running server (a slice of the AppContext). */
export interface TeacherDeps {
  store: BoardStore;
  rooms: RoomManager;
  live: LiveControl;
}

/** Who asks, on which board: every teacher action starts from a facilitator's member token. */
export interface FacilitatorRequest {
  boardId: string;
  /** The caller's member token (Authorization: Bearer …); null when none was sent. */
  memberToken: string | null;
}

/**
 * The board and the facilitator behind the request, or `forbidden` / `board-not-found`; counts the
 * action against the facilitator's rate limit (`rate-limited`).
 */
export async function facilitatorOf(
  store: BoardStore,
  request: FacilitatorRequest,
  cost: number = ACTION_COST.light,
): Promise<{ board: BoardRecord; facilitator: MemberRecord }> {
  // Credentials first: without them nobody learns whether a board exists.
  const facilitator = await requireFacilitator(store, request.boardId, request.memberToken);
  await chargeTeacherAction(facilitator.id, cost);
  const board = await store.getBoard(request.boardId);
  if (!board) throw new ParleyError("board-not-found", `There is no board "${request.boardId}".`);
  return { board, facilitator };
}

/** The session as it stands: from the loaded room when there is one, else from the stored state (the same thing). */
export async function readLiveSession(deps: Pick<TeacherDeps, "store" | "rooms">, boardId: string): Promise<SessionState> {
  const room = await deps.rooms.peek(boardId);
  if (room) return readSession(room.doc);
  const doc = docFromParts((await deps.store.loadBoardState(boardId)).parts);
  const session = readSession(doc);
  doc.destroy();
  return session;
}

/**
 * Changes the board document the way a facilitator's command does: through the board's room (loaded
 * for the occasion if nobody is connected), saved before it is applied and broadcast.
 */
export async function changeBoardDocument<T>(deps: TeacherDeps, boardId: string, memberId: string, change: (doc: Y.Doc) => ModelResult<T>): Promise<T> {
  const room = await deps.rooms.acquire(boardId);
  try {
    const result = await room.runServerChange(memberId, change);
    if (!result.ok) throw new ParleyError("invalid-content", result.error.message, result.error);
    return result.value;
  } finally {
    deps.rooms.release(room);
  }
}
