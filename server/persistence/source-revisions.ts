import { ParleyError } from "../../lib/errors/errors";
import type { SourceRevisionRecord } from "./board-store";
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

export async function recordSourceRevisionIn(
  tx: Transaction,
  boardId: string,
  input: { baseRevision: number; sourceId: string; memberId: string },
): Promise<SourceRevisionRecord> {
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
  return toRecord(created);
}
