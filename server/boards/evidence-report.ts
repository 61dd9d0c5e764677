import { boardEvidenceReport } from "../../lib/evidence/board-report";
import type { DraftForReport, EvidenceReport } from "../../lib/evidence/report";
import { loadExportBoard, readExportInputs } from "../export/load-export-board";
import type { ExportService } from "../export/export-service";
import type { BoardStore } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";
import type { BoardReader } from "./read-access";

/**
 * The evidence report as one reader may see it. Quote-support means come from the votes, which are
 * blind until revealed: before that only a facilitator gets them. Draft counts (never a draft's text)
 * are the facilitator's too, as the drafts themselves are private to their authors and teams.
 * With `exports` the report is computed in its render pool, off the event loop that relays edits.
 */
export async function readEvidenceReport(
  store: BoardStore,
  boardId: string,
  reader: BoardReader,
  rooms?: RoomManager,
  exports?: Pick<ExportService, "evidenceReport">,
): Promise<EvidenceReport> {
  const facilitator = reader.via === "member" && reader.role === "facilitator";
  const drafts: DraftForReport[] | null = facilitator ? (await store.listDrafts(boardId)).map((d) => ({ teamId: d.teamId ?? null, record: d.record })) : null;
  // In the pool the board is built there too: reading a 1,000-argument document held the loop for ~0.3 s.
  if (exports) return exports.evidenceReport(await readExportInputs(store, boardId, { includeVotes: facilitator }), { facilitator, drafts });
  return boardEvidenceReport(await loadExportBoard(store, boardId, rooms, { includeVotes: facilitator }), { facilitator, drafts });
}
