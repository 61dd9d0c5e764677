import { z } from "zod";
import { RoleSchema, type Role } from "../../lib/board/roles";
import { ParleyError } from "../../lib/errors/errors";
import { readSession } from "../../lib/session/session";
import type { BoardAccess, BoardRecord, BoardStore, MemberRecord } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";
import { normalizeJoinCode } from "./create-board";
import { hashToken } from "./token";

/**
 * Who may read a board: the one decision every page, API route and the sync join go through.
 *
 * - An **open** board (the demo) is public: anyone may read it.
 * - A **managed** board is read by its members (a member token of that board), or through one of its
 *   live invite links (the observer link is the facilitator-made public read link), or with its join
 *   code — which already lets anyone in as a participant, so reading with it grants nothing more.
 */

/** Board ids are generated from letters and digits ("demo" is the seeded one); anything else never reaches the database. */
export const BoardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "That is not a board id.");

/** Invite tokens are base64url; checking the shape first keeps odd bytes (a NUL) away from the database. */
export const InviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "That invite link is not valid.");

export function isBoardId(id: unknown): id is string {
  return BoardIdSchema.safeParse(id).success;
}

/** What a reader may present. Each is optional; the strongest valid one decides. */
export interface ReadCredentials {
  /** A member's secret (`Authorization: Bearer …`, or the sync join's `memberToken`). */
  memberToken?: string | null;
  /** A capability link's token (`?invite=`). */
  invite?: string | null;
  /** The board's six-character code (`?code=`). */
  joinCode?: string | null;
}

/** Why a read was allowed, and as whom. */
export type BoardReader =
  | { via: "member"; member: MemberRecord; role: Role }
  | { via: "invite"; role: Role }
  | { via: "join-code"; role: "participant" }
  | { via: "public"; role: null };

/** What a removed member is told, on their open connections and whenever they try to come back. */
export const REMOVED_MESSAGE = "You were removed from this board.";

const FORBIDDEN = "This board is facilitated: join it with its code or an invite link.";
const EXPIRED = "Your place on this board has expired; open the invite link or join with the code again.";

/** The row behind a member token (removed members included), as authorizeBoardRead reads it. */
export function findTokenMember(store: BoardStore, memberToken: string): Promise<MemberRecord | null> {
  return store.findMemberByTokenHash(hashToken(memberToken), { includeRemoved: true });
}

/**
 * Decides whether `credentials` may read `board`; throws `forbidden` when they may not.
 * A member token of another board never counts, and on a managed board it is refused outright (the
 * browser then forgets it and asks for the code again). `looked`: the token's row (findTokenMember),
 * when the caller has just read it alongside the board, so it is not read twice.
 */
export async function authorizeBoardRead(
  store: BoardStore,
  board: BoardAccess,
  credentials: ReadCredentials,
  looked?: { member: MemberRecord | null },
): Promise<BoardReader> {
  if (credentials.memberToken) {
    const member = looked ? looked.member : await findTokenMember(store, credentials.memberToken);
    // A removed member's token stops working everywhere, with a reason (even on an open board).
    if (member?.removedAt && member.boardId === board.id) throw new ParleyError("forbidden", REMOVED_MESSAGE);
    if (member && member.boardId === board.id) return { via: "member", member, role: RoleSchema.parse(member.role) };
    if (board.accessMode === "open") return { via: "public", role: null };
    if (!credentials.invite && !credentials.joinCode) throw new ParleyError("forbidden", EXPIRED);
  }
  if (board.accessMode === "open") return { via: "public", role: null };
  if (credentials.invite && InviteTokenSchema.safeParse(credentials.invite).success) {
    const invite = await store.findInvite(credentials.invite);
    if (invite && invite.boardId === board.id && !invite.revokedAt) return { via: "invite", role: RoleSchema.parse(invite.role) };
  }
  if (credentials.joinCode && normalizeJoinCode(credentials.joinCode) === board.joinCode) return { via: "join-code", role: "participant" };
  throw new ParleyError("forbidden", FORBIDDEN);
}

/** Loads a board by id and authorizes the read in one step: `board-not-found` or `forbidden` otherwise. */
export async function readableBoard(store: BoardStore, boardId: string, credentials: ReadCredentials): Promise<{ board: BoardRecord; reader: BoardReader }> {
  if (!isBoardId(boardId)) throw new ParleyError("board-not-found", "That is not a board id.");
  const board = await store.getBoard(boardId);
  if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  return { board, reader: await authorizeBoardRead(store, board, credentials) };
}

/**
 * Whether this reader may see the join code and invite links. Facilitators always; participants only
 * when the facilitator allows it (`participantsInvite`, read from the live session by the caller).
 */
export function mayInvite(reader: BoardReader, participantsInvite = false): boolean {
  if (reader.via !== "member") return false;
  return reader.role === "facilitator" || (reader.role === "participant" && participantsInvite);
}

/**
 * mayInvite for a reader of a board, reading the facilitator's `participantsInvite` setting from the
 * live session only when it matters (a participant). Used by every route that shows the code or links.
 */
export async function readerMayInvite(rooms: RoomManager, boardId: string, reader: BoardReader): Promise<boolean> {
  const participantsInvite = reader.via === "member" && reader.role === "participant" && (await participantsMayInvite(rooms, boardId));
  return mayInvite(reader, participantsInvite);
}

/** Whether the facilitator lets participants invite: read from the board's live session (loading the room if needed). */
async function participantsMayInvite(rooms: RoomManager, boardId: string): Promise<boolean> {
  const room = await rooms.acquire(boardId);
  try {
    return readSession(room.doc).settings.participantsInvite === true;
  } finally {
    rooms.release(room);
  }
}
