import { computeHeat } from "../../lib/evidence/heat";
import { passageUnits } from "../../lib/evidence/passages";
import { computeEvidenceReport, mayShowVoteFigures, type EvidenceReport } from "../../lib/evidence/report";
import { talliesOf } from "../../lib/export/results";
import type { ExportBoard } from "../../lib/export/board-export";
import type { DraftForReport } from "../../lib/evidence/report";
import { loadExportBoard } from "../export/load-export-board";
import type { BoardStore } from "../persistence/board-store";
import type { RoomManager } from "../sync/room-manager";
import type { BoardReader } from "./read-access";

/**
 * The evidence report as one reader may see it. Quote-support means come from the votes, which are
 * blind until revealed: before that only a facilitator gets them. Draft counts (never a draft's text)
 * are the facilitator's too, as the drafts themselves are private to their authors and teams.
 */
export async function readEvidenceReport(store: BoardStore, boardId: string, reader: BoardReader, rooms?: RoomManager): Promise<EvidenceReport> {
  const facilitator = reader.via === "member" && reader.role === "facilitator";
  const board = await loadExportBoard(store, boardId, rooms, { includeVotes: facilitator });
  const drafts: DraftForReport[] | null = facilitator ? (await store.listDrafts(boardId)).map((d) => ({ teamId: d.teamId ?? null, record: d.record })) : null;
  return evidenceReportOf(board, { facilitator, drafts });
}

/** The report of an export board: vote figures when revealed (`board.results`) or for a facilitator's export. */
export function evidenceReportOf(board: ExportBoard, options: { facilitator: boolean; drafts: DraftForReport[] | null }): EvidenceReport {
  const { source, positions, arguments: args } = board;
  const units = passageUnits(source.text, source.language || undefined);
  const heat = computeHeat(source.text, units, positions, args);
  const teams = board.teams ?? [];
  const assignments = Object.fromEntries(teams.flatMap((team) => team.memberIds.map((memberId) => [memberId, team.id])));
  const showVotes = mayShowVoteFigures(options.facilitator ? "facilitator" : null, Boolean(board.results));
  return computeEvidenceReport({
    source: source.text,
    heat,
    positions,
    args,
    teams,
    assignments,
    tallies: showVotes ? [...talliesOf(board).values()] : null,
    drafts: options.drafts,
  });
}
