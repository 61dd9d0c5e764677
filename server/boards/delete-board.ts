import { z } from "zod";
import { ParleyError, toErrorPayload } from "../../lib/errors/errors";
import { DEMO_BOARD_ID } from "../../prisma/seed/demo-board";
import { withRejoin } from "../sync/live-control";
import { facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

/** The facilitator types the board's title to confirm, as the panel asks. */
export const DeleteBoardSchema = z.object({ confirmTitle: z.string().max(400) }).strict();

/**
 * Deletes a board and every row that belongs to it (log, snapshots, members, invites, votes, drafts);
 * the source document stays, other boards may use it. Everyone connected is told and disconnected,
 * and their clients' next join learns the board is gone. The demo board cannot be deleted.
 */
export async function deleteBoard(deps: TeacherDeps, request: FacilitatorRequest & { body: unknown }): Promise<void> {
  const parsed = DeleteBoardSchema.safeParse(request.body);
  if (!parsed.success) throw new ParleyError("bad-request", "Confirm by sending the board's title as { confirmTitle }.");
  const { board } = await facilitatorOf(deps.store, request);
  if (board.id === DEMO_BOARD_ID) throw new ParleyError("forbidden", "The demo board cannot be deleted.");
  if (parsed.data.confirmTitle.trim() !== board.title.trim()) throw new ParleyError("bad-request", `Type the board's title, "${board.title}", to confirm.`);
  if (!(await deps.store.deleteBoard(board.id))) throw new ParleyError("board-not-found", `There is no board "${board.id}".`);
  deps.live.closeBoard(board.id, withRejoin(toErrorPayload(new ParleyError("board-not-found", "This board was deleted by its facilitator."))));
}
