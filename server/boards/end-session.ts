import { z } from "zod";
import { ParleyError } from "../../lib/errors/errors";
import { readSession, writeSession, type SessionStatus } from "../../lib/session/session";
import { changeBoardDocument, facilitatorOf, type FacilitatorRequest, type TeacherDeps } from "./teacher-context";

export const EndSessionSchema = z.object({ ended: z.boolean() }).strict();

/**
 * Ends the session (`ended: true`) or reopens it. An ended session is read-only for everyone but
 * facilitators: the fact lives in the board document's session, so every sync server refuses
 * participants' updates and commands from the moment it is saved, and every screen shows it live.
 */
export async function endSession(deps: TeacherDeps, request: FacilitatorRequest & { body: unknown }): Promise<SessionStatus> {
  const parsed = EndSessionSchema.safeParse(request.body);
  if (!parsed.success) throw new ParleyError("bad-request", "Send { ended: true } to end the session or { ended: false } to reopen it.");
  const { facilitator } = await facilitatorOf(deps.store, request);
  return changeBoardDocument(deps, request.boardId, facilitator.id, (doc) => {
    const status = readSession(doc).status ?? { endedAt: null, archivedAt: null };
    // Ending twice keeps the first time: that is when the class stopped.
    const endedAt = parsed.data.ended ? (status.endedAt ?? Date.now()) : null;
    writeSession(doc, { status: { ...status, endedAt } });
    return { ok: true, value: { ...status, endedAt } };
  });
}
