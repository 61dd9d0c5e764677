import { createHash, randomBytes } from "node:crypto";
import { AuthorNameSchema } from "../../lib/board/argument";
import { RoleSchema, type Actor, type Role } from "../../lib/board/roles";
import { ParleyError } from "../../lib/errors/errors";
import type { BoardRecord, BoardStore, MemberRecord } from "../persistence/board-store";
import { normalizeJoinCode } from "./create-board";

export interface JoinBoardRequest {
  displayName: string;
  /** A capability link's token: facilitator, participant or observer. */
  invite?: string;
  /** The board's six-character code: joins as a participant. */
  joinCode?: string;
}

export interface Membership {
  member: MemberRecord;
  /** The secret the browser keeps and presents on every sync connection; never stored in clear. */
  memberToken: string;
}

/**
 * Makes someone a member of a board. On a managed board that takes an invite or the join code; on an
 * open board anyone may join, as a participant. The role comes from the capability, never the request.
 */
export async function joinBoard(store: BoardStore, boardId: string, request: JoinBoardRequest): Promise<Membership> {
  const board = await store.getBoard(boardId);
  if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  const name = AuthorNameSchema.safeParse(request.displayName);
  if (!name.success) throw new ParleyError("bad-request", name.error.issues[0].message);
  const role = await roleFor(store, board, request);
  const memberToken = randomBytes(24).toString("base64url");
  const member = await store.createMember({
    id: `mem-${randomBytes(8).toString("hex")}`,
    boardId,
    role,
    displayName: name.data,
    tokenHash: hashToken(memberToken),
  });
  return { member, memberToken };
}

async function roleFor(store: BoardStore, board: BoardRecord, request: JoinBoardRequest): Promise<Role> {
  if (request.invite) {
    const invite = await store.findInvite(request.invite);
    if (!invite || invite.boardId !== board.id || invite.revokedAt) throw new ParleyError("forbidden", "That invite link is not valid for this board (any more).");
    return RoleSchema.parse(invite.role);
  }
  if (request.joinCode && normalizeJoinCode(request.joinCode) === board.joinCode) return "participant";
  if (board.accessMode === "open") return "participant";
  throw new ParleyError("forbidden", "This board is facilitated: join it with its code or an invite link.");
}

/**
 * Who is behind a sync connection. A member token decides on any board; without one, only an open
 * board lets a guest in (as a participant whose authorship cannot be checked).
 */
export async function resolveActor(store: BoardStore, board: BoardRecord, memberToken: string | undefined): Promise<Actor> {
  if (memberToken) {
    const member = await store.findMemberByTokenHash(hashToken(memberToken), { includeRemoved: true });
    if (member?.removedAt && member.boardId === board.id) throw new ParleyError("forbidden", REMOVED_MESSAGE);
    if (member && member.boardId === board.id) return { memberId: member.id, role: RoleSchema.parse(member.role), displayName: member.displayName };
    if (board.accessMode !== "open") throw new ParleyError("forbidden", "Your place on this board has expired; open the invite link or join with the code again.");
  }
  if (board.accessMode === "open") return { memberId: null, role: "participant" };
  throw new ParleyError("forbidden", "This board is facilitated: join it with its code or an invite link.");
}

/** What a removed member is told, on their open connections and whenever they try to come back. */
export const REMOVED_MESSAGE = "You were removed from this board.";

/** The facilitator behind a member token, for facilitator-only HTTP calls. */
export async function requireFacilitator(store: BoardStore, boardId: string, memberToken: string | null): Promise<MemberRecord> {
  const member = memberToken ? await store.findMemberByTokenHash(hashToken(memberToken)) : null;
  if (!member || member.boardId !== boardId || member.role !== "facilitator") throw new ParleyError("forbidden", "Only this board's facilitators can do that.");
  return member;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
