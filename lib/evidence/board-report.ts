import type { ExportBoard } from "../export/board-export";
import { talliesOf } from "../export/results";
import { computeHeat } from "./heat";
import { passageUnits } from "./passages";
import { computeEvidenceReport, mayShowVoteFigures, type DraftForReport, type EvidenceReport } from "./report";

/**
 * The evidence report of a whole board as exports carry it (lib/export/board-export.ts). Vote figures
 * come from the revealed results, or — for a facilitator reading it live — from the ballots their
 * export carries. Handouts pass `facilitator: false`: like the results summary, a handout printed
 * before the reveal shows no ratings, whoever prints it.
 */
export function boardEvidenceReport(board: ExportBoard, options: { facilitator: boolean; drafts: DraftForReport[] | null }): EvidenceReport {
  const { source, positions, arguments: args } = board;
  const units = passageUnits(source.text, source.language || undefined);
  const heat = computeHeat(source.text, units, positions, args);
  const teams = board.teams ?? [];
  const assignments = Object.fromEntries(teams.flatMap((team) => team.memberIds.map((memberId) => [memberId, team.id])));
  const showVotes = mayShowVoteFigures(options.facilitator ? "facilitator" : null, Boolean(board.results));
  const tallies = options.facilitator ? [...talliesOf(board).values()] : (board.results?.tallies ?? []);
  return computeEvidenceReport({ source: source.text, heat, positions, args, teams, assignments, tallies: showVotes ? tallies : null, drafts: options.drafts });
}
