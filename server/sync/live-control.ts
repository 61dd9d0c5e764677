import type { Namespace, Socket } from "socket.io";
import type { Actor } from "../../lib/board/roles";
import { ParleyError, type ErrorPayload } from "../../lib/errors/errors";
import { EVENTS } from "../../lib/protocol/protocol";
import { resolveActor } from "../boards/join-board";
import { findTokenMember } from "../boards/read-access";
import type { BoardStore } from "../persistence/board-store";

/**
 * What the teacher's use-cases (server/boards/*) may do to live connections, without knowing how they
 * are carried. Each call reaches every server process: the Socket.io rooms go through the adapter
 * (Redis when scaled out), so a member connected to another process is closed all the same.
 */
export interface LiveControl {
  /**
   * Tells a member's open connections why, then closes them. With `rejoin` their client joins again
   * at once and learns where it stands now (a new role or name); without, the join is refused.
   */
  disconnectMember(memberId: string, error: ErrorPayload, options?: { rejoin?: boolean }): void;
  /** Tells everyone on a board why, then closes their connections (the board was deleted). */
  closeBoard(boardId: string, error: ErrorPayload): void;
}

/** The Socket.io room holding every connection of one member (member ids are unique across boards). */
export const memberRoom = (memberId: string): string => `member:${memberId}`;

/** Live control over the sync namespace. */
export function createLiveControl(namespace: Namespace): LiveControl {
  const tellThenClose = (room: string, error: ErrorPayload) => {
    // Same connection, same order: the error frame reaches the client before the namespace's
    // disconnect packet, so it can say why. The transport stays up for the client's next join.
    namespace.in(room).emit(EVENTS.error, error);
    namespace.in(room).disconnectSockets(false);
  };
  return {
    disconnectMember: (memberId, error, options = {}) => tellThenClose(memberRoom(memberId), options.rejoin ? withRejoin(error) : error),
    closeBoard: (boardId, error) => tellThenClose(boardId, error),
  };
}

/** Marks an error frame as "join again": the client reconnects instead of giving up. */
export function withRejoin(error: ErrorPayload): ErrorPayload {
  const details = typeof error.details === "object" && error.details !== null ? error.details : {};
  return { ...error, details: { ...details, rejoin: true } };
}

/**
 * Who is joining `boardId`, decided after the socket is already in its member's and its board's rooms.
 * A removal, role change or deletion that commits after the deciding look reaches the socket through
 * those rooms; one that committed before it is seen by it. Either way nobody slips through.
 *
 * Two round trips, three reads at most: the token's row alone names the member room to join (it
 * decides nothing); then the board's access fields and the row again, read together, decide. A board
 * that does not exist (or was deleted meanwhile) is found by that second look. Alone on its database,
 * the process answers the access fields from memory (record-cache.ts): a guest's join reads nothing.
 */
export async function resolveLiveActor(socket: Socket, store: BoardStore, boardId: string, memberToken: string | undefined): Promise<Actor> {
  const first = memberToken ? await findTokenMember(store, memberToken) : null;
  // Only a current member of this board has a member room worth joining; anyone else is decided below.
  const firstMemberId = first && first.boardId === boardId && !first.removedAt ? first.id : null;
  const rooms = [boardId, ...(firstMemberId ? [memberRoom(firstMemberId)] : [])];
  await socket.join(rooms);
  try {
    // A deleted board is reported as such, whatever the member look found (their row went with it).
    const [board, looked] = await Promise.allSettled([store.getBoardAccess(boardId), memberToken ? findTokenMember(store, memberToken) : Promise.resolve(null)]);
    if (board.status === "rejected") throw board.reason;
    if (!board.value) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
    if (looked.status === "rejected") throw looked.reason;
    const actor = await resolveActor(store, board.value, memberToken, { member: looked.value });
    if (actor.memberId !== firstMemberId) throw new ParleyError("forbidden", "Your place on this board changed while joining; join again.");
    return actor;
  } catch (error) {
    for (const room of rooms) await socket.leave(room);
    throw error;
  }
}
