import { ParleyError } from "../../lib/errors/errors";
import type { NewSourceRevision, SourceRevisionRecord } from "./board-store";
import type { Transaction } from "./member-admin";

/**
 * Source revisions for PrismaBoardStore. A board made before revisions existed (or since, by
 * create-board, which stores none) has no rows: its current source is revision 1, stored the first
 * time a revision is recorded.
 */

const SELECT = { revision: true, sourceId: true, memberId: true, createdAt: true, source: { select: { sha256: true } } } as const;
type Row = { revision: number; sourceId: string; memberId: string | null; createdAt: Date; source: { sha256: string } };
const toRecord = ({ source, ...row }: Row): SourceRevisionRecord => ({ ...row, sha256: source.sha256 });

export async function listSourceRevisionsIn(tx: Transaction, boardId: string): Promise<SourceRevisionRecord[]> {
  const board = await tx.board.findUnique({ where: { id: boardId }, select: { sourceId: true, createdAt: true, source: { select: { sha256: true } } } });
  if (!board) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  const rows = await tx.boardSourceRevision.findMany({ where: { boardId }, orderBy: { revision: "asc" }, select: SELECT });
  if (rows.length > 0) return rows.map(toRecord);
  return [{ revision: 1, sourceId: board.sourceId, sha256: board.source.sha256, memberId: null, createdAt: board.createdAt }];
}

/**
 * Records the next revision and appends its document update in the caller's transaction. The update
 * goes last: if its insert fails, everything before it rolls back with it (tested with a failing trigger).
 */
export async function recordSourceRevisionIn(tx: Transaction, boardId: string, input: NewSourceRevision): Promise<SourceRevisionRecord & { seq: number }> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "boards" WHERE "id" = ${boardId} FOR UPDATE`;
  if (locked.length === 0) throw new ParleyError("board-not-found", `There is no board "${boardId}".`);
  const existing = await listSourceRevisionsIn(tx, boardId);
  const latest = existing[existing.length - 1];
  if (latest.revision !== input.baseRevision) {
    throw new ParleyError("stale-revision", `The source is at revision ${latest.revision} now, not ${input.baseRevision}: review the plan again.`);
  }
  if (latest.revision === 1 && latest.memberId === null) {
    await tx.boardSourceRevision.upsert({
      where: { boardId_revision: { boardId, revision: 1 } },
      update: {},
      create: { boardId, revision: 1, sourceId: latest.sourceId, createdAt: latest.createdAt },
    });
  }
  const created = await tx.boardSourceRevision.create({
    data: { boardId, revision: latest.revision + 1, sourceId: input.sourceId, memberId: input.memberId },
    select: SELECT,
  });
  await tx.board.update({ where: { id: boardId }, data: { sourceId: input.sourceId } });
  // As PrismaBoardStore.appendUpdate: the bump and the insert in one statement (the row lock is ours already).
  const data = input.update.buffer instanceof ArrayBuffer ? (input.update as Uint8Array<ArrayBuffer>) : new Uint8Array(input.update);
  const appended = await tx.$queryRaw<{ seq: number }[]>`
    WITH bumped AS (
      UPDATE "boards" SET "update_seq" = "update_seq" + 1, "updated_at" = now()
      WHERE "id" = ${boardId} RETURNING "update_seq"
    )
    INSERT INTO "board_updates" ("board_id", "seq", "data", "member_id")
    SELECT ${boardId}, "update_seq", ${data}, ${input.memberId} FROM bumped
    RETURNING "seq"`;
  return { ...toRecord(created), seq: Number(appended[0].seq) };
}
