import { z } from "zod";
import { ParleyError } from "../../lib/errors/errors";
import { readSession, writeSession } from "../../lib/session/session";
import type { BoardRecord } from "../persistence/board-store";
import { changeBoardDocument, facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

export const ArchiveSchema = z.object({ archived: z.boolean() }).strict();

/**
 * Archives a board (hidden from listings, read-only for all but facilitators) or brings it back.
 * The document's session is changed first, so the board is read-only before it leaves the listings;
 * a failure between the two steps is healed by trying again (both are idempotent).
 */
export async function archiveBoard(deps: TeacherDeps, request: FacilitatorRequest & { body: unknown }): Promise<BoardRecord> {
  const parsed = ArchiveSchema.safeParse(request.body);
  if (!parsed.success) throw new ParleyError("bad-request", "Send { archived: true } to archive the board or { archived: false } to bring it back.");
  const { board, facilitator } = await facilitatorOf(deps.store, request);
  const archivedAt = parsed.data.archived ? (board.archivedAt ?? new Date()) : null;
  await changeBoardDocument(deps, board.id, facilitator.id, (doc) => {
    const status = readSession(doc).status ?? { endedAt: null, archivedAt: null };
    writeSession(doc, { status: { ...status, archivedAt: archivedAt?.getTime() ?? null } });
    return { ok: true, value: null };
  });
  return deps.store.setBoardArchived(board.id, archivedAt);
}
