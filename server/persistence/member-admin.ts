import { ParleyError } from "../../lib/errors/errors";
import { nameKey } from "../boards/name-key";
import type { BoardRecord, InviteReissue, MemberChange, MemberRecord } from "./board-store";
import type { PrismaClient } from "./generated/client";

/**
 * The teacher's member and invite changes for PrismaBoardStore, each run inside one transaction that
 * holds the board's row lock (the lock appends take too), so two facilitators acting at once are
 * serialised: a board never loses its last facilitator, a name is never given twice.
 */
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Member columns that may leave the store: never the token hash. */
export const MEMBER_FIELDS = { id: true, boardId: true, role: true, displayName: true, createdAt: true, removedAt: true } as const;

export async function removeMemberInTransaction(tx: Transaction, boardId: string, memberId: string): Promise<MemberRecord> {
  const member = await lockedMember(tx, boardId, memberId);
  if (member.removedAt) return member;
  if (member.role === "facilitator") await keepAFacilitator(tx, boardId, memberId);
  return tx.boardMember.update({ where: { id: memberId }, data: { removedAt: new Date() }, select: MEMBER_FIELDS });
}

export async function changeMemberInTransaction(tx: Transaction, boardId: string, memberId: string, change: MemberChange): Promise<MemberRecord> {
  const member = await lockedMember(tx, boardId, memberId);
  if (member.removedAt) throw new ParleyError("invalid-content", `${member.displayName} was removed from this board.`);
  if (change.displayName !== undefined) {
    // Compared as names read (case, spacing, invisible characters, look-alike letters): see name-key.ts.
    const wanted = nameKey(change.displayName);
    const others = await tx.boardMember.findMany({ where: { boardId, removedAt: null, id: { not: memberId } }, select: { displayName: true } });
    const clash = others.find((m) => nameKey(m.displayName) === wanted);
    if (clash) throw new ParleyError("invalid-content", `Someone on this board is already called "${clash.displayName}".`);
  }
  if (change.role !== undefined && change.role !== "facilitator" && member.role === "facilitator") await keepAFacilitator(tx, boardId, memberId);
  return tx.boardMember.update({ where: { id: memberId }, data: change, select: MEMBER_FIELDS });
}

export async function reissueInvitesInTransaction(tx: Transaction, boardId: string, reissue: InviteReissue): Promise<BoardRecord> {
  await lockBoard(tx, boardId);
  const roles = reissue.invites.map((i) => i.role);
  await tx.boardInvite.updateMany({ where: { boardId, role: { in: roles }, revokedAt: null }, data: { revokedAt: new Date() } });
  for (const invite of reissue.invites) await tx.boardInvite.create({ data: { ...invite, boardId } });
  if (reissue.joinCode === undefined) return tx.board.findUniqueOrThrow({ where: { id: boardId } });
  const taken = await tx.board.findUnique({ where: { joinCode: reissue.joinCode }, select: { id: true } });
  if (taken) throw new ParleyError("invalid-content", "That join code is taken; try again.");
  return tx.board.update({ where: { id: boardId }, data: { joinCode: reissue.joinCode } });
}

/** Takes the board's row lock (the one appends take too) for the rest of the transaction. */
async function lockBoard(tx: Transaction, boardId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "boards" WHERE "id" = ${boardId} FOR NO KEY UPDATE`;
  if (rows.length === 0) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
}

async function lockedMember(tx: Transaction, boardId: string, memberId: string): Promise<MemberRecord> {
  await lockBoard(tx, boardId);
  const member = await tx.boardMember.findUnique({ where: { id: memberId }, select: MEMBER_FIELDS });
  if (!member || member.boardId !== boardId) throw new ParleyError("bad-request", "That person is not a member of this board.");
  return member;
}

/** Refuses a change that would leave no active facilitator besides `memberId`. */
async function keepAFacilitator(tx: Transaction, boardId: string, memberId: string): Promise<void> {
  const others = await tx.boardMember.count({ where: { boardId, role: "facilitator", removedAt: null, id: { not: memberId } } });
  if (others === 0) throw new ParleyError("invalid-content", "A board needs at least one facilitator: make someone else a facilitator first.");
}

