import { readEvidenceReport } from "../boards/evidence-report";
import { readableBoard } from "../boards/read-access";
import { getAppContext } from "./context";
import { readCredentialsCharged } from "./guard";
import { limitRequest } from "./rate-limit";
import { errorResponse, json } from "./respond";

/**
 * GET /api/boards/:id/evidence — the evidence report (lib/evidence/report.ts) for anyone who may read
 * the board, filtered by who asks (server/boards/evidence-report.ts). Never cached: it changes with
 * every argument, and a facilitator's copy holds figures others may not see yet.
 */
export async function handleEvidenceReport(request: Request, boardId: string): Promise<Response> {
  try {
    await limitRequest(request, "export");
    const { store, rooms, exports } = getAppContext();
    const { reader } = await readableBoard(store, boardId, await readCredentialsCharged(request));
    const report = await readEvidenceReport(store, boardId, reader, rooms, exports);
    return json(report, 200, { "cache-control": "private, no-store" });
  } catch (error) {
    return errorResponse(error);
  }
}
