import { randomBytes } from "node:crypto";
import { RoleSchema, type Actor, type Role } from "../../lib/board/roles";
import { ParleyError } from "../../lib/errors/errors";
import type { BoardAccess, BoardRecord, BoardStore, MemberRecord } from "../persistence/board-store";
import { normalizeJoinCode } from "./create-board";
import { authorizeBoardRead, InviteTokenSchema, isBoardId } from "./read-access";
import { isVisibleName, MemberNameSchema, nameKey } from "./name-key";
import { hashToken } from "./token";

export { hashToken };

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
  if (!isBoardId(boardId)) throw new ParleyError("board-not-found", "That is not a board id.");
  const board = await store.getBoard(boardId);
  if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  const name = MemberNameSchema.safeParse(request.displayName);
  if (!name.success) throw new ParleyError("bad-request", name.error.issues[0].message);
  const role = await roleFor(store, board, request);
  const memberToken = randomBytes(24).toString("base64url");
  const member = await withFreeName(store, board, name.data, null, () =>
    store.createMember({
      id: `mem-${randomBytes(8).toString("hex")}`,
      boardId,
      role,
      displayName: name.data,
      tokenHash: hashToken(memberToken),
    }),
  );
  return { member, memberToken };
}

/**
 * Changes a member's display name (the holder of `memberToken`, on `boardId`); answers the member as
 * renamed. On a managed board the name must not be anyone else's there, in any letter case.
 * `closedReason` reads why the board is closed (ended, archived), if it is: only facilitators rename then.
 */
export async function renameMember(
  store: BoardStore,
  boardId: string,
  memberToken: string | null,
  displayName: string,
  { closedReason }: { closedReason?: () => Promise<string | null> } = {},
): Promise<MemberRecord> {
  const name = MemberNameSchema.safeParse(displayName);
  if (!name.success) throw new ParleyError("bad-request", name.error.issues[0].message);
  const member = memberToken ? await store.findMemberByTokenHash(hashToken(memberToken)) : null;
  const board = member && member.boardId === boardId ? await store.getBoard(boardId) : null;
  if (!member || !board) throw new ParleyError("forbidden", "Join the board first.");
  // An ended or archived board is read-only for everyone but its facilitators, names included (the review credits them).
  const closed = member.role === "facilitator" ? null : await closedReason?.();
  if (closed) throw new ParleyError("forbidden", closed);
  await withFreeName(store, board, name.data, member.id, () => store.renameMember(member.id, name.data));
  return { ...member, displayName: name.data };
}

/**
 * Gives `name` to a member of `board` (`self`: the member being renamed, null for a newcomer) by
 * running `write`, once nobody else on the board holds that name (nameKey: case, spacing, accents and look-alikes
 * spaces ignored; removed members keep theirs). Joins, one's own rename and a facilitator's rename all
 * claim names here, one at a time per board in this process.
 */
export function withFreeName<T>(store: BoardStore, board: BoardRecord, name: string, self: string | null, write: () => Promise<T>): Promise<T> {
  return oneNameAtATime(board, async () => {
    await requireFreeName(store, board, name, self);
    return write();
  });
}

/** How two names compare: case, accents, spacing, invisible characters and look-alike letters ignored (see name-key.ts). */
export { nameKey };

/**
 * On a managed board a name says who wrote an argument and who is facilitating: nobody may take
 * another member's. Open boards (the demo) have no roles to impersonate and let guests write under
 * any name, so they do not check.
 */
async function requireFreeName(store: BoardStore, board: BoardRecord, name: string, self: string | null): Promise<void> {
  if (!isVisibleName(name)) throw new ParleyError("bad-request", "Please give a display name that shows some letters.", { field: "displayName" });
  if (board.accessMode === "open") return;
  const taken = (await store.listMembers(board.id)).find((m) => m.id !== self && nameKey(m.displayName) === nameKey(name));
  if (taken) throw new ParleyError("invalid-content", `Someone on this board is already called “${taken.displayName}”. Choose another name.`, { field: "displayName" });
}

/** Name checks and writes for one board run one after another in this process, so two joins cannot both take a free name. */
const nameQueues = new Map<string, Promise<unknown>>();

async function oneNameAtATime<T>(board: BoardRecord, work: () => Promise<T>): Promise<T> {
  const before = nameQueues.get(board.id) ?? Promise.resolve();
  const mine = before.then(work, work);
  const tail = mine.catch(() => undefined);
  nameQueues.set(board.id, tail);
  try {
    return await mine;
  } finally {
    if (nameQueues.get(board.id) === tail) nameQueues.delete(board.id);
  }
}

async function roleFor(store: BoardStore, board: BoardRecord, request: JoinBoardRequest): Promise<Role> {
  if (request.invite) {
    const invite = InviteTokenSchema.safeParse(request.invite).success ? await store.findInvite(request.invite) : null;
    if (!invite || invite.boardId !== board.id || invite.revokedAt) throw new ParleyError("forbidden", "That invite link is not valid for this board (any more).");
    return RoleSchema.parse(invite.role);
  }
  if (request.joinCode && normalizeJoinCode(request.joinCode) === board.joinCode) return "participant";
  if (board.accessMode === "open") return "participant";
  throw new ParleyError("forbidden", "This board is facilitated: join it with its code or an invite link.");
}

/**
 * Who is behind a sync connection. The read decision is authorizeBoardRead's: a member token decides on
 * any board; without one, only an open board lets a guest in (as a participant whose authorship cannot
 * be checked).
 */
export async function resolveActor(
  store: BoardStore,
  board: BoardAccess,
  memberToken: string | undefined,
  looked?: { member: MemberRecord | null },
): Promise<Actor> {
  const reader = await authorizeBoardRead(store, board, { memberToken }, looked);
  if (reader.via === "member") return { memberId: reader.member.id, role: reader.role, displayName: reader.member.displayName };
  return { memberId: null, role: "participant" };
}

export { REMOVED_MESSAGE } from "./read-access";

/** The facilitator behind a member token, for facilitator-only HTTP calls. */
export async function requireFacilitator(store: BoardStore, boardId: string, memberToken: string | null): Promise<MemberRecord> {
  const member = memberToken ? await store.findMemberByTokenHash(hashToken(memberToken)) : null;
  if (!member || member.boardId !== boardId || member.role !== "facilitator") throw new ParleyError("forbidden", "Only this board's facilitators can do that.");
  return member;
}
