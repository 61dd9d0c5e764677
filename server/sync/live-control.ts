import type { Namespace, Socket } from "socket.io";
import type { Actor } from "../../lib/board/roles";
import { ParleyError, type ErrorPayload } from "../../lib/errors/errors";
import { EVENTS } from "../../lib/protocol/protocol";
import { resolveActor } from "../boards/join-board";
import type { BoardRecord, BoardStore } from "../persistence/board-store";

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
 * Who is joining, decided after the socket is already in its member's and its board's rooms. A
 * removal, role change or deletion that commits after the second look reaches the socket through
 * those rooms; one that committed before it is seen by it. Either way nobody slips through.
 */
export async function resolveLiveActor(socket: Socket, store: BoardStore, board: BoardRecord, memberToken: string | undefined): Promise<Actor> {
  const first = await resolveActor(store, board, memberToken);
  const rooms = [board.id, ...(first.memberId ? [memberRoom(first.memberId)] : [])];
  await socket.join(rooms);
  try {
    // Both looks at once (one round trip, not two): the member's row decides, and the board's access
    // mode, which nothing changes after creation, is checked to be the one the decision assumed.
    // A deleted board is reported as such, whatever the member look found (their row went with it).
    const [current, looked] = await Promise.allSettled([store.getBoard(board.id), resolveActor(store, board, memberToken)]);
    if (current.status === "rejected") throw current.reason;
    if (!current.value) throw new ParleyError("board-not-found", `There is no board "${board.id}".`);
    if (looked.status === "rejected") throw looked.reason;
    const actor = current.value.accessMode === board.accessMode ? looked.value : await resolveActor(store, current.value, memberToken);
    if (actor.memberId !== first.memberId) throw new ParleyError("forbidden", "Your place on this board changed while joining; join again.");
    return actor;
  } catch (error) {
    for (const room of rooms) await socket.leave(room);
    throw error;
  }
}
