import { closedReason } from "../../lib/session/session";
import type { BoardStore, MemberRecord } from "../persistence/board-store";
import { sendRoster } from "../sync/audience";
import type { RoomManager } from "../sync/room-manager";
import { renameMember } from "./join-board";
import { readLiveSession } from "./teacher-context";

/** What renaming oneself needs from the running server (a slice of the AppContext). */
export interface RenameSelfDeps {
  store: BoardStore;
  rooms: RoomManager;
}

/** A member's own request to change their display name, with the member token that proves who they are. */
export interface RenameSelfRequest {
  boardId: string;
  memberToken: string | null;
  displayName: string;
}

/**
 * A member changes their own display name. The name is stored first (unique per managed board);
 * then their open connections on this process sign new arguments with it, and the facilitators'
 * class lists show it now rather than at the next join.
 */
export async function renameSelf(deps: RenameSelfDeps, request: RenameSelfRequest): Promise<MemberRecord> {
  const member = await renameMember(deps.store, request.boardId, request.memberToken, request.displayName, {
    // After class (ended, archived) only facilitators rename: the review credits people by name.
    closedReason: async () => closedReason(await readLiveSession(deps, request.boardId)),
  });
  const room = await deps.rooms.peek(request.boardId);
  if (room) {
    for (const connection of room.connections.values()) if (connection.actor.memberId === member.id) connection.actor.displayName = member.displayName;
    await sendRoster(room, deps.store);
  }
  return member;
}
